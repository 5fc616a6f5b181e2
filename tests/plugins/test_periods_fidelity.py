"""Periods of the three real areas, as their documents write them (issue 13,
"Periods as written"). Read from plugins/*/sources/:

- No document gives a measure a baseline, a target, a comparator, a
  milestone or a projection, nor any period for one: Walsall's seventeen
  key indicators and Worcestershire's measures are names only (their
  figures "will come from various systems"; Staffordshire's APP leaves the
  baseline to its working groups, "the first activity will be ... to
  determine the baseline position", and its KPI workbook is not among the
  sources). So nothing of the kind is stored: every count is 0.
- Words of frequency are not periods: Worcestershire's "Quarterly
  qualitative survey ..." and "(Quarter on Quarter KPI%)" stay in the
  measures' names, and Staffordshire's "improvements expected in the next
  3, 6 and 12 months" is no period of anything.
- The periods they do write are kept: Staffordshire's six-month review held
  in September 2022 and twelve-month review in April 2023 (the minutes),
  Walsall's plan of October 2022 approved on 18th October 2022,
  Worcestershire's plan for 2022-2023. Each is checked here against the
  sentence the document writes it in.
- Each area's return imports in a period it reports in, as it would write
  it, and is stored with that period's kind and span: Worcestershire
  reports quarterly ("Quarter on Quarter", "each quarterly report"), a
  return for "Q3 2022/23" is the third quarter of that academic year;
  Walsall's plan runs "over the next 12 months" from October 2022, a
  return for "Dec 2022" is that month."""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "areas.db")
result = t.run("load", db=db)
checks.equal(result.returncode, 0, "the three areas load: " + result.stderr)


def source(area, name):
    path = os.path.join(t.SOURCE_DIR, "plugins", area, "sources", name)
    return open(path, encoding="utf-8").read()


WORCS = source("worcestershire", "app-2022-2023.txt")
WALSALL = source("walsall", "app-supporting-document-2022-10.txt")
STAFFS_APP = source("staffordshire", "app-2022-04-01.txt")
MINUTES = source("staffordshire", "committee-minutes-2022.txt")
CODES = {"E10000034": "Worcestershire", "E08000030": "Walsall", "E10000028": "Staffordshire"}

# What the documents say of measures' figures: no figure at all. A measure
# list item or bullet with a percentage or a number and a period would be
# a baseline or a target; there is none.
for name, text in (("Worcestershire", WORCS), ("Walsall", WALSALL)):
    figures = re.findall(r"(?:baseline|target|average|milestone)[^.\n]{0,40}\d", text, re.I)
    checks.equal(figures, [], "%s's document gives no baseline, target, average or milestone" % name)
checks.check("determine the baseline position" in STAFFS_APP, "Staffordshire leaves baselines to come")

for code, name in CODES.items():
    rows = t.query(db, "SELECT count(baseline), count(baseline_date), count(target), count(target_date) "
                       "FROM measure m JOIN fact f ON f.id = m.id WHERE f.area = ?", code)
    checks.equal(rows, [(0, 0, 0, 0)], "%s: no baseline, target or period of one is invented" % name)
    for kind in ("comparator", "observation"):
        rows = t.query(db, "SELECT count(*) FROM fact WHERE area = ? AND kind = ?", code, kind)
        checks.equal(rows, [(0,)], "%s: no %s invented" % (name, kind))

# Frequencies stay words of the measures' names.
names = [r[0] for r in t.query(db, "SELECT m.name FROM measure m JOIN fact f ON f.id = m.id "
                                   "WHERE f.area = 'E10000034'")]
written = re.findall(r"<li>([^<]*[Qq]uarter[^<]*)</li>", WORCS)
checks.equal(len(written), 3, "Worcestershire writes three measures with a quarter in their words")
for item in written:
    checks.check(item.replace("&amp;", "&") in names, "kept as a name: %r" % item)
checks.check("next 3, 6 and 12 months" in MINUTES, "the minutes' expectation")
labels = [r[0] for r in t.query(db, "SELECT label FROM review r JOIN fact f ON f.id = r.id "
                                    "WHERE f.area = 'E10000028'")]
checks.equal(sorted(labels), ["six-month review", "twelve-month review"],
             "Staffordshire: the two reviews the minutes date, no '3 months' one")

# The periods they write, each against its sentence.
checks.check(re.search(r"six-month review of progress against the APP in September 2022", MINUTES),
             "minutes: the six-month review in September 2022")
checks.check(re.search(r"twelve-month review in April 2023", MINUTES), "minutes: twelve-month review")
reviews = dict(t.query(db, "SELECT label, coalesce(held, '') || '|' || coalesce(due, '') FROM review"))
checks.equal(reviews.get("six-month review"), "2022-09|", "held September 2022")
checks.equal(reviews.get("twelve-month review"), "|2023-04", "due April 2023")
checks.check(WALSALL.startswith("October 2022 (Version 1.0)"), "Walsall's plan is of October 2022")
checks.check("approved by the Department for Education on 18th October 2022" in WALSALL, "approval")
plans = t.query(db, "SELECT f.area, p.dated, p.approved, p.period_from, p.period_to FROM plan p "
                    "JOIN fact f ON f.id = p.id WHERE p.kind = 'APP' ORDER BY f.area")
checks.equal(plans, [("E08000030", "2022-10", "2022-10-18", None, None),
                     ("E10000028", "2022-04-01", None, None, None),
                     ("E10000034", None, None, "2022", "2023")],
             "the plans' periods as the documents give them (Walsall's 'next 12 months' has no "
             "stated start or end; Worcestershire's title says 2022-2023)")


# Returns in the periods the areas report in.
def imported(area, name, rows):
    path = os.path.join(work, name)
    with open(path, "w", encoding="utf-8") as out:
        out.write("Period,Ref,Kind,Status,Value,Note\n" + "".join(",".join(r) + "\n" for r in rows))
    return t.run("import-progress", area, path, db=db)


checks.check("Quarter on Quarter" in WORCS and "each quarterly report" in WORCS, "Worcestershire: quarterly")
result = imported("worcestershire", "worcs.csv", [["Q3 2022/23", "1/1", "action", "completed", "", ""],
                                                  ["Q3 2022/23", "M1", "measure", "", "12", ""]])
checks.equal(result.returncode, 0, "Worcestershire, Q3 2022/23: " + result.stderr.strip())
checks.check("over the next 12 months" in WALSALL, "Walsall: twelve months from October 2022")
result = imported("walsall", "walsall.csv", [["Dec 2022", "1.2.4", "action", "in progress", "", ""],
                                             ["Dec 2022", "M1", "measure", "", "3", ""]])
checks.equal(result.returncode, 0, "Walsall, Dec 2022: " + result.stderr.strip())
rows = t.query(db, "SELECT area, period, period_kind, period_start, period_end FROM progress_return "
                   "ORDER BY area")
checks.equal(rows, [("E08000030", "Dec 2022", "month", "2022-12-01", "2022-12-31"),
                    ("E10000034", "Q3 2022/23", "quarter", "2023-03-01", "2023-05-31")],
             "each return's period as written, with its kind and span")
rows = t.query(db, "SELECT f.area, o.period, o.kind, o.period_kind, o.period_start, o.period_end "
                   "FROM observation o JOIN fact f ON f.id = o.id ORDER BY f.area")
checks.equal(rows, [("E08000030", "Dec 2022", "actual", "month", "2022-12-01", "2022-12-31"),
                    ("E10000034", "Q3 2022/23", "actual", "quarter", "2023-03-01", "2023-05-31")],
             "the reported values are actual observations of those spans")
checks.done()
