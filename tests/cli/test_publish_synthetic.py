"""A case file that says it is SYNTHETIC (a leading '# SYNTHETIC ...'
comment, as tools/gen-cases and the hand-made test files write) keeps the
mark on import (issue 15: it was lost, and the HTML, workbook and JSON then
showed made-up figures under a real council's name), and every output
showing figures counted from it says so: the terminal (import-cases, show,
the indicators listing and --json), the JSON, CSV, XLSX and HTML exports.
The same records without the comment are not marked anywhere, so the
marks are not always on. (compare's local figures: test_compare_local.)"""

import csv
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

AREA = "E10000034"  # Worcestershire: a real council, loaded from its plugin
SMALL = os.path.join(t.SOURCE_DIR, "tests", "data", "cases", "ehc_small.csv")
EHC = os.path.join(t.SOURCE_DIR, "scripts", "indicators", "ehc.lua")

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "synthetic.db")
with open(SMALL, encoding="utf-8") as file:
    lines = file.read().splitlines(keepends=True)
checks.check(lines[0].startswith("# SYNTHETIC DATA"), "the hand-made file says it is synthetic")
unmarked = os.path.join(work, "unmarked.csv")
with open(unmarked, "w", encoding="utf-8") as file:
    file.write("# hand-made for a test\n" + "".join(lines[1:]))
# A spreadsheet's byte order mark and lower case: still the marker.
lower = os.path.join(work, "lower.csv")
with open(lower, "w", encoding="utf-8") as file:
    file.write("\ufeff# another comment\n#synthetic records, made up\n" + "".join(lines[1:]))

checks.equal(t.run("load", "worcestershire", db=db).returncode, 0, "load")


def outputs():
    """Every output of the area's figures, as text (the workbook's sheets
    joined), after computing the indicators."""
    result = t.run("indicators", EHC, db=db)
    checks.equal(result.returncode, 0, "indicators: " + result.stderr)
    found = {"indicators": result.stdout,
             "indicators --json": t.run("indicators", "--json", EHC, db=db).stdout,
             "show": t.run("show", "worcestershire", db=db, env={"COLUMNS": "1000"}).stdout,
             "html": t.run("export", "--format", "html", db=db).stdout}
    document = t.export(db)
    found["json"] = document
    folder = os.path.join(work, "csv")
    t.run("export", "--format", "csv", "-o", folder, db=db)
    with open(os.path.join(folder, "indicators.csv"), newline="") as file:
        found["csv"] = [r for r in csv.DictReader(file) if r["area"] == AREA]
    import openpyxl
    path = os.path.join(work, "book.xlsx")
    t.run("export", "--format", "xlsx", "-o", path, db=db)
    found["xlsx"] = openpyxl.load_workbook(path)
    return found


result = t.run("import-cases", AREA, SMALL, db=db)
checks.check(result.returncode == 0 and "SYNTHETIC" in result.stdout,
             "import-cases says the file is synthetic: " + result.stdout + result.stderr)
checks.equal(t.query(db, "SELECT synthetic FROM case_import WHERE area = ?", AREA), [(1,)],
             "the mark is stored with the import")
out = outputs()
checks.check("*** SYNTHETIC DATA (SYN): the figures of %s" % AREA in out["indicators"] and
             "SYN" in [line.split()[-1] for line in out["indicators"].splitlines()
                       if line.strip().startswith("2023-Q2")],
             "indicators: a SYNTHETIC DATA line above each table, and SYN by each figure")
listed = [v for i in json.loads(out["indicators --json"]) for v in i["values"]
          if v["area"] == AREA]
checks.check(listed and all(v["synthetic"] == 1 for v in listed),
             "indicators --json: synthetic on every value of the area")
checks.check("*** SYNTHETIC DATA" in out["show"], "show: the area's case file is synthetic")
areas = t.run("areas", db=db, env={"COLUMNS": "200"}).stdout
checks.check(any(line.startswith(AREA) and line.rstrip().endswith("SYNTHETIC")
                 for line in areas.splitlines()),
             "areas: the case records' count says SYNTHETIC: %r" % areas)
listed_areas = json.loads(t.run("areas", "--json", db=db).stdout)
checks.equal([a["case_records_synthetic"] for a in listed_areas if a["code"] == AREA], [1],
             "areas --json: case_records_synthetic")
rows = [r for r in out["json"]["indicators"] if r["area"] == AREA]
checks.check(rows and all(r["synthetic"] == 1 for r in rows), "json: synthetic on every figure")
checks.equal(out["json"].get("synthetic", {}).get("areas"), [AREA], "json: the areas named")
checks.check("SYNTHETIC DATA" in out["json"].get("synthetic", {}).get("warning", ""),
             "json: the warning")
checks.check(out["csv"] and all(r["synthetic"] == "1" for r in out["csv"]),
             "csv: the synthetic column is 1 on every figure")
book = out["xlsx"]
checks.equal(book.sheetnames[0], "README", "xlsx: a README sheet first")
checks.check("SYNTHETIC DATA" in str(book["README"]["A1"].value), "xlsx: it says so")
sheet = list(book["Indicators"].iter_rows(values_only=True))
column = list(sheet[0]).index("synthetic")
checks.check(all(r[column] == 1 for r in sheet[1:] if AREA in r),
             "xlsx: the synthetic column is 1 on the area's figures")
checks.check(book["Indicators"]["A1"].comment is not None and
             "SYNTHETIC DATA" in book["Indicators"]["A1"].comment.text,
             "xlsx: the Indicators sheet carries the warning as a note")
page = out["html"]
top = page.split("<main>")[0]
checks.check('<div class="synthetic" role="alert">' in top and AREA in top,
             "html: a banner at the top, before the figures, naming the area")
indicators = page.split('id="indicators"')[1].split('<section id="statistics"')[0]
checks.check(indicators.count('<p class="synthetic"') == 5 and " SYNTHETIC" in indicators,
             "html: above each of the five indicators' charts, and beside each figure")

# The same records without the mark: marked nowhere.
result = t.run("import-cases", AREA, unmarked, db=db)
checks.check(result.returncode == 0 and "SYNTHETIC" not in result.stdout, "unmarked import")
checks.equal(t.query(db, "SELECT synthetic FROM case_import WHERE area = ?", AREA), [(0,)],
             "an unmarked file is stored as not synthetic")
out = outputs()
checks.check("SYN" not in out["indicators"], "indicators: no mark")
checks.check("SYNTHETIC" not in out["show"], "show: no mark")
checks.check("synthetic" not in out["json"] and
             all(r["synthetic"] == 0 for r in out["json"]["indicators"]), "json: no mark")
checks.check(all(r["synthetic"] == "0" for r in out["csv"]), "csv: 0")
checks.check(not any("SYNTHETIC" in str(cell) for row in out["xlsx"]["README"].iter_rows(
    values_only=True) for cell in row), "xlsx: the README sheet has no warning")
checks.check('class="synthetic"' not in out["html"].split("<style>")[0] + out["html"].split(
    "</style>")[1], "html: no banner")

result = t.run("import-cases", AREA, lower, db=db)
checks.equal(t.query(db, "SELECT synthetic FROM case_import WHERE area = ?", AREA), [(1,)],
             "a later comment line, in lower case, after a byte order mark: marked")
checks.done()
