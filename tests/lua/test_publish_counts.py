"""Results a script computes from case records (a median, say) carry the
number of records they are computed over, and are suppressed when it is
small (issue 15); a script that reads case records and returns a value
without its count is refused, naming what to return; and count() with a
kind that does not exist ("actions") is an error naming the known kinds,
not a 0 that passes for a count (docs/indicators.md, docs/lua-api.md)."""

import datetime
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

HEADER = ("Module,PersonID,RequestID,ReceivedDate,RequestSource,RequestOutcome,"
          "RequestOutcomeDate,AssessmentOutcome,AssessmentOutcomeDate,Week20,StartDate,"
          "CeaseDate,CeaseReason,ReviewDueDate,ReviewHeldDate")
checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "counts.db")


def case_file(name, days):
    """A plan issued after each number of days in days."""
    rows = []
    for n, wait in enumerate(days, 1):
        start = datetime.date(2023, 6, 1)
        received = start - datetime.timedelta(days=wait)
        decided = received + datetime.timedelta(days=20)
        rows.append("request,P%d,R%d,%s,parent,assess,%s,plan,%s,0,%s,,,," % (
            n, n, received, decided, start, start))
    path = os.path.join(work, name)
    with open(path, "w") as file:
        file.write(HEADER + "\n" + "\n".join(rows) + "\n")
    return path


def script(name, text):
    path = os.path.join(work, name)
    with open(path, "w") as file:
        file.write(text)
    return path


checks.equal(t.run("load", "walsall", "worcestershire", db=db).returncode, 0, "load")
# Walsall: 3 plans (a median of 3 children's waits would describe them);
# Worcestershire: 7.
checks.equal(t.run("import-cases", "E08000030", case_file("few.csv", [100, 120, 150]),
                   "E10000034", case_file("many.csv", [90, 100, 110, 120, 130, 140, 150]),
                   db=db).returncode, 0, "import-cases")

MEDIAN = """
indicator {
  id = "median_days_to_plan", title = "Median days from request to plan", unit = "days",
  direction = "down",
  compute = function(ctx)
    local rows = ctx.sql([[SELECT r.start - r.received AS days FROM case_request r
      JOIN case_import c ON c.id = r.import
      WHERE c.area = ?1 AND r.start IS NOT NULL ORDER BY days]], ctx.area.code)
    if #rows == 0 then return nil end
    return rows[(#rows + 1) // 2].days, nil, #rows
  end,
}
"""
median = script("median.lua", MEDIAN)
result = t.run("indicators", "--json", median, db=db)
checks.equal(result.returncode, 0, "a median with its count: " + result.stderr)
values = {v["area"]: v for i in json.loads(result.stdout or "[]") for v in i["values"]}
checks.equal((values.get("E10000034", {}).get("value"), values.get("E10000034", {}).get("denominator")),
             (120, 7), "7 plans: the median and its count are shown")
checks.equal((values.get("E08000030", {}).get("value"), values.get("E08000030", {}).get("denominator")),
             ("x", "x"), "3 plans: the median and its count are suppressed")
document = t.export(db)
exported = {r["area"]: r for r in document.get("indicators", [])}
checks.equal((exported.get("E08000030", {}).get("value"), exported.get("E10000034", {}).get("value")),
             ("x", 120), "export json: the same")
listing = t.run("indicators", median, db=db).stdout
checks.check("n=x x" in listing and "n=7 120" in listing,
             "the listing shows 'n=COUNT value': " + listing[-300:])
checks.equal(t.query(db, "SELECT area, value, numerator, denominator FROM indicator_result "
                     "WHERE indicator = 'median_days_to_plan' ORDER BY area"),
             [("E08000030", 120.0, None, 3), ("E10000034", 120.0, None, 7)],
             "the database keeps the raw value and its count")

# The same median without its count: refused, the message says what to return.
blind = script("blind.lua", MEDIAN.replace("return rows[(#rows + 1) // 2].days, nil, #rows",
                                           "return rows[(#rows + 1) // 2].days"))
result = t.run("indicators", blind, db=db)
checks.check(result.returncode == 1 and "median_days_to_plan" in result.stderr and
             "return value, note, count" in result.stderr,
             "a value from case records without its count is refused: " + result.stderr)

# count() of a kind that does not exist.
typo = script("typo.lua", """
indicator {
  id = "actions_per_area", title = "Actions", unit = "count", direction = "none",
  compute = function(ctx) return ctx.count("actions") end,
}
""")
result = t.run("indicators", typo, db=db)
checks.check(result.returncode == 1 and "'actions'" in result.stderr and
             "action" in result.stderr.split("'actions'")[1] and "typo.lua" in result.stderr,
             "count('actions') is an error naming the kind, the known ones and the line: " +
             result.stderr)
right = script("right.lua", """
indicator {
  id = "actions_per_area", title = "Actions", unit = "count", direction = "none",
  compute = function(ctx) return ctx.count("action") end,
}
""")
result = t.run("indicators", "--json", right, db=db)
counts = [v["value"] for i in json.loads(result.stdout or "[]") for v in i["values"]]
checks.check(result.returncode == 0 and counts and all(c > 0 for c in counts),
             "count('action') counts the areas' actions: %r %s" % (counts, result.stderr))
checks.done()
