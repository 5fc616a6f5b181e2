"""Nothing stale (issue 15): indicator results record the imports they were
counted from, a result counted from a replaced import is never stored or
shown as current, and `sendlens indicators` computes again only what
changed.

- The race of the issue, made deterministic: a script counts an area's
  case records, then waits (polling the database) until `import-cases`
  has replaced that area's import, then returns what it counted. No
  output may then show the old count for the area.
- Re-importing one area of several: the next `indicators` recomputes that
  area alone (the other areas' result rows are the same rows, ids kept),
  says so in --json ("recomputed"), records the new case import it
  counted, and stores the same results as a recompute of everything.
- A changed script (another hash), here through --scripts, recomputes
  every area of its indicators."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
AREAS = ["E99000001", "E99000002", "E99000003", "E99000004"]
CHANGED = "E99000003"
EHC = {"ehcp_within_20_weeks", "ehcp_within_20_weeks_excl_exceptions",
       "open_assessments_over_20_weeks", "annual_reviews_on_time", "requests_refused"}


def generate(folder, seed, requests):
    gen = os.path.join(t.SOURCE_DIR, "tools", "gen-cases")
    subprocess.run([sys.executable, gen, "--out", folder, "--area-codes", ",".join(AREAS),
                    "--requests", str(requests), "--years", "3", "--seed", str(seed),
                    "--jobs", "1"], check=True, capture_output=True)
    return {area: os.path.join(folder, area + ".csv") for area in AREAS}


def import_all(db, files):
    args = []
    for area in AREAS:
        args += [area, files[area]]
    result = t.run("import-cases", *args, db=db)
    checks.equal(result.returncode, 0, "import-cases (stderr: %s)" % result.stderr.strip())


def indicators(db, *args):
    result = t.run("indicators", "--json", *args, db=db)
    checks.equal(result.returncode, 0, "indicators %s (stderr: %s)" % (" ".join(args),
                                                                       result.stderr.strip()))
    return json.loads(result.stdout) if result.returncode == 0 else []


def results(db):
    return t.query(db, "SELECT id, indicator, area, period, breakdown, value, numerator, "
                       "denominator FROM indicator_result ORDER BY indicator, area, period, "
                       "breakdown")


def recorded_import(db, indicator, area):
    """The case import the store records indicator's results of area as
    counted from (None where it records none)."""
    try:
        rows = t.query(db, "SELECT case_import FROM indicator_source WHERE indicator = ? AND "
                           "area = ?", indicator, area)
    except sqlite3.Error:
        return None
    return rows[0][0] if rows else None


def without_ids(rows):
    return [row[1:] for row in rows]


RACE_SCRIPT = """VERSION = "1"
-- Counts each area's requests; then, if it counted an area other than
-- the test's new import, waits until that import is committed, so the
-- counts it returns are those of a replaced import.
indicator {
  id = "race_requests", title = "Requests counted", unit = "count", direction = "none",
  per = "area",
  counts = function(ctx)
    local rows = ctx.per_import("SELECT count(*) AS n FROM case_request WHERE id BETWEEN ?2 AND ?3")
    for _, row in ipairs(rows) do
      if row.area == "%(area)s" and row.n ~= %(new)d then
        while ctx.value("SELECT count(*) FROM case_import WHERE area = ?1 AND requests = ?2",
                        "%(area)s", %(new)d) == 0 do end
      end
    end
    local out = {}
    for _, row in ipairs(rows) do
      out[#out + 1] = {area = row.area, period = "all", numerator = row.n, denominator = row.n}
    end
    return out
  end,
}
"""


def check_race(old_files, new_files):
    db = os.path.join(work, "race.db")
    import_all(db, old_files)
    # The new file's request count, from an import of it elsewhere.
    probe = os.path.join(work, "probe.db")
    t.run("import-cases", CHANGED, new_files[CHANGED], db=probe)
    new = t.query(probe, "SELECT requests FROM case_import")[0][0]
    old = t.query(db, "SELECT requests FROM case_import WHERE area = ?", CHANGED)[0][0]
    checks.check(old != new, "the two files of the area differ (%d, %d requests)" % (old, new))
    script = os.path.join(work, "race.lua")
    with open(script, "w") as out:
        out.write(RACE_SCRIPT % {"area": CHANGED, "new": new})
    running = subprocess.Popen([t.SENDLENS, "--db", db, "indicators", "--json", "--max-seconds",
                                "100", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    time.sleep(1.0)  # let it count the old import first (it waits for the new one then)
    result = t.run("import-cases", CHANGED, new_files[CHANGED], db=db)
    checks.equal(result.returncode, 0, "race: import-cases (stderr: %s)" % result.stderr.strip())
    out, err = running.communicate(timeout=200)
    checks.equal(running.returncode, 0, "race: indicators (stderr: %s)" % err.strip())
    stored = t.query(db, "SELECT numerator FROM indicator_result WHERE indicator = "
                         "'race_requests' AND area = ?", CHANGED)
    checks.check(all(row[0] == new for row in stored),
                 "race: the store holds no count of the replaced import: %r (new %d, old %d)"
                 % (stored, new, old))
    exported = [row for row in t.export(db)["indicators"]
                if row["indicator"] == "race_requests" and row["area"] == CHANGED]
    checks.check(all(row["numerator"] == new for row in exported),
                 "race: the export shows no count of the replaced import: %r" % exported)
    shown = [value for indicator in (json.loads(out) if out.strip() else [])
             for value in indicator["values"] if value["area"] == CHANGED]
    checks.check(shown and all(value["numerator"] == new for value in shown),
                 "race: indicators --json shows the new import's count: %r" % shown)
    current = t.query(db, "SELECT id FROM case_import WHERE area = ?", CHANGED)[0][0]
    checks.equal(recorded_import(db, "race_requests", CHANGED), current, "race: the results record the import they were counted from")


def check_incremental(old_files, new_files):
    db = os.path.join(work, "incremental.db")
    import_all(db, old_files)
    first = indicators(db)
    for indicator in first:
        if indicator["id"] in EHC:
            checks.equal(sorted(indicator.get("recomputed", [])), AREAS,
                         "first run computes every area: " + indicator["id"])
    before = results(db)
    again = indicators(db)
    for indicator in again:
        checks.equal(indicator.get("recomputed"), [], "nothing changed, nothing recomputed: "
                     + indicator["id"])
    checks.equal(results(db), before, "nothing changed: the same rows")

    result = t.run("import-cases", CHANGED, new_files[CHANGED], db=db)
    checks.equal(result.returncode, 0, "re-import of one area")
    refreshed = indicators(db)
    for indicator in refreshed:
        if indicator["id"] in EHC:
            checks.equal(indicator.get("recomputed"), [CHANGED],
                         "only the re-imported area is recomputed: " + indicator["id"])
            sources = {source["area"]: source.get("case_import")
                       for source in indicator.get("sources", [])}
            current = t.query(db, "SELECT id FROM case_import WHERE area = ?", CHANGED)[0][0]
            checks.equal(sources.get(CHANGED), current,
                         "--json names the import counted: " + indicator["id"])
    after = results(db)
    kept_before = [row for row in before if row[2] != CHANGED]
    kept_after = [row for row in after if row[2] != CHANGED]
    checks.check(kept_before and kept_after == kept_before,
                 "the other areas' result rows are the same rows (ids kept)")
    checks.check(without_ids([r for r in after if r[2] == CHANGED])
                 != without_ids([r for r in before if r[2] == CHANGED]),
                 "the re-imported area's results changed with its records")

    full = os.path.join(work, "full.db")
    import_all(full, old_files)
    t.run("import-cases", CHANGED, new_files[CHANGED], db=full)
    indicators(full)
    checks.equal(without_ids(after), without_ids(results(full)),
                 "the refreshed results equal a computation of everything")
    return db


def check_changed_script(db):
    scripts = os.path.join(work, "scripts")
    os.makedirs(os.path.join(scripts, "indicators"))
    with open(os.path.join(t.SOURCE_DIR, "scripts", "indicators", "ehc.lua")) as source:
        text = source.read()
    with open(os.path.join(scripts, "indicators", "ehc.lua"), "w") as out:
        out.write(text + "\n-- an edit: another hash\n")
    before = results(db)
    result = t.run("--scripts", scripts, "indicators", "--json", db=db)
    checks.equal(result.returncode, 0, "indicators with --scripts (stderr: %s)"
                 % result.stderr.strip())
    changed = json.loads(result.stdout) if result.returncode == 0 else []
    for indicator in changed:
        if indicator["id"] in EHC:
            checks.equal(sorted(indicator.get("recomputed", [])), AREAS,
                         "another script recomputes every area: " + indicator["id"])
    checks.equal(without_ids(results(db)), without_ids(before),
                 "the same counts from the edited (equivalent) script")
    shutil.rmtree(scripts)


def main():
    old_files = generate(os.path.join(work, "old"), 1, 120)
    new_files = generate(os.path.join(work, "new"), 2, 150)
    check_race(old_files, new_files)
    db = check_incremental(old_files, new_files)
    check_changed_script(db)
    checks.done()


main()
