"""`sendlens import-progress`: quarterly progress returns of the real areas.
The example of schemas/ imports cleanly and validates against the schema; a
CSV and an XLSX of the same content store the same (only the cell places in
the sources differ); importing again changes nothing; a reload of the area
keeps the return; every kind of bad input is one line naming the file, row
and column, exit 1, and leaves the store exactly as it was."""

import csv
import datetime
import json
import os
import re
import shutil
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402
import jsonschema  # noqa: E402
import openpyxl  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "areas.db")
EXAMPLE = os.path.join(t.SOURCE_DIR, "schemas", "progress-return.example.csv")
SCHEMA = json.load(open(os.path.join(t.SOURCE_DIR, "schemas", "model.schema.json")))

result = t.run("load", db=db)
checks.equal(result.returncode, 0, "the three areas load: " + result.stderr)
_, plan_only = t.export_text(db)


def area_of(document, code):
    return next(a for a in document["areas"] if a["code"] == code)


def walk(node, kind):
    """Every dict under node that has key kind."""
    if isinstance(node, dict):
        if kind in node:
            yield node
        for value in node.values():
            yield from walk(value, kind)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value, kind)


# The example: real refs of Worcestershire, stored with their cells as sources.
result = t.run("import-progress", "worcestershire", EXAMPLE, db=db)
checks.equal(result.returncode, 0, "the example imports: " + result.stderr)
checks.equal(result.stdout.strip(),
             "imported %s for E10000034 2024-Q2: 4 action statuses, 4 measure values" % EXAMPLE,
             "the import's report")
_, first = t.export_text(db)
document = json.loads(first)
errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(document))
checks.check(not errors, "the export validates: %s" % [(list(e.path)[:8], e.message) for e in errors[:3]])
worcestershire = area_of(document, "E10000034")
checks.equal([(r["period"], r["document"], r["format"], r["actions"], r["measures"], r["unlinked"])
              for r in worcestershire["progress_returns"]],
             [("2024-Q2", "progress-return.example.csv", "csv", 4, 4, [])], "the return listed")
actions = {a["return_ref"]: a for a in walk(worcestershire, "return_ref") if "progress" in a}
checks.equal(actions["1/1"]["progress"],
             [{"period": "2024-Q2", "status": "completed",
               "note": "Outcomes shared at the headteachers' briefing, 14 May",
               "sources": [{"document": "progress-return.example.csv",
                            "locator": "line 2, column 4", "quote": "completed"}]}],
             "action 1/1's status with its cell")
checks.equal(actions["1/1"]["status"], None, "the plan's own status is untouched")
checks.equal(actions["4/11"]["progress"][0]["status"], "not_started", "action 4/11")
measures = {m["return_ref"]: m for m in walk(worcestershire, "observations")}
checks.equal(measures["M1"]["observations"],
             [{"period": "2024-Q2", "kind": "actual", "value": 23, "state": None,
               "note": "Schools and trusts at the two sharing events", "label": None,
               "sources": [{"document": "progress-return.example.csv",
                            "locator": "line 6, column 5", "quote": "23"}]}],
             "measure M1's value as an observation")
checks.equal(measures["M3"]["observations"][0]["state"], "commenced", "a state for a kind-less measure")
checks.equal(measures["M2"]["observations"][0]["value"], 61.5, "a percentage")
checks.equal(sum(len(m["observations"]) for m in measures.values()), 4, "four observations")
other_areas = [a for a in document["areas"] if a["code"] != "E10000034"]
checks.check(all(a["progress_returns"] == [] for a in other_areas), "other areas untouched")

shown = t.run("show", "worcestershire", db=db).stdout
checks.check("action 1 [return ref 1/1]:" in shown, "show names the return ref of an action")
checks.check("2024-Q2 status: completed (Outcomes shared" in shown, "show lists a status")
checks.check("2024-Q2 actual: 61.5" in shown, "show lists a value")
checks.check("2024-Q2 from progress-return.example.csv: action statuses 4 measure values 4" in shown,
             "show lists the return")

# The HTML page: each action's status from the return beside the plan's,
# with the return's cell as a numbered source of the card.
page = t.run("export", "--format", "html", db=db).stdout
checks.equal(len(re.findall(r'<span class="return">2024-Q2 return: ([a-z ]+)<sup', page)), 4,
             "html: the four statuses of the return")
number = re.search(r'2024-Q2 return: completed<sup class="refs"><a href="#(c\d+-s\d+)"', page)
checks.check(number and re.search(r'<li id="%s"><cite>progress-return.example.csv</cite>, '
                                  r'line 2, column 4: <q>completed</q>' % number.group(1), page),
             "html: 'completed' cites the return's line 2, column 4")
checks.check("2024-Q2 return: not started" in page, "html: status codes as words")

# Idempotent: the same return again replaces it with itself.
result = t.run("import-progress", "E10000034", EXAMPLE, "--json", db=db)
checks.equal(result.returncode, 0, "imports again: " + result.stderr)
checks.equal(json.loads(result.stdout)["replaced"], True, "--json says it replaced the return")
_, again = t.export_text(db)
checks.check(again == first, "importing the same return again exports the same bytes")

# A reload of the plan (which deletes and re-stores the area) keeps it.
result = t.run("load", "worcestershire", db=db)
checks.equal(result.returncode, 0, "reload: " + result.stderr)
checks.equal(result.stderr, "", "nothing unlinked, nothing said")
_, reloaded = t.export_text(db)
checks.check(reloaded == first, "the return survives a reload of its area")
result = t.run("load", db=db)
_, reloaded = t.export_text(db)
checks.check(reloaded == first, "and a reload of every area")


# CSV and XLSX of the same content store the same.
def xlsx_of(rows, path, sheet="Sheet1"):
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        cells = []
        for cell in row:
            try:
                cells.append(int(cell))
            except ValueError:
                try:
                    cells.append(float(cell))
                except ValueError:
                    cells.append(cell if cell else None)
        worksheet.append(cells)
    workbook.save(path)


example_rows = list(csv.reader(open(EXAMPLE, newline="")))
xlsx_db = os.path.join(work, "xlsx.db")
shutil.copy(db, xlsx_db)
connection = sqlite3.connect(xlsx_db)
connection.execute("PRAGMA foreign_keys = ON")
connection.execute("DELETE FROM fact WHERE id IN (SELECT observation FROM progress_entry)")
connection.execute("DELETE FROM progress_return")
connection.commit()
connection.close()
_, emptied = t.export_text(xlsx_db)
checks.check(emptied == plan_only, "test setup: the copy holds the plans only")
xlsx_path = os.path.join(work, "return.xlsx")
xlsx_of(example_rows, xlsx_path, "Return Q2")
result = t.run("import-progress", "worcestershire", xlsx_path, db=xlsx_db)
checks.equal(result.returncode, 0, "the XLSX imports: " + result.stderr)
from_xlsx = json.loads(t.export_text(xlsx_db)[1])
locators = [s["locator"] for s in walk(area_of(from_xlsx, "E10000034"), "locator")
            if s.get("document") == "return.xlsx"]
checks.equal(locators[:2], ["'Return Q2'!D2", "'Return Q2'!D3"], "XLSX cells as the sheet names them")


def without_places(document, name):
    """The document with the return's file name and cell places blanked."""
    document.pop("publication", None)  # names the return's file among the sources
    for source in walk(document, "locator"):
        if source.get("document") == name:
            source["document"] = source["locator"] = "-"
    for item in walk(document, "format"):
        item["document"] = item["format"] = "-"
    return document


checks.equal(without_places(from_xlsx, "return.xlsx"),
             without_places(json.loads(first), "progress-return.example.csv"),
             "CSV and XLSX of one return store the same")

# Bad input: one line, the place, exit 1, the store as it was.
GOOD = example_rows


def rows_with(changes, drop_column=None):
    rows = [list(r) for r in GOOD]
    for (row, column), value in changes.items():
        rows[row - 1][column - 1] = value
    return rows


def write_csv(rows, name):
    path = os.path.join(work, name)
    with open(path, "w", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)
    return path


def rejected(path, expected, what, area="worcestershire"):
    _, before = t.export_text(db)
    result = t.run("import-progress", area, path, db=db)
    checks.equal(result.returncode, 1, what + ": exit 1")
    checks.equal(result.stderr, "sendlens: import-progress: " + expected + "\n",
                 what + ": the one line")
    _, after = t.export_text(db)
    checks.check(after == before, what + ": nothing stored")


def bad(changes, message, what, row_col=None):
    path = write_csv(rows_with(changes), "bad.csv")
    rejected(path, "%s:%s: %s" % (path, row_col, message), what)


bad({(3, 2): "9/9"}, "no action '9/9' in the plan of Worcestershire "
    "(`sendlens show E10000034` lists the refs)", "unknown ref", "3:2")
bad({(3, 2): "2"}, "no action '2' in the plan of Worcestershire "
    "(`sendlens show E10000034` lists the refs)", "a ref without its concern", "3:2")
bad({(3, 2): "M1"}, "'M1' is a measure, not an action", "ref of the wrong kind", "3:3")
bad({(6, 2): "1/1"}, "'1/1' is an action, not a measure", "action ref as a measure", "6:3")
bad({(2, 1): "2024Q2"}, "'2024Q2' is not a period (a quarter 2024-Q3 or Q3 2023/24, a month Sep 2023, a term Autumn term 2023, an academic year 2023/24, a financial year FY 2023-24)", "bad period", "2:1")
bad({(5, 1): "2024-Q5"}, "'2024-Q5' is not a period (a quarter 2024-Q3 or Q3 2023/24, a month Sep 2023, a term Autumn term 2023, an academic year 2023/24, a financial year FY 2023-24)", "quarter 5", "5:1")
bad({(9, 1): "2024-Q3"}, "period 2024-Q3 differs from 2024-Q2 on row 2: a return is one period",
    "period differing in the last row", "9:1")
bad({(3, 4): "done"}, "status 'done' is not one of not_started, in_progress, completed, commenced, "
    "established", "status not in the list", "3:4")
bad({(3, 4): ""}, "Status is empty", "missing status", "3:4")
bad({(3, 4): "In progres"}, "status 'In progres' is not one of not_started, in_progress, "
    "completed, commenced, established", "a misspelt status", "3:4")
bad({(4, 2): ""}, "Ref is empty", "missing ref", "4:2")
bad({(4, 3): "task"}, "kind 'task' is not one of action, measure", "bad kind", "4:3")
bad({(3, 5): "5"}, "an action has a Status, not a Value", "value for an action", "3:5")
bad({(6, 4): "completed"}, "a measure has a Value, not a Status (a nominal state goes in Value)",
    "status for a measure", "6:4")
bad({(6, 5): "lots"}, "'lots' is not a number (measure M1 is an interval measure, unit count)",
    "text for an interval measure", "6:5")
bad({(6, 5): "2.5"}, "2.5 is not a count (a whole number, 0 or more) as measure M1 needs",
    "a fraction of a count", "6:5")
bad({(7, 5): "120"}, "120 is not a percentage from 0 to 100 (measure M2 is in percent)",
    "percentage above 100", "7:5")
bad({(7, 5): "61.5%"}, "'61.5%': write a percentage as a number (61.5), without %",
    "a percent sign", "7:5")
bad({(9, 5): ""}, "Value is empty", "missing value in the last row", "9:5")
bad({(9, 5): "completed"}, "'completed' is not a number (measure M5 is an interval measure, "
    "unit count)", "a state for an interval measure in the last row", "9:5")
bad({(5, 2): "1/2"}, "action '1/2' is already reported on row 3", "a ref twice", "5:2")
bad({(1, 3): "Type"}, "unknown column 'Type' (the columns are Period, Ref, Kind, Status, Value, "
    "Note)", "wrong header", "1:3")

# Nominal measures take a state, not a number. No document states a
# nominal measure (Staffordshire's APP only explains the kind, issue 13),
# so Worcestershire's M3, of no stated kind, is made nominal for the check
# and put back.
NOMINAL = ("(SELECT m.id FROM measure m JOIN fact f ON f.id = m.id AND f.area = 'E10000034' "
           "ORDER BY m.id LIMIT 1 OFFSET 2)")
connection = sqlite3.connect(db)
checks.equal(connection.execute("SELECT kind FROM measure WHERE id = " + NOMINAL).fetchone(), (None,),
             "Worcestershire's M3 has no stated kind")
connection.execute("UPDATE measure SET kind = 'nominal' WHERE id = " + NOMINAL)
connection.commit()
path = write_csv([GOOD[0], ["2024-Q2", "M3", "measure", "", "3", ""]], "nominal.csv")
rejected(path, "%s:2:5: '3' is not a state of nominal measure M3 (not_started, commenced, "
         "established, completed)" % path, "a number for a nominal measure")
connection.execute("UPDATE measure SET kind = NULL WHERE id = " + NOMINAL)
connection.commit()
connection.close()
path = write_csv([["Period", "Ref", "Kind", "Status"], GOOD[1]], "short.csv")
rejected(path, "%s:1:5: missing column Value" % path, "a missing column")
path = write_csv([GOOD[0]], "header.csv")
rejected(path, "%s:2:1: no rows after the header" % path, "no rows")
path = write_csv([GOOD[0], GOOD[1] + ["", "extra"]], "wide.csv")
rejected(path, "%s:2:8: a value outside the columns of the header" % path, "a cell past the header")
path = write_csv([["Period", "Ref", "", "Kind", "Status", "Value"],
                  ["2024-Q2", "1/1", "stray", "action", "completed", ""]], "gap.csv")
rejected(path, "%s:2:3: a value outside the columns of the header" % path,
         "a value under an unnamed column")
path = write_csv(GOOD[:3], "quote.csv")
with open(path, "a") as out:
    out.write('2024-Q2,1/3,action,"completed\n')
rejected(path, "%s:4: quote opened here is never closed in column 4" % path, "an unclosed quote")
path = os.path.join(work, "empty.csv")
open(path, "w").close()
rejected(path, "%s:1:1: empty file: the first row must name the columns Period, Ref, Kind, "
         "Status, Value, Note" % path, "an empty file")
rejected(EXAMPLE, "%s: no area 'nowhere' in %s (load it first; see 'sendlens areas')"
         % (EXAMPLE, db), "an area not loaded", "nowhere")
rejected(os.path.join(work, "missing.csv"), "%s: No such file or directory"
         % os.path.join(work, "missing.csv"), "a missing file")
rejected(EXAMPLE, "%s:2:2: no action '1/1' in the plan of Walsall (`sendlens show E08000030` "
         "lists the refs)" % EXAMPLE, "another area's refs", "walsall")

# XLSX places are the sheet's: Sheet1!E7.
path = os.path.join(work, "bad.xlsx")
xlsx_of(rows_with({(7, 5): "120"}), path)
rejected(path, "%s:Sheet1!E7: 120 is not a percentage from 0 to 100 (measure M2 is in percent)"
         % path, "XLSX: a bad value")
xlsx_of(rows_with({(9, 1): "2024-Q1"}), path)
rejected(path, "%s:Sheet1!A9: period 2024-Q1 differs from 2024-Q2 on row 2: a return is one "
         "period" % path, "XLSX: bad only in the last row")
workbook = openpyxl.load_workbook(path)
workbook.active["A2"] = datetime.datetime(2024, 6, 1)
workbook.save(path)
rejected(path, "%s:Sheet1!A2: '45444' is not a period (a quarter 2024-Q3 or Q3 2023/24, a month Sep 2023, a term Autumn term 2023, an academic year 2023/24, a financial year FY 2023-24); a date cell holds "
         "a number: type the period as text" % path, "XLSX: a date for the period")
path = os.path.join(work, "text.xlsx")
shutil.copy(EXAMPLE, path)
rejected(path, "%s: not an XLSX workbook: Not a zip archive" % path, "XLSX: not a workbook")

# A rejected file leaves an earlier return of its period as it was.
_, still = t.export_text(db)
checks.check(still == first, "after all the rejections the store holds the first import")

# After a reload, a measure is found again by its name when its M-ref
# changed (a new version of the plan inserted a measure before it), and an
# entry whose measure is gone is kept and listed. Both simulated by editing
# what the import stored.
connection = sqlite3.connect(db)
connection.execute("UPDATE progress_entry SET ref = 'M98' WHERE ref = 'M2'")
connection.execute("UPDATE progress_entry SET ref = 'M99', target_name = 'A measure the plan "
                   "dropped' WHERE ref = 'M1'")
connection.commit()
connection.close()
result = t.run("load", "worcestershire", db=db)
checks.equal(result.returncode, 0, "reload with an unlinked entry: " + result.stderr)
checks.check("walsall" not in result.stderr and "worcestershire: 1 entries of imported progress "
             "returns have no action or measure in the plan as now loaded" in result.stderr,
             "load says so: " + result.stderr)
after = area_of(t.export(db), "E10000034")
checks.equal(after["progress_returns"][0]["unlinked"],
             [{"kind": "measure", "ref": "M99", "locator": "line 6, column 5"}],
             "the unlinked entry is listed")
measures = {m["return_ref"]: m for m in walk(after, "observations")}
checks.equal([o["value"] for o in measures["M2"]["observations"]], [61.5],
             "a measure whose ref changed is found by its name")
checks.equal(measures["M1"]["observations"], [], "the dropped measure's value is not on M1")
checks.equal(sum(len(m["observations"]) for m in measures.values()), 3,
             "the other three values are linked again")
checks.check("measure M99 (line 6, column 5): not in the plan as now loaded" in
             t.run("show", "worcestershire", db=db).stdout, "show lists it")

# Words as people type them: stored as the lists spell them, the cell as
# written kept as the quote.
typed = write_csv([GOOD[0], ["2024-Q1", "1/1", "Action", "In progress", "", ""],
                   ["2024-Q1", "M3", "MEASURE", "", "Not started", ""]], "typed.csv")
result = t.run("import-progress", "worcestershire", typed, db=xlsx_db)
checks.equal(result.returncode, 0, "typed words import: " + result.stderr)
typed_area = area_of(t.export(xlsx_db), "E10000034")
action = next(a for a in walk(typed_area, "progress") if a.get("return_ref") == "1/1")
checks.equal([(p["period"], p["status"], p["sources"][0]["quote"]) for p in action["progress"]],
             [("2024-Q1", "in_progress", "In progress"), ("2024-Q2", "completed", "completed")],
             "'In progress' is in_progress, quoted as typed")
m3 = next(m for m in walk(typed_area, "observations") if m["return_ref"] == "M3")
checks.equal([(o["period"], o["state"]) for o in m3["observations"]],
             [("2024-Q1", "not_started"), ("2024-Q2", "commenced")], "'Not started' is not_started")

# Two periods of one area: both kept, each value its own record (the CSV
# export's ids are unique), ordered by period.
q3 = write_csv([GOOD[0]] + [["2024-Q3"] + r[1:] for r in GOOD[1:]], "q3.csv")
result = t.run("import-progress", "worcestershire", q3, db=xlsx_db)
checks.equal(result.returncode, 0, "a second period imports: " + result.stderr)
both = area_of(t.export(xlsx_db), "E10000034")
checks.equal([r["period"] for r in both["progress_returns"]], ["2024-Q1", "2024-Q2", "2024-Q3"],
             "three returns")
m1 = next(m for m in walk(both, "observations") if m["return_ref"] == "M1")
checks.equal([(o["period"], o["value"]) for o in m1["observations"]],
             [("2024-Q2", 23), ("2024-Q3", 23)], "M1 per period")
csv_dir = os.path.join(work, "csv")
result = t.run("export", "--format", "csv", "-o", csv_dir, db=xlsx_db)
checks.equal(result.returncode, 0, "CSV export: " + result.stderr)
ids = [row["id"] for row in csv.DictReader(open(os.path.join(csv_dir, "observations.csv")))]
checks.equal(len(ids), 9, "nine observations exported")
checks.equal(len(set(ids)), len(ids), "their ids are unique")

shutil.rmtree(work)
checks.done()
