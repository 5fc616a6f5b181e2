"""A fourth area's KPI table (issue 13, "Periods as written"): the test
fixture plugin fixture_kpi reads a hand-made table written as an APP's KPI
table is (tests/plugins/fixtures/fixture_kpi/sources/kpi-table.txt, labelled
as a test fixture) and passes every period on as written: baselines for
"academic year 21/22" (and two with their own period in the cell),
four-monthly milestones "Milestone 1 (Sep–Dec 22)" and "Milestone 2
(Jan–Apr 23)",
a target for "Aug 23", "England average 21/22" and "Projected (Aug 23)".
The store keeps each as written, with its kind and span worked out here
from the calendar, and the milestone's and the projection's words; every
record has the cell it was read from (and the header cell its period came
from) as sources. Counts are read from the document: 5 KPI rows, 2
milestones each, 2 projections, 1 England average (one "n/a" and four empty
cells state none). In the child process and in process alike."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

DOCUMENT = os.path.join(t.SOURCE_DIR, "tests", "plugins", "fixtures", "fixture_kpi", "sources",
                        "kpi-table.txt")
lines = open(DOCUMENT, encoding="utf-8").read().split("\n")
checks = t.Checks()
checks.check(lines[0].startswith("TEST FIXTURE"), "the document says it is a test fixture")
HEADER = next(i for i, line in enumerate(lines, 1) if line.startswith("Ref\tKPI\t"))
header = lines[HEADER - 1].split("\t")
ROWS = [(HEADER + k, lines[HEADER + k - 1].split("\t")) for k in range(1, 6)]
checks.equal([r[1][0] for r in ROWS], ["1.1", "1.2", "1.3", "2.1", "2.2"], "the document's five KPIs")

ACADEMIC_21_22 = ("academic_year", "2021-09-01", "2022-08-31")
SEP_DEC_22 = ("months", "2022-09-01", "2022-12-31")
JAN_APR_23 = ("months", "2023-01-01", "2023-04-30")
AUG_23 = ("month", "2023-08-01", "2023-08-31")
# ref: (baseline, its period as written, span), from the document.
BASELINES = {"1.1": (38, "academic year 21/22", ACADEMIC_21_22),
             "1.2": (51, "academic year 21/22", ACADEMIC_21_22),
             "1.3": (126, "academic year 21/22", ACADEMIC_21_22),
             "2.1": (31, "Summer term 2022", ("term", "2022-04-01", "2022-08-31")),
             "2.2": (22, "Q1 2022/23", ("quarter", "2022-09-01", "2022-11-30"))}
TARGETS = {"1.1": 60, "1.2": 75, "1.3": 30, "2.1": 60, "2.2": 50}

work = t.temp_dir()
for mode in ([], ["--in-process"]):
    what = "in process" if mode else "isolated"
    db = os.path.join(work, "kpi%d.db" % len(mode))
    result = t.run("load", "fixture_kpi", *mode, db=db, plugins=[t.TEST_PLUGINS])
    checks.equal(result.returncode, 0, what + ": load (" + result.stderr.strip() + ")")
    q = lambda sql, *a: [tuple(r) for r in t.query(db, sql, *a)]  # noqa: E731

    measures = q("SELECT ref, baseline, baseline_date, baseline_date_kind, baseline_date_start, "
                 "baseline_date_end, target, target_date, target_date_kind, target_date_start, "
                 "target_date_end FROM measure ORDER BY ref")
    checks.equal([m[0] for m in measures], list(BASELINES), what + ": the five measures")
    for m in measures:
        value, written, span = BASELINES[m[0]]
        checks.equal(m[1:6], (value, written) + span, what + ": %s's baseline and its period" % m[0])
        checks.equal(m[6:], (TARGETS[m[0]], "Aug 23") + AUG_23, what + ": %s's target and date" % m[0])

    observations = q("SELECT m.ref, o.kind, o.label, o.period, o.period_kind, o.period_start, "
                     "o.period_end, o.value FROM observation o JOIN measure m ON m.id = o.measure "
                     "ORDER BY m.ref, o.period_start, o.kind")
    milestones = [o for o in observations if o[1] == "milestone"]
    checks.equal(len(milestones), 10, what + ": two four-monthly milestones for each of 5 KPIs")
    checks.equal(sorted({o[2:7] for o in milestones}),
                 [("Milestone 1", "Sep–Dec 22") + SEP_DEC_22,
                  ("Milestone 2", "Jan–Apr 23") + JAN_APR_23],
                 what + ": the milestones keep their number, period as written and span")
    checks.check(all(o[1] in ("milestone", "projected") for o in observations),
                 what + ": a plan's figures are never actuals")
    checks.equal([o for o in observations if o[1] == "projected"],
                 [("1.1", "projected", "Projected", "Aug 23") + AUG_23 + (57,),
                  ("2.2", "projected", "Projected", "Aug 23") + AUG_23 + (45,)],
                 what + ": 'Projected' values keep their label; empty cells state none")
    checks.equal([o[7] for o in milestones if o[0] == "1.3"], [90, 60], what + ": 1.3's milestones")

    comparators = q("SELECT m.ref, c.label, c.value, c.date, c.date_kind, c.date_start, c.date_end "
                    "FROM comparator c JOIN measure m ON m.id = c.measure")
    checks.equal(comparators, [("1.1", "England average 21/22", 49.2, "21/22") + ACADEMIC_21_22],
                 what + ": the one England average stated ('n/a' and empty cells are none)")

    # Sources: the cell each figure is in, and the header cell its period
    # comes from; each quote is in the document.
    sources = q("SELECT s.locator, s.quote FROM observation o JOIN measure m ON m.id = o.measure "
                "JOIN source s ON s.fact = o.id WHERE m.ref = '1.2' AND o.label = 'Milestone 2'")
    row = dict(ROWS)[HEADER + 2]
    checks.equal(sorted(sources), sorted([("line %d cell 5" % (HEADER + 2), row[4]),
                                          ("line %d cell 5" % HEADER, header[4])]),
                 what + ": 1.2's second milestone: its cell and its header's")
    sources = q("SELECT s.locator, s.quote FROM measure m JOIN source s ON s.fact = m.id "
                "WHERE m.ref = '2.1'")
    checks.check(("line %d cell 3" % (HEADER + 4), "31% (Summer term 2022)") in sources,
                 what + ": 2.1's baseline cell, with its own period, is a source: %r" % sources)
    checks.check(("line %d cell 3" % HEADER, header[2]) not in sources,
                 what + ": 2.1's baseline period is not the header's")
    for locator, quote in q("SELECT locator, quote FROM source"):
        checks.check(quote in lines[int(locator.split()[1]) - 1], what + ": %s quotes its line" % locator)

    # Exports: the periods as written, in the order of their spans.
    exported = t.export(db)
    area = exported["areas"][0]
    measure = next(m for m in t.walk(area, "measure") if m["ref"] == "1.1")
    checks.equal(measure["baseline"], {"value": 38, "date": "academic year 21/22"},
                 what + ": the JSON baseline")
    checks.equal(measure["target_date"], "Aug 23", what + ": the JSON target date")
    checks.equal([(o["label"], o["period"]) for o in measure["observations"]],
                 [("Milestone 1", "Sep–Dec 22"), ("Milestone 2", "Jan–Apr 23"),
                  ("Projected", "Aug 23")],
                 what + ": the JSON observations, in the order of their periods")
    shown = t.run("show", "fixture_kpi", db=db, env={"COLUMNS": "1000"}).stdout
    checks.check("Sep–Dec 22 milestone (Milestone 1): 45" in shown, what + ": show keeps the milestone's words")
    checks.check("baseline 38 (academic year 21/22); target 60 (Aug 23)" in shown,
                 what + ": show gives the baseline's and the target's periods as written")

# Reload: a period of the document changed, the model follows. The header's
# baseline period becomes the academic year 22/23, the second milestone's
# months become January to March 2023; the cells with their own periods
# keep theirs.
folder = os.path.join(work, "edited")
os.mkdir(folder)
sources = t.copy_plugin("fixture_kpi", folder, plugin_dir=t.TEST_PLUGINS)
path = os.path.join(sources, "kpi-table.txt")
os.chmod(path, 0o644)
text = "\n".join(lines)
edited = text.replace("Baseline (academic year 21/22)", "Baseline (academic year 22/23)").replace(
    "Milestone 2 (Jan–Apr 23)", "Milestone 2 (January to March 2023)")
checks.check(edited != text, "the edit applies")
with open(path, "w", encoding="utf-8") as out:
    out.write(edited)
db = os.path.join(work, "edited.db")
result = t.run("load", "fixture_kpi", db=db, plugins=[folder])
checks.equal(result.returncode, 0, "the edited table loads: " + result.stderr.strip())
rows = t.query(db, "SELECT ref, baseline_date, baseline_date_start, baseline_date_end FROM measure "
               "ORDER BY ref")
checks.equal([tuple(r) for r in rows],
             [("1.1", "academic year 22/23", "2022-09-01", "2023-08-31"),
              ("1.2", "academic year 22/23", "2022-09-01", "2023-08-31"),
              ("1.3", "academic year 22/23", "2022-09-01", "2023-08-31"),
              ("2.1", "Summer term 2022", "2022-04-01", "2022-08-31"),
              ("2.2", "Q1 2022/23", "2022-09-01", "2022-11-30")], "reloaded: the baselines' periods")
rows = t.query(db, "SELECT DISTINCT period, period_kind, period_start, period_end FROM observation "
               "WHERE label = 'Milestone 2'")
checks.equal([tuple(r) for r in rows],
             [("January to March 2023", "months", "2023-01-01", "2023-03-31")],
             "reloaded: the second milestone's period")

# A header period sendlens cannot read fails the load, naming the line.
with open(path, "w", encoding="utf-8") as out:
    out.write(text.replace("Milestone 2 (Jan–Apr 23)", "Milestone 2 (next spring)"))
result = t.run("load", "fixture_kpi", db=db, plugins=[folder])
checks.equal(result.returncode, 1, "an unreadable period: refused")
checks.check("kpi-table.txt: line %d: " % HEADER in result.stderr and
             "'Milestone 2 (next spring)' names no period" in result.stderr, "the document, the line, the text: " + result.stderr.strip())
checks.equal(result.stderr.strip().count("\n"), 0, "one line")
rows = t.query(db, "SELECT count(*) FROM observation WHERE period = 'January to March 2023'")
checks.equal(rows, [(5,)], "the store is unchanged by the refused load")
checks.done()
