"""export --format xlsx -o FILE on the three real areas, read back with
openpyxl (Debian's python3-openpyxl, a reader this project did not write):
the sheets and their header rows, frozen headers and autofilters, numbers
as numbers, counts the documents give, ids that join, the Comparison
sheet, the same cells after a second load, and no half file on failure."""

import collections
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "records"))
import records_def  # noqa: E402

import openpyxl  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402

# The tables of records follow core/include/sendlens/records.def (a field
# added there is a column here); the others are written out.
HEADERS = dict(records_def.export_headers("sheet"), **{
    "Sources": "id,fact,document,locator,quote",
    "Claims": "id,fact,field,value,document,locator,quote",
    "Themes": "fact,theme,title,rule,phrase,basis",
    "Progress returns": "area,area_name,period,kind,ref,status,value,state,note,document,locator,quote",
    "Indicators": "indicator,title,unit,direction,area,area_name,period,breakdown,value,"
                  "value_symbol,numerator,numerator_symbol,denominator,denominator_symbol,note,"
                  "script,script_version,synthetic",
    "Statistics": "area_code,area_name,indicator,indicator_title,unit,direction,period,period_kind,value,"
                  "symbol,numerator,numerator_symbol,denominator,denominator_symbol,england,"
                  "england_symbol,region_name,region,region_symbol,rank,ranked,quartile,change,"
                  "document,line,column",
    "Case imports": "area,area_name,file,file_hash,rows,requests,reviews,synthetic",
})
# README first: what the workbook is (the publication metadata and its
# sources, core/publication.h); prose, not a table.
SHEETS = ["README"] + list(HEADERS) + ["Comparison"]
AREAS = ["Staffordshire", "Walsall", "Worcestershire"]

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "areas.db")


def load():
    result = t.run("load", "staffordshire", "walsall", "worcestershire", db=db)
    checks.equal(result.returncode, 0, "the three areas load: " + result.stderr)


def export(path):
    result = t.run("export", "--format", "xlsx", "-o", path, db=db)
    checks.equal(result.returncode, 0, "export --format xlsx -o %s: %s" % (path, result.stderr))
    return openpyxl.load_workbook(path)


def rows(workbook, sheet):
    """A sheet's data rows as dicts keyed by its header."""
    values = list(workbook[sheet].iter_rows(values_only=True))
    return [dict(zip(values[0], row)) for row in values[1:]]


def cells(workbook):
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


load()
first_path = os.path.join(work, "first.xlsx")
book = export(first_path)
checks.equal(sorted(os.listdir(work)), ["areas.db", "first.xlsx"], "no temporary file left")
checks.equal(book.sheetnames, SHEETS, "the sheets, in order")

# Every sheet after README: a bold header row, frozen; a named table (with
# its filter) over header and data; every column given a width.
for sheet in book:
    if sheet.title == "README":
        continue
    header = [cell.value for cell in sheet[1]]
    if sheet.title in HEADERS:
        checks.equal(",".join(header), HEADERS[sheet.title], sheet.title + ": header row")
    checks.check(all(cell.font.b for cell in sheet[1]), sheet.title + ": header is bold")
    checks.equal(sheet.freeze_panes, "A2", sheet.title + ": header row frozen")
    last = "%s%d" % (get_column_letter(len(header)), max(sheet.max_row, 2))
    checks.equal([table.ref for table in sheet.tables.values()], ["A1:" + last],
                 sheet.title + ": a table over the data")
    widths = [sheet.column_dimensions[get_column_letter(i + 1)].width for i in range(len(header))]
    checks.check(all(w and 5 <= w <= 61 for w in widths),
                 "%s: every column has a width: %r" % (sheet.title, widths))

# Long text wraps in its column; short columns do not.
weakness_sheet = book["Weaknesses"]
text_column = get_column_letter([c.value for c in weakness_sheet[1]].index("text") + 1)
checks.check(weakness_sheet[text_column + "2"].alignment.wrap_text,
             "Weaknesses: the text column wraps")
checks.check(not weakness_sheet["A2"].alignment.wrap_text, "Weaknesses: the id column does not")

# Names of areas by code; every sheet's records counted per area.
names = {a["code"]: a["name"] for a in rows(book, "Areas")}
checks.equal(sorted(names.values()), AREAS, "Areas: the three areas")


def per_area(sheet):
    return collections.Counter(names.get(r["area"]) for r in rows(book, sheet))


# Counts the documents give: Worcestershire's APP has four workstreams with
# 9, 5, 10 and 14 actions; Walsall's cites 17 actions and lists 17
# measures; Staffordshire's revisit letter judged 8 weaknesses, 2 of them
# without sufficient progress.
checks.equal(per_area("Actions")["Worcestershire"], 38, "Worcestershire: 38 actions")
checks.equal(per_area("Concerns")["Worcestershire"], 4, "Worcestershire: 4 concerns")
checks.equal(per_area("Actions")["Walsall"], 17, "Walsall: 17 actions")
checks.equal(per_area("Measures")["Walsall"], 17, "Walsall: 17 measures")
staffordshire = [w for w in rows(book, "Weaknesses") if names.get(w["area"]) == "Staffordshire"]
checks.equal(len(staffordshire), 8, "Staffordshire: 8 weaknesses")
checks.equal(sum(w["progress"] == "insufficient" for w in staffordshire), 2,
             "Staffordshire: 2 weaknesses with insufficient progress")

# Numbers are numbers, and the unknown is an empty cell, not "" or "NULL".
inspections = rows(book, "Inspections")
checks.check(all(isinstance(i["weaknesses_found"], int) for i in inspections
                 if i["weaknesses_found"] is not None), "Inspections: counts are numbers")
checks.check(any(i["outcome"] is None for i in inspections), "Inspections: unknown is empty")
checks.check(all(v is None or v != "" for s in book for r in s.iter_rows(values_only=True)
                 for v in r), "no cell holds an empty string")

# Ids: AREA-KIND-SEQ, unique, and every parent column names a row that
# exists in its parent's sheet.
ids = {sheet: {r["id"] for r in rows(book, sheet)} for sheet in HEADERS
       if sheet not in ("Areas", "Themes", "Progress returns", "Indicators", "Statistics",
                        "Case imports")}
ids["Areas"] = set(names)
for sheet, kind in [("Weaknesses", "weakness"), ("Actions", "action"), ("Measures", "measure")]:
    checks.check(all(re.fullmatch(r"E\d{8}-%s-\d+" % kind, i) for i in ids[sheet]),
                 sheet + ": ids are AREA-%s-SEQ" % kind)
    checks.equal(len(ids[sheet]), len(rows(book, sheet)), sheet + ": ids are unique")
every_record = set().union(*(ids[s] for s in ids if s not in ("Sources", "Claims")))
for sheet, column, parent in [("Actions", "concern", "Concerns"), ("Concerns", "plan", "Plans"),
                              ("Weaknesses", "inspection", "Inspections"),
                              ("Reviews", "plan", "Plans"),
                              ("Findings", "review", "Reviews"), ("Inspections", "area", "Areas"),
                              ("Plans", "area", "Areas"), ("Glossary", "area", "Areas")]:
    missing = [r[column] for r in rows(book, sheet) if r[column] not in ids[parent]]
    checks.equal(missing, [], "%s: every %s id is in %s" % (sheet, column, parent))
for sheet, column in [("Measures", "parent"), ("Sources", "fact"), ("Claims", "fact"),
                      ("Themes", "fact")]:
    missing = [r[column] for r in rows(book, sheet) if r[column] not in every_record]
    checks.equal(missing, [], "%s: every %s id is a record's" % (sheet, column))

# The Comparison sheet: themes down, areas across, each cell in words.
comparison = list(book["Comparison"].iter_rows(values_only=True))
checks.equal(list(comparison[0]), ["theme", "title"] + AREAS, "Comparison: header row")
matrix = {row[0]: dict(zip(comparison[0], row)) for row in comparison[1:]}
local_offer = matrix.get("local_offer", {})
checks.check("insufficient" in (local_offer.get("Walsall") or ""),
             "Comparison: Walsall's local offer weakness is insufficient: %r" % local_offer)
checks.check(re.search(r"concern \S+: \d+ actions?, \d+ measures?",
                       local_offer.get("Walsall") or ""),
             "Comparison: Walsall's local offer concern counted in words")
checks.equal(local_offer.get("Staffordshire"), None, "Comparison: nothing is an empty cell")

# A second load replaces the areas; the export has the same cells.
load()
second = export(os.path.join(work, "second.xlsx"))
checks.check(cells(second) == cells(book), "the same cells after a second load")

# With SOURCE_DATE_EPOCH the workbook's creation time is fixed, so the same
# data gives the same bytes (what a reproducible report needs); without it,
# the time is now. A bad value is refused and writes nothing.
epoch = {"SOURCE_DATE_EPOCH": "1700000000"}
fixed = [os.path.join(work, "fixed%d.xlsx" % i) for i in (1, 2)]
for path in fixed:
    load()
    checks.equal(t.run("export", "--format", "xlsx", "-o", path, db=db, env=epoch).returncode, 0,
                 "export with SOURCE_DATE_EPOCH")
checks.check(open(fixed[0], "rb").read() == open(fixed[1], "rb").read(),
             "two loads and exports with SOURCE_DATE_EPOCH give identical bytes")
bad = os.path.join(work, "bad-epoch.xlsx")
result = t.run("export", "--format", "xlsx", "-o", bad, db=db, env={"SOURCE_DATE_EPOCH": "soon"})
checks.check(result.returncode == 1 and "SOURCE_DATE_EPOCH" in result.stderr and
             not os.path.exists(bad), "a bad SOURCE_DATE_EPOCH is refused: " + result.stderr)

# Usage: a workbook needs a file name.
for args in (["--format", "xlsx"], ["--format", "xlsx", "-o", "-"]):
    result = t.run("export", *args, db=db)
    checks.equal(result.returncode, 2, " ".join(args) + ": usage error")
result = t.run("export", "--format", "yaml", "-o", "x", db=db)
checks.check("xlsx" in result.stderr, "an unknown format lists xlsx: " + result.stderr)

# A failed export leaves no file, and an existing one as it was: here the
# temporary name is taken by a folder, so the workbook cannot be written.
missing_dir = os.path.join(work, "no-such-dir", "out.xlsx")
result = t.run("export", "--format", "xlsx", "-o", missing_dir, db=db)
checks.equal(result.returncode, 1, "export into a missing folder fails")
checks.equal(len(result.stderr.strip().splitlines()), 1, "one line on stderr: " + result.stderr)
checks.check(not os.path.exists(os.path.dirname(missing_dir)), "and creates nothing")
before = open(first_path, "rb").read()
os.mkdir(first_path + ".tmp")
open(os.path.join(first_path + ".tmp", "keep"), "w").close()
result = t.run("export", "--format", "xlsx", "-o", first_path, db=db)
checks.equal(result.returncode, 1, "export whose temporary cannot be written fails")
checks.check(open(first_path, "rb").read() == before, "the earlier workbook is untouched")

checks.done()
