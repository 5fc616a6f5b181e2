#!/usr/bin/python3
"""bench/report.py WORK ENGINE...: the table of bench/run.sh. Reads each
engine's `/usr/bin/time -v` output (WORK/ENGINE.time), hyperfine's runs if
any (WORK/hyperfine.json) and result (WORK/ENGINE.csv); prints wall time
(hyperfine's mean when it ran, else the single timed run), CPU time (user +
system), peak RSS, the ratios to the sqlite3 shell, sendlens's targets with
PASS/MISS, and whether every engine computed the same (area, indicator,
quarter, numerator, denominator) rows. Exits 1 when an engine failed or the
results differ. Python 3 standard library."""

import json
import os
import sys

MIB = 1024 * 1024
# sendlens's targets at national scale (issue 7).
TARGETS = (
    ("no slower than the sqlite3 shell", "sqlite3", lambda s, o: s / o, "<=", 1.0),
    ("at least 3x faster than pandas", "pandas", lambda s, o: o / s, ">=", 3.0),
    ("within 1.5x of DuckDB", "duckdb", lambda s, o: s / o, "<=", 1.5),
)
RSS_LIMIT_MIB = 128


def read_time(path):
    """(wall seconds, CPU seconds, peak RSS bytes) from GNU time's -v output."""
    wall = rss = None
    cpu = 0.0
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            name, _, value = line.strip().rpartition(": ")
            if name.startswith("Elapsed (wall clock) time"):
                seconds = 0.0
                for part in value.split(":"):
                    seconds = seconds * 60 + float(part)
                wall = seconds
            elif name == "Maximum resident set size (kbytes)":
                rss = int(value) * 1024
            elif name in ("User time (seconds)", "System time (seconds)"):
                cpu += float(value)
    if wall is None or rss is None:
        raise ValueError("%s: no wall time or RSS in /usr/bin/time -v output" % path)
    return wall, cpu, rss


def read_hyperfine(work):
    """{engine: (mean, stddev, runs)} from hyperfine's JSON, if it ran."""
    path = os.path.join(work, "hyperfine.json")
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as handle:
        results = json.load(handle)["results"]
    return {r["command"]: (r["mean"], r["stddev"] or 0.0, len(r["times"])) for r in results}


def read_rows(path):
    """The result rows without the header, line ends normalised, sorted."""
    with open(path, encoding="utf-8", newline="") as text:
        lines = [line.rstrip("\r\n") for line in text]
    if not lines or lines[0] != "area,indicator,quarter,numerator,denominator":
        raise ValueError("%s: not the indicator CSV (header %r)" % (path, lines[:1]))
    return sorted(lines[1:])


def measure(work, engines):
    results, failures = {}, []
    hyperfine = read_hyperfine(work)
    for engine in engines:
        base = os.path.join(work, engine)
        if os.path.exists(base + ".failed") or not os.path.exists(base + ".csv"):
            failures.append(engine)
            continue
        wall, cpu, rss = read_time(base + ".time")
        spread = ""
        if engine in hyperfine:
            wall, stddev, runs = hyperfine[engine]
            spread = "+-%.2f (%d)" % (stddev, runs)
        results[engine] = {"wall": wall, "spread": spread, "cpu": cpu, "rss": rss,
                           "rows": read_rows(base + ".csv")}
    return results, failures


def print_table(results, failures):
    floor = results.get("sqlite3")
    print("%-9s %8s %-12s %7s %13s %12s %12s" % ("engine", "wall s", "(sd, runs)", "CPU s",
                                                 "peak RSS MiB", "wall/sqlite3", "CPU/sqlite3"))
    for engine, result in results.items():
        wall_ratio = "%.2f" % (result["wall"] / floor["wall"]) if floor else "-"
        cpu_ratio = "%.2f" % (result["cpu"] / floor["cpu"]) if floor else "-"
        print("%-9s %8.2f %-12s %7.2f %13.1f %12s %12s" % (
            engine, result["wall"], result["spread"], result["cpu"], result["rss"] / MIB,
            wall_ratio, cpu_ratio))
    for engine in failures:
        print("%-9s %8s" % (engine, "FAILED"))
    print("(wall: hyperfine's mean when it ran; CPU and peak RSS: one run under /usr/bin/time -v)")


def print_targets(results):
    if "sendlens" not in results:
        print("sendlens targets: not measured (no sendlens result)")
        return
    mine = results["sendlens"]
    print("sendlens targets:")
    for what, other, ratio_of, sense, limit in TARGETS:
        if other not in results:
            print("  %-34s %s" % (what, "not measured"))
            continue
        ratio = ratio_of(mine["wall"], results[other]["wall"])
        cpu_ratio = ratio_of(mine["cpu"], results[other]["cpu"])
        met = ratio <= limit if sense == "<=" else ratio >= limit
        print("  %-34s %6.2f (%s %.1f)  %s   (in CPU time: %.2f)" % (
            what, ratio, sense, limit, "PASS" if met else "MISS", cpu_ratio))
    rss = mine["rss"] / MIB
    print("  %-34s %6.1f (< %d)    %s" % ("peak RSS MiB", rss, RSS_LIMIT_MIB,
                                          "PASS" if rss < RSS_LIMIT_MIB else "MISS"))


def compare(results):
    """True when every engine's rows equal the first one's."""
    engines = list(results)
    if not engines:
        return False
    first = results[engines[0]]["rows"]
    same = True
    for engine in engines[1:]:
        rows = results[engine]["rows"]
        if rows != first:
            same = False
            only_first = sorted(set(first) - set(rows))[:3]
            only_other = sorted(set(rows) - set(first))[:3]
            print("DIFFERENT: %s and %s (%d vs %d rows); only in %s: %s; only in %s: %s"
                  % (engines[0], engine, len(first), len(rows), engines[0], only_first,
                     engine, only_other))
    if same:
        print("same results: %d rows (area, indicator, quarter, numerator, denominator) "
              "from %s" % (len(first), ", ".join(engines)))
    return same


def main(work, engines):
    results, failures = measure(work, engines)
    print_table(results, failures)
    print_targets(results)
    same = compare(results)
    for engine in failures:
        print("FAILED: %s (see %s)" % (engine, os.path.join(work, engine + ".err")))
    return 0 if same and not failures else 1


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: report.py WORK ENGINE...")
    sys.exit(main(sys.argv[1], sys.argv[2:]))
