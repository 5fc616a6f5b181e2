"""`sendlens template progress AREA -o FILE.xlsx` (issue 16): a progress
return to fill in. Read with zipfile and XML: Instructions first, then the
Return sheet import-progress reads, a row per action and measure of the
stored plan with its return ref, drop-down lists of the statuses
schemas/progress-return.md lists and of the quarters the plan covers. Then
the round trip a council's officer makes: fill some cells in a spreadsheet
program (openpyxl here), leave the rest, import-progress it as it is, and
the store holds exactly what was filled. An unknown area is one line."""

import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402
import openpyxl  # noqa: E402

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
AREA = "E10000034"  # Worcestershire: its APP covers 2022 to 2023
# schemas/progress-return.md: the Status column of an action.
STATUSES = ["not_started", "in_progress", "completed", "commenced", "established"]

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "areas.db")
result = t.run("load", "worcestershire", "walsall", db=db)
checks.equal(result.returncode, 0, "load: " + result.stderr)
path = os.path.join(work, "return.xlsx")
result = t.run("template", "progress", "worcestershire", "-o", path, db=db)
checks.equal((result.returncode, result.stderr), (0, ""), "template progress worcestershire")


def sheet_parts(book):
    """{sheet name: part} in tab order."""
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(
        book.read("xl/_rels/workbook.xml.rels")).iter(PACKAGE_REL + "Relationship")}
    return {s.get("name"): "xl/" + rels[s.get(REL + "id")].replace("/xl/", "")
            for s in ET.fromstring(book.read("xl/workbook.xml")).iter(MAIN + "sheet")}


def cells(book, part, strings):
    """{reference: text} of a sheet."""
    out = {}
    for cell in ET.fromstring(book.read(part)).iter(MAIN + "c"):
        value = cell.find(MAIN + "v")
        if value is None:
            continue
        out[cell.get("r")] = strings[int(value.text)] if cell.get("t") == "s" else value.text
    return out


def column(found, letter, first, last):
    return [found.get("%s%d" % (letter, row)) for row in range(first, last + 1)]


# The plan's actions with a ref and its measures, with the refs a return
# uses (the JSON export's return_ref), in plan order.
document = t.export(db)
plan_refs = []
for area in document["areas"]:
    if area["code"] != AREA:
        continue
    for plan in area["plans"]:
        for concern in plan["concerns"]:
            for action in concern["actions"]:
                if action.get("return_ref"):
                    plan_refs.append(("action", action["return_ref"]))
measure_rows = t.query(db, "SELECT t.ref, t.measure_kind, t.unit FROM progress_target t "
                           "JOIN fact f ON f.id = t.fact WHERE t.area = ? AND t.kind = 'measure' "
                           "ORDER BY f.seq", AREA)
plan_refs += [("measure", ref) for ref, _, _ in measure_rows]
checks.check(len(plan_refs) > 60, "Worcestershire's plan has its actions and measures: %d"
             % len(plan_refs))

with zipfile.ZipFile(path) as book:
    strings = ["".join(x.text or "" for x in si.iter(MAIN + "t")) for si in
               ET.fromstring(book.read("xl/sharedStrings.xml")).iter(MAIN + "si")]
    parts = sheet_parts(book)
    checks.equal(list(parts)[:2], ["Instructions", "Return"],
                 "Instructions first, then the Return sheet")
    instructions = " ".join(cells(book, parts["Instructions"], strings).values())
    checks.check("import-progress" in instructions and AREA in instructions,
                 "the instructions say how it is read back")
    found = cells(book, parts["Return"], strings)
    checks.equal(column(found, "A", 1, 1) + column(found, "B", 1, 1) + column(found, "C", 1, 1) +
                 column(found, "D", 1, 1) + column(found, "E", 1, 1) + column(found, "F", 1, 1),
                 ["Period", "Ref", "Kind", "Status", "Value", "Note"], "Return: the header")
    last = len(plan_refs) + 1
    checks.equal(list(zip(column(found, "C", 2, last), column(found, "B", 2, last))), plan_refs,
                 "Return: a row per action and measure, its kind and return ref")
    checks.equal([found.get("%s%d" % (c, r)) for c in "ADEF" for r in range(2, last + 1)
                  if found.get("%s%d" % (c, r))], [], "Return: Period, Status, Value, Note empty")
    validations = {}
    for item in ET.fromstring(book.read(parts["Return"])).iter(MAIN + "dataValidation"):
        formula = item.find(MAIN + "formula1").text
        validations[item.get("sqref")] = (item.get("type"), item.get("errorStyle"), formula)


def listed(formula):
    """The values of a list validation written in its rule: "a,b,c"."""
    match = re.fullmatch(r'"([^"]*)"', formula or "")
    return match.group(1).split(",") if match else formula


status = validations.get("D2:D%d" % last)
checks.check(status and status[0] == "list" and status[1] in (None, "stop"),
             "Status: a strict drop-down list on every row: %r" % (validations,))
checks.equal(listed(status[2]) if status else None, STATUSES,
             "Status: the statuses import-progress accepts")
period = validations.get("A2:A%d" % last)
checks.check(period and period[0] == "list", "Period: a drop-down list on every row")
quarters = ["%d-Q%d" % (year, q) for year in (2022, 2023) for q in (1, 2, 3, 4)]
checks.equal(listed(period[2]) if period else None, quarters,
             "Period: the quarters of the plan's 2022 to 2023")

# The round trip: an officer fills two actions and a measure, for one
# quarter, and leaves every other row as it came.
book = openpyxl.load_workbook(path)
sheet = book["Return"]
refs = {(sheet.cell(r, 3).value, sheet.cell(r, 2).value): r for r in range(2, last + 1)}
measure_ref, measure_kind, measure_unit = next(
    (m for m in measure_rows if m[1] == "interval" and m[2] in ("percent", "count")),
    measure_rows[0])
filled = {("action", plan_refs[0][1]): ("in_progress", None, "on track, see minutes"),
          ("action", plan_refs[1][1]): ("completed", None, None),
          ("measure", measure_ref): (None, 42, "Q2 figure")}
for (kind, ref), (state, value, note) in filled.items():
    row = refs[(kind, ref)]
    sheet.cell(row, 1).value = "2023-Q2"
    sheet.cell(row, 4).value = state
    sheet.cell(row, 5).value = value
    sheet.cell(row, 6).value = note
filled_path = os.path.join(work, "filled.xlsx")
book.save(filled_path)
result = t.run("import-progress", "worcestershire", filled_path, db=db)
checks.equal(result.returncode, 0, "import-progress reads the filled template: " + result.stderr)
checks.check("2 action statuses, 1 measure values" in result.stdout, result.stdout)
stored = t.query(db, "SELECT r.period, e.kind, e.ref, e.status, e.value, e.note, e.locator "
                     "FROM progress_entry e JOIN progress_return r ON r.id = e.return_id "
                     "WHERE r.area = ? ORDER BY e.seq", AREA)
checks.equal({(kind, ref): (state, value, note) for _, kind, ref, state, value, note, _ in stored},
             filled, "the store holds what was filled, and nothing else")
checks.check(stored and all(s[0] == "2023-Q2" for s in stored), "for the quarter filled in")
checks.check(stored and all(s[6].startswith("Return!") for s in stored),
             "each entry's source is its cell of the Return sheet: %r" % [s[6] for s in stored])

# The same in CSV: a row naming an action and reporting nothing is not
# reported; a row with a Period but nothing else is still an error.
csv_path = os.path.join(work, "return.csv")
with open(csv_path, "w", encoding="utf-8") as file:
    file.write("Period,Ref,Kind,Status,Value,Note\r\n2023-Q3,%s,action,completed,,\r\n"
               ",%s,action,,,\r\n" % (plan_refs[0][1], plan_refs[1][1]))
result = t.run("import-progress", "worcestershire", csv_path, db=db)
checks.check(result.returncode == 0 and "1 action statuses" in result.stdout,
             "a CSV row with only Ref and Kind is not reported: " + result.stdout + result.stderr)
with open(csv_path, "w", encoding="utf-8") as file:
    file.write("Period,Ref,Kind,Status,Value,Note\r\n2023-Q3,%s,action,completed,,\r\n"
               "2023-Q3,%s,action,,,\r\n" % (plan_refs[0][1], plan_refs[1][1]))
result = t.run("import-progress", "worcestershire", csv_path, db=db)
checks.check(result.returncode == 1 and "return.csv:3:" in result.stderr,
             "a row with a Period and no status is refused: " + result.stderr)

# An unknown area: one line, exit 1, no file.
missing = os.path.join(work, "missing.xlsx")
result = t.run("template", "progress", "Nowhereshire", "-o", missing, db=db)
checks.equal(result.returncode, 1, "an unknown area fails")
checks.check(re.fullmatch(r"sendlens: template: .*Nowhereshire.*\n", result.stderr),
             "one line, sendlens: template: ...: %r" % result.stderr)
checks.check(not os.path.exists(missing) and not os.path.exists(missing + ".tmp"),
             "and writes nothing")
for args in (["progress", "worcestershire"], ["progress"], ["plan", "worcestershire", "-o", path]):
    result = t.run("template", *args, db=db)
    checks.equal(result.returncode, 2, "template %s: a usage error" % " ".join(args))

checks.done()
