"""`sendlens import-progress` takes the periods an area reports in (issue 13,
"Periods as written"): a quarter of an academic or financial year, a month,
a term, a year, as the return writes them. Each return keeps its period as
written, with its kind and exact span (worked out here from the calendar:
an academic year from 1 September, a financial year from 1 April, terms
split at the calendar's seams, docs/periods.md); a return is matched,
replaced and ordered by its span, never by its text; a period sendlens
cannot read is refused with the file, the cell and what is wrong, and
nothing is stored."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "periods.db")
result = t.run("load", "worcestershire", db=db)
checks.equal(result.returncode, 0, "Worcestershire loads: " + result.stderr)


def write(name, rows):
    path = os.path.join(work, name)
    with open(path, "w", encoding="utf-8") as out:
        out.write("Period,Ref,Kind,Status,Value,Note\n")
        for row in rows:
            out.write(",".join(row) + "\n")
    return path


def returns():
    return t.query(db, "SELECT period, period_kind, period_start, period_end FROM progress_return "
                   "ORDER BY period_start, period_end")


# Each form an area reports in, with the span it covers.
FORMS = [("Q3 2022/23", "quarter", "2023-03-01", "2023-05-31"),
         ("Q3 FY 2022-23", "quarter", "2022-10-01", "2022-12-31"),
         ("Autumn term 2023", "term", "2023-09-01", "2023-12-31"),
         ("Sep-23", "month", "2023-09-01", "2023-09-30"),
         ("academic year 2023/24", "academic_year", "2023-09-01", "2024-08-31"),
         ("2024-Q1", "quarter", "2024-01-01", "2024-03-31")]
for number, (period, kind, first, last) in enumerate(FORMS):
    path = write("form%d.csv" % number, [['"%s"' % period, "1/1", "action", "in_progress", "", ""],
                                          ['"%s"' % period, "M1", "measure", "", str(number + 1), ""]])
    result = t.run("import-progress", "worcestershire", path, db=db)
    checks.equal(result.returncode, 0, "%s imports: %s" % (period, result.stderr.strip()))
    row = t.query(db, "SELECT period_kind, period_start, period_end FROM progress_return "
                  "WHERE period = ?", period)
    checks.equal([tuple(r) for r in row], [(kind, first, last)], "%s: kind and span" % period)
    obs = t.query(db, "SELECT o.period_kind, o.period_start, o.period_end, o.value FROM observation o "
                  "WHERE o.period = ?", period)
    checks.equal([tuple(r) for r in obs], [(kind, first, last, number + 1)],
                 "%s: the measure's value is an observation of the same span" % period)

# Ordered by span, not by text: the autumn term and September 2023 come
# before 2024-Q1, though "2024-Q1" sorts first as text.
exported = t.export(db)
area = next(a for a in exported["areas"] if a["code"] == "E10000034")
checks.equal([r["period"] for r in area["progress_returns"]],
             ["Q3 FY 2022-23", "Q3 2022/23", "Sep-23", "Autumn term 2023", "academic year 2023/24",
              "2024-Q1"], "returns in the order of their spans")
m1 = next(m for m in t.walk(area, "measure") if m.get("return_ref") == "M1")
checks.equal([o["period"] for o in m1["observations"]],
             ["Q3 FY 2022-23", "Q3 2022/23", "Sep-23", "Autumn term 2023", "academic year 2023/24",
              "2024-Q1"], "M1's observations in the order of their spans")

# One period written two ways on the rows of one return is one period; a
# return of the same span written another way replaces the earlier one.
path = write("same.csv", [['"2022/23 Q3"', "1/1", "action", "completed", "", ""],
                          ['"Q3 22/23"', "M1", "measure", "", "40", ""]])
result = t.run("import-progress", "worcestershire", path, db=db)
checks.equal(result.returncode, 0, "one span written two ways: " + result.stderr.strip())
spans = [tuple(r) for r in returns()]
checks.equal(len(spans), len(FORMS), "the return replaced the one of its span (no new return)")
checks.check(("2022/23 Q3", "quarter", "2023-03-01", "2023-05-31") in spans,
             "the replacing return keeps its own writing: %r" % spans)
checks.equal(t.query(db, "SELECT value FROM observation WHERE period_start = '2023-03-01' "
                     "AND period_kind = 'quarter'"), [(40.0,)], "the replaced value is gone")

# Two periods in one return are refused, even when they share a start.
before = t.query(db, "SELECT count(*) FROM progress_entry")
path = write("two.csv", [['"Autumn term 2023"', "1/1", "action", "completed", "", ""],
                         ['"academic year 2023/24"', "M1", "measure", "", "4", ""]])
result = t.run("import-progress", "worcestershire", path, db=db)
checks.equal(result.returncode, 1, "two periods in one return: refused")
checks.equal(result.stderr.strip(), "sendlens: import-progress: %s:3:1: period academic year "
             "2023/24 differs from Autumn term 2023 on row 2: a return is one period" % path,
             "two periods: the one line")

# What is no period: the file, the cell, what is wrong; nothing stored.
for bad in ["Winter 2023", "Q5 2023", "2023/25", "next quarter", "31/02/2023"]:
    path = write("bad.csv", [["2024-Q1", "1/1", "action", "completed", "", ""],
                             ['"%s"' % bad, "M1", "measure", "", "4", ""]])
    result = t.run("import-progress", "worcestershire", path, db=db)
    checks.equal(result.returncode, 1, "%s: refused" % bad)
    checks.check(result.stderr.startswith("sendlens: import-progress: %s:3:1: '%s' is not a period ("
                                             % (path, bad)),
                 "%s: the file, the cell, what is wrong: %r" % (bad, result.stderr))
    checks.equal(result.stderr.count("\n"), 1, "%s: one line" % bad)
checks.equal(t.query(db, "SELECT count(*) FROM progress_entry"), before, "nothing stored")

checks.done()
