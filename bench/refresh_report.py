#!/usr/bin/env python3
"""refresh_report.py OUT AREA AREAS: the table of bench/refresh.sh. Reads
hyperfine's runs (OUT/hyperfine.json: import, unchanged, refresh, full), the peak RSS
of one refresh and one full run (OUT/refresh.time, OUT/full.time under
/usr/bin/time -v) and their results (OUT/refresh.csv, OUT/full.csv);
prints the times, the ratio of a one-area refresh to a full recount beside
one area's share (1 / AREAS), and fails if the two results differ."""

import json
import os
import sys


def peak_rss_mib(path):
    with open(path) as text:
        for line in text:
            if "Maximum resident set size" in line:
                return int(line.rsplit(":", 1)[1]) / 1024
    return float("nan")


def main(out, area, areas):
    with open(os.path.join(out, "hyperfine.json")) as text:
        runs = {result["command"]: result for result in json.load(text)["results"]}
    print("one-area refresh (%s of %d areas), hyperfine's mean of %d runs:"
          % (area, areas, len(runs["full"]["times"])))
    print("| step | wall s (mean ± sd) | user + sys s | peak RSS MiB |")
    print("|---|---|---|---|")
    for name, label in (("import", "import-cases of the area again"),
                        ("unchanged", "indicators, nothing changed (the fixed cost)"),
                        ("refresh", "indicators after it (the area recounted)"),
                        ("full", "indicators, every area recounted (baseline)")):
        result = runs[name]
        timed = os.path.join(out, name + ".time")
        rss = peak_rss_mib(timed) if os.path.exists(timed) else None
        print("| %s | %.3f ± %.3f | %.3f | %s |"
              % (label, result["mean"], result["stddev"], result["user"] + result["system"],
                 "%.1f" % rss if rss is not None else "-"))
    ratio = runs["refresh"]["mean"] / runs["full"]["mean"]
    cpu = ((runs["refresh"]["user"] + runs["refresh"]["system"])
           / (runs["full"]["user"] + runs["full"]["system"]))
    print("refresh / full: %.3f in wall time, %.3f in CPU time (one area's share: %.3f)"
          % (ratio, cpu, 1 / areas))
    def cpu_of(name):
        return runs[name]["user"] + runs[name]["system"]
    fixed = cpu_of("unchanged")
    print("beyond the fixed cost: refresh / full %.3f in CPU time"
          % ((cpu_of("refresh") - fixed) / (cpu_of("full") - fixed)))
    with open(os.path.join(out, "refresh.csv")) as a, open(os.path.join(out, "full.csv")) as b:
        refreshed, full = a.read(), b.read()
    same = refreshed == full and refreshed
    print("results: %s (%d rows)" % ("identical to the full recount" if same else "DIFFERENT",
                                     refreshed.count("\n")))
    return 0 if same else 1


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
