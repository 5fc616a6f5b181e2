"""The workbook analysts pivot (issue 16), read with Python's zipfile and
XML parser, not with the library that wrote it: README first, naming every
sheet and the licences; each sheet a named Excel table over all its rows;
dates as Excel dates (numbers with a date format) and percentages as
fractions with a percentage format; suppressed figures an empty number with
"x" in a text column beside it, never "x" in a numeric column; area names
beside area codes, also of an area known only from its case records (named
from the published geography); and `export --format csv --bom`."""

import csv
import datetime
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402
import statistics_fixture as fixture  # noqa: E402

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Excel's built-in number formats that are dates, and those that are percentages.
BUILTIN_DATES = {14, 15, 16, 17, 22}
BUILTIN_PERCENT = {9, 10}
SMALL = os.path.join(t.SOURCE_DIR, "tests", "data", "cases", "ehc_small.csv")
EHC = os.path.join(t.SOURCE_DIR, "scripts", "indicators", "ehc.lua")
BIRMINGHAM = "E08000025"  # in the statistics files, never loaded from a plugin

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "book.db")
fixture.hand(db, work)
for area in ("E10000034", BIRMINGHAM):
    result = t.run("import-cases", area, SMALL, db=db)
    checks.equal(result.returncode, 0, "import-cases %s: %s" % (area, result.stderr))
checks.equal(t.run("indicators", EHC, db=db).returncode, 0, "indicators")


def column_index(reference):
    letters = re.match(r"[A-Z]+", reference).group(0)
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number - 1


class Book:
    """An XLSX file's sheets (in tab order) as rows of (value, kind, numFmt)
    cells, its tables and its data validations, from the XML parts."""

    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        self.strings = [("".join(t.text or "" for t in si.iter(MAIN + "t")))
                        for si in self.xml("xl/sharedStrings.xml").iter(MAIN + "si")] \
            if "xl/sharedStrings.xml" in self.zip.namelist() else []
        self.formats = self.number_formats()
        rels = {r.get("Id"): r.get("Target")
                for r in self.xml("xl/_rels/workbook.xml.rels").iter(PACKAGE_REL + "Relationship")}
        self.sheets = {}
        self.parts = {}
        for sheet in self.xml("xl/workbook.xml").iter(MAIN + "sheet"):
            part = "xl/" + rels[sheet.get(REL + "id")].lstrip("/").replace("xl/", "")
            self.sheets[sheet.get("name")] = part
        self.order = list(self.sheets)

    def xml(self, part):
        return ET.fromstring(self.zip.read(part))

    def number_formats(self):
        styles = self.xml("xl/styles.xml")
        custom = {int(f.get("numFmtId")): f.get("formatCode")
                  for f in styles.iter(MAIN + "numFmt")}
        formats = []
        for xf in styles.find(MAIN + "cellXfs"):
            number = int(xf.get("numFmtId", "0"))
            formats.append(custom.get(number, number))
        return formats

    def rows(self, name):
        """[[(value, kind, format)]]: kind "n" number, "s" text; None cells
        for the cells a row omits."""
        out = []
        for row in self.xml(self.sheets[name]).iter(MAIN + "row"):
            cells = []
            for cell in row.iter(MAIN + "c"):
                index = column_index(cell.get("r"))
                while len(cells) < index:
                    cells.append((None, None, 0))
                kind = cell.get("t", "n")
                value = cell.find(MAIN + "v")
                text = value.text if value is not None else None
                if kind == "s" and text is not None:
                    text = self.strings[int(text)]
                elif kind == "inlineStr":
                    text = "".join(x.text or "" for x in cell.iter(MAIN + "t"))
                if text is not None and kind == "n":
                    text = float(text)
                cells.append((text, "n" if kind == "n" else "s",
                              self.formats[int(cell.get("s", "0"))]))
            out.append(cells)
        return out

    def records(self, name):
        rows = self.rows(name)
        header = [c[0] for c in rows[0]]
        return header, [dict(zip(header, r + [(None, None, 0)] * (len(header) - len(r))))
                        for r in rows[1:]]

    def tables(self, name):
        rels_part = self.sheets[name].replace("worksheets/", "worksheets/_rels/") + ".rels"
        if rels_part not in self.zip.namelist():
            return []
        found = []
        for rel in self.xml(rels_part).iter(PACKAGE_REL + "Relationship"):
            if rel.get("Type").endswith("/table"):
                part = os.path.normpath(os.path.join("xl/worksheets", rel.get("Target")))
                found.append(self.xml(part))
        return found


def is_date(number_format):
    return number_format in BUILTIN_DATES or (
        isinstance(number_format, str) and "y" in number_format and "d" in number_format)


def is_percent(number_format):
    return number_format in BUILTIN_PERCENT or (
        isinstance(number_format, str) and number_format.endswith("%"))


path = os.path.join(work, "book.xlsx")
# Written at 2023-11-14 22:13:20 UTC, as SOURCE_DATE_EPOCH says.
result = t.run("export", "--format", "xlsx", "-o", path, db=db,
               env={"SOURCE_DATE_EPOCH": "1700000000"})
checks.equal(result.returncode, 0, "export --format xlsx: " + result.stderr)
book = Book(path)
folder = os.path.join(work, "csv")
checks.equal(t.run("export", "--format", "csv", "-o", folder, db=db).returncode, 0, "csv export")

# README first, naming every other sheet with what it holds, and the licences.
checks.equal(book.order[0], "README", "README is the first sheet")
readme = book.rows("README")
described = {r[0][0]: r[1][0] for r in readme if len(r) > 1 and r[0][0] and r[1][0]}
for sheet in book.order[1:]:
    checks.check(len(described.get(sheet) or "") > 10,
                 "README says what %s holds: %r" % (sheet, described.get(sheet)))
# docs/workbook.md lists the same sheets with the same words.
with open(os.path.join(t.SOURCE_DIR, "docs", "workbook.md"), encoding="utf-8") as file:
    documented = file.read()
for sheet in book.order[1:]:
    checks.check("| %s | %s |" % (sheet, described.get(sheet)) in documented,
                 "docs/workbook.md describes %s as the README does" % sheet)
checks.check(any("Open Government Licence v3.0" in (c[0] or "") for r in readme for c in r
                 if isinstance(c[0], str)), "README names the Open Government Licence v3.0")
# When and what wrote it: the publication metadata's rows (core/publication.c).
checks.check(str(described.get("Produced with") or "").startswith("sendlens "),
             "README says which sendlens wrote it: %r" % described.get("Produced with"))
checks.check(str(described.get("Published") or "").startswith("2023-11-14"),
             "README says the day it was written (SOURCE_DATE_EPOCH's): %r"
             % described.get("Published"))

# Each data sheet is one named Excel table over its header and every row,
# with a filter and banded rows; names are unique and valid in Excel.
names = set()
for sheet in book.order[1:]:
    tables = book.tables(sheet)
    checks.equal(len(tables), 1, sheet + ": one table")
    if not tables:
        continue
    table = tables[0]
    name = table.get("name")
    checks.check(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", name or "") and name not in names,
                 "%s: a valid, unique table name %r" % (sheet, name))
    names.add(name)
    rows = book.rows(sheet)
    width = len(rows[0])
    last_row = max(len(rows), 2)
    expected = "A1:%s%d" % ("".join(chr(65 + i) for i in ([width - 1] if width <= 26 else
                                                           [(width - 1) // 26 - 1,
                                                            (width - 1) % 26])), last_row)
    checks.equal(table.get("ref"), expected, sheet + ": the table covers header and data")
    checks.check(table.find(MAIN + "autoFilter") is not None, sheet + ": the table filters")
    style = table.find(MAIN + "tableStyleInfo")
    checks.check(style is not None and style.get("showRowStripes") == "1",
                 sheet + ": banded rows")
    headers = [c.get("name") for c in table.iter(MAIN + "tableColumn")]
    checks.equal(headers, [c[0] for c in rows[0]], sheet + ": the table's columns are the header")

# Dates are Excel dates: numbers with a date format, the day the CSV says.
with open(os.path.join(folder, "plans.csv"), newline="", encoding="utf-8") as file:
    plan_dates = {r["id"]: r["approved"] for r in csv.DictReader(file)}
_, plans = book.records("Plans")
days = [(p["id"][0], p["approved"]) for p in plans if p["approved"][0] is not None]
full = [(i, cell) for i, cell in days if re.fullmatch(r"\d{4}-\d\d-\d\d", plan_dates[i])]
checks.check(full, "some plan has a day it was approved")
for plan, (value, kind, number_format) in full:
    day = datetime.date(1899, 12, 30) + datetime.timedelta(days=int(value) if kind == "n" else 0)
    checks.check(kind == "n" and is_date(number_format) and day.isoformat() == plan_dates[plan],
                 "Plans: approved %s is an Excel date: %r" % (plan_dates[plan],
                                                              (value, kind, number_format)))

# Percentages: a fraction with a percentage format (the store's 60.2 is
# 0.602); counts in the same column not.
with open(os.path.join(folder, "statistics.csv"), newline="", encoding="utf-8") as file:
    published = list(csv.DictReader(file))
_, statistics = book.records("Statistics")
checks.equal(len(statistics), len(published), "Statistics: a row per figure")
percent_seen = 0
for row, sheet_row in zip(published, statistics):
    value, kind, number_format = sheet_row["value"]
    if not row["value"]:
        checks.check(value is None, "Statistics: no figure, no number")
        continue
    if row["unit"] == "percent":
        percent_seen += 1
        checks.check(kind == "n" and is_percent(number_format) and
                     abs(float(value) - float(row["value"]) / 100) < 1e-12,
                     "Statistics: %s%% as a percentage: %r" % (row["value"], sheet_row["value"]))
    else:
        checks.check(kind == "n" and not is_percent(number_format),
                     "Statistics: a %s is not a percentage" % row["unit"])
checks.check(percent_seen > 0, "Statistics: percentages seen")

# One number format per column: every number of a column is formatted
# alike, but for a column in the unit of its row (percent or not).
BY_UNIT = {("Statistics", c) for c in ("value", "england", "region")} | \
    {("Indicators", "value"), ("Measures", "baseline"), ("Measures", "target")}
for sheet in book.order[1:]:
    header, rows = book.records(sheet)
    for column in header:
        groups = {}
        for r in rows:
            if r[column][1] == "n":
                unit = r["unit"][0] == "percent" if (sheet, column) in BY_UNIT else None
                groups.setdefault(unit, set()).add(r[column][2])
        for unit, kinds in groups.items():
            checks.check(len(kinds) == 1 and (unit is None or
                                              {is_percent(k) for k in kinds} == {unit}),
                         "%s.%s: one number format (percent: %s): %r" % (sheet, column, unit,
                                                                        kinds))

# Suppression: the numeric columns hold numbers or nothing; the symbol
# columns beside them "x" exactly where the CSV (which keeps the DfE's
# form) has it.
with open(os.path.join(folder, "indicators.csv"), newline="", encoding="utf-8") as file:
    indicator_rows = list(csv.DictReader(file))
header, indicators = book.records("Indicators")
checks.equal(len(indicators), len(indicator_rows), "Indicators: a row per figure")
suppressed = 0
for column in ("value", "numerator", "denominator"):
    checks.check(column + "_symbol" in header and
                 header.index(column + "_symbol") == header.index(column) + 1,
                 "Indicators: %s_symbol beside %s" % (column, column))
    for row, sheet_row in zip(indicator_rows, indicators):
        checks.check(sheet_row[column][1] in (None, "n"),
                     "Indicators.%s holds no text: %r" % (column, sheet_row[column]))
        symbol = sheet_row.get(column + "_symbol", (None,))[0]
        if row[column] == "x":
            suppressed += 1
            checks.check(symbol == "x" and sheet_row[column][0] is None,
                         "Indicators.%s suppressed: empty, x beside it" % column)
        else:
            checks.check(symbol is None, "Indicators.%s shown: no symbol" % column)
checks.check(suppressed > 0, "the small case file has suppressed figures (%d)" % suppressed)

# Names beside codes: the loaded areas' names, and Birmingham's (known only
# from its case records and the statistics) from the published geography.
_, areas = book.records("Areas")
known = {a["code"][0]: a["name"][0] for a in areas}
known[BIRMINGHAM] = "Birmingham"
for sheet in ("Indicators", "Case imports", "Actions", "Progress returns"):
    header, rows = book.records(sheet)
    checks.check("area_name" in header and header.index("area_name") == header.index("area") + 1,
                 "%s: area_name beside area" % sheet)
    for row in rows:
        checks.equal(row.get("area_name", (None,))[0], known.get(row["area"][0]),
                     "%s: %s named" % (sheet, row["area"][0]))
_, imports = book.records("Case imports")
checks.check(any(r["area"][0] == BIRMINGHAM for r in imports), "Birmingham's case file is listed")

# CSV for Excel: --bom begins every file with EF BB BF; by default none.
plain = folder
marked = os.path.join(work, "csv-bom")
result = t.run("export", "--format", "csv", "--bom", "-o", marked, db=db)
checks.equal(result.returncode, 0, "export --format csv --bom: " + result.stderr)
files = sorted(os.listdir(plain))
checks.equal(sorted(os.listdir(marked)) if os.path.isdir(marked) else [], files,
             "the same files with --bom")
for name in files if os.path.isdir(marked) else []:
    with open(os.path.join(plain, name), "rb") as file:
        without = file.read()
    with open(os.path.join(marked, name), "rb") as file:
        with_bom = file.read()
    checks.check(not without.startswith(b"\xef\xbb\xbf"), name + ": no mark by default")
    checks.equal(with_bom, b"\xef\xbb\xbf" + without, name + ": the mark, then the same bytes")
result = t.run("export", "--format", "json", "--bom", db=db)
checks.check(result.returncode == 2 and "--bom" in result.stderr,
             "--bom with another format is a usage error: " + result.stderr)

checks.done()
