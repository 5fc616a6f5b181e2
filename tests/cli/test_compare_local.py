"""compare --indicators sets an area's own quarterly figures, counted from
its case records by `sendlens indicators` under the same indicator id, beside
the official annual series, with small counts suppressed as everywhere
else: tests/data/cases/ehc_small.md works them out by hand (2023-Q2 5/7,
shown x/7 x since 7 - 5 = 2 late plans would follow by subtraction; 2023-Q3
0 of 1, shown 0/x x). The file is marked synthetic, and so are its figures.
Each quarter is matched by its span with the published period it lies within
(the calendar year 2023)."""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402
import statistics_fixture as fixture  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "local.db")
fixture.published(db)
SMALL = os.path.join(t.SOURCE_DIR, "tests", "data", "cases", "ehc_small.csv")
result = t.run("import-cases", "E10000028", SMALL, db=db)
checks.equal(result.returncode, 0, "import-cases (" + result.stderr + ")")
result = t.run("indicators", db=db)
checks.equal(result.returncode, 0, "indicators (" + result.stderr + ")")

result = t.run("compare", "--indicators", "--json", db=db)
checks.equal(result.returncode, 0, "compare --json (" + result.stderr + ")")
statistics = json.loads(result.stdout)
areas = {area["code"]: area for area in statistics["areas"]}


def indicator(code, name):
    for item in areas[code]["indicators"]:
        if item["indicator"] == name:
            return item
    return None


local = indicator("E10000028", "ehcp_within_20_weeks")["local"]
checks.equal([(p["period"], p["period_kind"], p["start"], p["end"]) for p in local],
             [("2023-Q2", "quarter", "2023-04-01", "2023-06-30"),
              ("2023-Q3", "quarter", "2023-07-01", "2023-09-30")],
             "Staffordshire's own quarters, with their spans")
checks.equal((local[0]["numerator"], local[0]["denominator"], local[0]["value"]),
             ("x", 7, "x"), "2023-Q2: 5 of 7 plans within 20 weeks; 5 would give 2 late away")
checks.equal([p["synthetic"] for p in local], [1, 1], "each local figure is marked synthetic")
checks.equal((local[1]["numerator"], local[1]["denominator"], local[1]["value"]), (0, "x", "x"),
             "2023-Q3: a count of 1 suppressed, and the percentage with it")
# Matched with the published period by span, not by label: each quarter lies
# within the shortest published period whose days enclose its own.
checks.equal([p["within"] for p in local], ["2023", "2023"],
             "each local quarter is within the calendar year 2023 of the official series")
periods = {p["period"]: p for i in statistics["indicators"] if i["id"] == "ehcp_within_20_weeks"
           for p in i["periods"]}
for p in local:
    enclosing = periods.get(p["within"], {})
    checks.check(enclosing.get("start", "9") <= p["start"] and enclosing.get("end", "0") >= p["end"],
                 "%s lies within %s by their spans" % (p["period"], p["within"]))
official = indicator("E10000028", "ehcp_within_20_weeks")["series"]
checks.equal([p["period"] for p in official], ["2019", "2020", "2021", "2022", "2023", "2024"],
             "the official calendar years stay beside them")
checks.equal(indicator("E08000030", "ehcp_within_20_weeks")["local"], [],
             "Walsall imported no case records: no local figures")
checks.equal(indicator("E10000028", "ehc_plans")["local"], [],
             "an official indicator with no local counterpart has none")

result = t.run("compare", "--indicators", db=db, env={"COLUMNS": "100"})
checks.check("SYNTHETIC DATA, made up, not real children: Staffordshire's own figures "
             "(case records, by quarter; x: suppressed, a count below 5 or one subtraction "
             "would give away): 2023-Q2 x (x/7) [in 2023]; 2023-Q3 x (0/x) [in 2023]"
             in " ".join(result.stdout.split()),
             "the terminal sets the local quarters under the official table: " +
             [line for line in result.stdout.splitlines() if "own figures" in line][:1].__repr__())
checks.equal(result.stdout.count("own figures"), 3,
             "the two 20-week indicators and requests_refused, no other, show local figures")
checks.done()
