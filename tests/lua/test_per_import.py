"""per_import(query, ...): one query run once per case import on several
threads. The rows of every run, in order of area code, each with its area;
?1, ?2 and ?3 the import and its id range, the script's arguments from ?4;
the same checks as sql (one statement, reading only, no pseudonymous key)
and the script's limits (time, memory) across all the threads."""

import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

SMALL = os.path.join(t.SOURCE_DIR, "tests", "data", "cases", "ehc_small.csv")
COMMENT, HEADER, *ROWS = open(SMALL, encoding="utf-8").read().splitlines()

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "cases.db")


def script(name, text):
    path = os.path.join(work, name)
    with open(path, "w") as handle:
        handle.write(text)
    return path


def run(text, *flags):
    return t.run("run", script("s.lua", text), *flags, db=db)


# No imports yet: no rows, no error.
checks.equal(t.run("load", "fixture_full", db=db, plugins=[t.TEST_PLUGINS]).returncode, 0,
             "a store without case records")
result = run("print(#sendlens.per_import('SELECT 1 AS one WHERE ?2 < ?3'))\n")
checks.equal((result.returncode, result.stdout), (0, "0\n"),
             "no case imports: no rows (%s)" % result.stderr)

# Three areas, imported in an order that is not their codes' order; one of
# them with the requests only, so the runs' answers differ.
requests_only = os.path.join(work, "requests.csv")
with open(requests_only, "w", encoding="utf-8") as file:
    file.write("\n".join([COMMENT, HEADER] + [r for r in ROWS if r.startswith("request,")]) + "\n")
result = t.run("import-cases", "E06000003", SMALL, "E06000001", requests_only, "E06000002", SMALL,
               db=db)
checks.equal(result.returncode, 0, "import: " + result.stderr)

result = run("""
for _, r in ipairs(sendlens.per_import([[
    SELECT ?1 AS import, ?4 AS tag, quarter_label(quarter(received)) AS quarter, count(*) AS n
    FROM case_request WHERE id BETWEEN ?2 AND ?3 GROUP BY quarter(received)]], "t")) do
  print(r.area, r.import, r.tag, r.quarter, r.n)
end
""")
checks.equal(result.returncode, 0, "per_import runs: " + result.stderr)
by_sql = t.query(db, """
    SELECT i.area, i.id, count(*) FROM case_request r JOIN case_import i ON i.id = r.import
    GROUP BY i.area ORDER BY i.area""")
lines = [line.split("\t") for line in result.stdout.splitlines()]
checks.equal([line[0] for line in lines], sorted(line[0] for line in lines),
             "rows in order of area code")
totals = {}
for area, import_id, tag, quarter, n in lines:
    totals[(area, int(import_id))] = totals.get((area, int(import_id)), 0) + int(n)
    checks.equal(tag, "t", "the script's argument is ?4")
checks.equal(sorted(totals.items()), [((a, i), n) for a, i, n in by_sql],
             "each area's rows counted in its own run, with its import id as ?1")
requests = sum(1 for r in ROWS if r.startswith("request,"))
checks.equal(totals.get(("E06000001", 2)), requests, "the requests-only area, the second import")
checks.check(len(lines) > 3, "several quarters per area: %d rows" % len(lines))

# The same answer as one query over every area, through sql().
result = run("""
local a = sendlens.per_import([[SELECT count(*) FILTER (WHERE held <= due) AS on_time,
  count(*) AS due FROM case_review WHERE id BETWEEN ?2 AND ?3]])
local b = sendlens.sql([[SELECT i.area AS area, count(*) FILTER (WHERE held <= due) AS on_time,
  count(v.id) AS due FROM case_import i LEFT JOIN case_review v ON v.import = i.id
  GROUP BY i.area ORDER BY i.area]])
assert(#a == #b, #a .. " rows for " .. #b)
for i = 1, #a do
  assert(a[i].area == b[i].area and a[i].on_time == b[i].on_time and a[i].due == b[i].due,
         a[i].area .. " differs")
end
print(#a)
""")
checks.equal((result.returncode, result.stdout.strip()), (0, "3"),
             "per_import agrees with sql over every area: " + result.stderr)

# An import committed while per_import runs: the runs count one state of
# the records, before it or after it, never some areas of each (each run
# is one read; a change of imports between runs makes them run again).
# Each run spins first, then counts; a new file for E06000003 is imported
# while the first runs spin.
before = {a: n for a, n in t.query(db, "SELECT area, requests FROM case_import")}
spin = script("spin.lua", """
local rows = sendlens.per_import([[
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?4)
  SELECT (SELECT count(*) FROM n) AS spin,
         (SELECT count(*) FROM case_request WHERE id BETWEEN ?2 AND ?3) AS requests]], 2000000)
for _, r in ipairs(rows) do print(r.area, r.requests) end
""")
reader = subprocess.Popen([t.SENDLENS, "--db", db, "run", spin, "--max-seconds", "120"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
time.sleep(0.5)
imported = t.run("import-cases", "E06000003", requests_only, db=db)
out, err = reader.communicate(timeout=120)
checks.equal((reader.returncode, imported.returncode), (0, 0),
             "both finish: %s %s" % (err, imported.stderr))
after = {a: n for a, n in t.query(db, "SELECT area, requests FROM case_import")}
counted = {line.split("\t")[0]: int(line.split("\t")[1]) for line in out.splitlines()}
checks.check(counted in (before, after) and before != after,
             "every area counted from one state of the records: %s (before %s, after %s)"
             % (counted, before, after))

# Refusals, each one line naming the script's line.
REFUSED = {
    "too few arguments": ("local r = sendlens.per_import('SELECT ?4 WHERE ?2 < ?3')\n",
                          "0 parameters given, the query has 1 after ?1, ?2 and ?3"),
    "too many arguments": ("local r = sendlens.per_import('SELECT ?2 + ?3', 1)\n",
                           "1 parameters given, the query has 0"),
    "a table argument": ("local r = sendlens.per_import('SELECT ?4 + ?2 + ?3', {})\n",
                         "parameter 4 is a table"),
    "writing": ("local r = sendlens.per_import('DELETE FROM case_review WHERE id BETWEEN ?2 AND ?3')\n",
                "cannot modify case_review because it is a view"),
    "writing a table": ("local r = sendlens.per_import('DELETE FROM area WHERE ?2 < ?3')\n",
                        "not authorized"),
    "a pseudonymous key": ("local r = sendlens.per_import("
                           "'SELECT person FROM case_request WHERE id BETWEEN ?2 AND ?3')\n",
                           "no such column: person (the pseudonymous keys"),
    "the salt": ("local r = sendlens.per_import('SELECT salt FROM case_secret WHERE ?2 < ?3')\n",
                 "prohibited"),
    "two statements": ("local r = sendlens.per_import('SELECT 1; SELECT 2')\n",
                       "one statement at a time"),
}
reviews = t.query(db, "SELECT count(*) FROM case_review")
for what, (text, words) in REFUSED.items():
    result = run(text)
    lines = result.stderr.strip().splitlines()
    checks.check(result.returncode == 1 and len(lines) == 1 and "s.lua:1:" in lines[0]
                 and words in lines[0], "%s: %r" % (what, lines))
checks.equal(t.query(db, "SELECT count(*) FROM case_review"), reviews, "nothing was deleted")

# The clock covers the helper threads' SQL; the memory limit their rows.
started = time.time()
result = run("""local r = sendlens.per_import([[
  WITH RECURSIVE n(i) AS (SELECT ?2 UNION ALL SELECT i + 1 FROM n WHERE i < ?3)
  SELECT count(*) FROM n]])
""", "--max-seconds", "1")
elapsed = time.time() - started
checks.check(result.returncode == 1 and "per_import: time limit exceeded" in result.stderr,
             "a long run is stopped by the script's clock: " + result.stderr)
checks.check(elapsed < 10, "and soon (%.1f s)" % elapsed)
result = run("""local r = sendlens.per_import([[
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
  SELECT printf('%.*c', 1000000, 'x') AS big FROM n WHERE ?2 < ?3]])
""", "--max-memory", "32")
checks.check(result.returncode == 1 and "exceed the script's memory limit" in result.stderr,
             "rows beyond the memory limit are refused: " + result.stderr)
checks.done()
