"""import-cases and the EHC indicators on tests/data/cases/ehc_small.csv,
whose answers were worked out by hand (ehc_small.md): the raw counts per
quarter in the database, the suppressed display in every output, an
idempotent re-import, and cases that survive a reload of the area's
plugin."""

import csv
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

SMALL = os.path.join(t.SOURCE_DIR, "tests", "data", "cases", "ehc_small.csv")
EHC = os.path.join(t.SOURCE_DIR, "scripts", "indicators", "ehc.lua")
AREA = "E06000099"

# (indicator, quarter): (numerator, denominator, as shown). Shown: counts of
# 1 to 4 are x, a value only with both its counts; and a count that
# subtraction from shown ones would give away is x too (docs/indicators.md):
# 5 of 7 within 20 weeks gives 2 late plans, so 5 is x; 5 of 6 without the
# exceptions gives 1 late, so 5 is x, and then 7 - 6 = 1 exception, so 6 is x.
EXPECTED = {
    ("ehcp_within_20_weeks", "2023-Q2"): (5, 7, "x/7 x"),
    ("ehcp_within_20_weeks", "2023-Q3"): (0, 1, "0/x x"),
    ("ehcp_within_20_weeks_excl_exceptions", "2023-Q2"): (5, 6, "x/x x"),
    ("ehcp_within_20_weeks_excl_exceptions", "2023-Q3"): (0, 1, "0/x x"),
    ("open_assessments_over_20_weeks", "2022-Q4"): (0, 1, "0/x x"),
    ("open_assessments_over_20_weeks", "2023-Q1"): (0, 13, "0/13 0"),
    ("open_assessments_over_20_weeks", "2023-Q2"): (2, 4, "x/x x"),
    ("open_assessments_over_20_weeks", "2023-Q3"): (3, 3, "x/x x"),
    ("annual_reviews_on_time", "2023-Q3"): (5, 7, "x/7 x"),
    ("annual_reviews_on_time", "2023-Q4"): (0, 1, "0/x x"),
    ("requests_refused", "2023-Q1"): (1, 15, "x/15 x"),
    ("requests_refused", "2023-Q3"): (1, 1, "x/x x"),
}


def published(shown):
    """The cells of "numerator/denominator value" as the exports hold them."""
    counts, value = shown.split()
    cell = [c if c == "x" else int(c) for c in counts.split("/")]
    return cell[0], cell[1], value if value == "x" else round(float(value), 2)


def stored(db):
    return {(i, p): (n, d) for i, p, n, d in t.query(
        db, "SELECT indicator, period, numerator, denominator FROM indicator_result "
        "WHERE denominator IS NOT NULL AND area = ?", AREA)}


checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "cases.db")

result = t.run("import-cases", AREA, SMALL, db=db)
checks.equal(result.returncode, 0, "import-cases: " + result.stderr)
checks.check("25 rows (17 requests, 8 reviews)" in result.stdout, "counts: " + result.stdout)
checks.equal(result.stderr, "", "nothing on stderr")
checks.equal(os.stat(db).st_mode & 0o777, 0o600, "the database is readable by its owner only")

result = t.run("indicators", EHC, db=db)
checks.equal(result.returncode, 0, "indicators: " + result.stderr)
counts = stored(db)
checks.equal(counts, {k: v[:2] for k, v in EXPECTED.items()},
             "numerators and denominators per quarter, as worked out by hand")

# The listing: a table per indicator, "numerator/denominator value" cells.
listing = result.stdout
for (indicator, quarter), (_, _, shown) in EXPECTED.items():
    block = listing.split("\n" + indicator + ":", 1)[1].split("\n\n", 1)[0]
    row = [line for line in block.splitlines() if line.strip().startswith(quarter)]
    checks.check(row and row[0].split()[-3:] == shown.split() + ["SYN"],
                 "%s %s shown as %r, marked synthetic: %r" % (indicator, quarter, shown, row))
checks.check("*** SYNTHETIC DATA (SYN): the figures of %s" % AREA in listing,
             "the listing says the figures are of synthetic records")

# --json: the same, suppressed; no raw small count anywhere in it.
result = t.run("indicators", "--json", EHC, db=db)
values = {(i["id"], v["period"]): v for i in json.loads(result.stdout) for v in i["values"]}
for key, (_, _, shown) in EXPECTED.items():
    value = values[key]
    got = (value["numerator"], value["denominator"],
           value["value"] if value["value"] == "x" else round(value["value"], 2))
    checks.equal(got, published(shown), "--json %s %s" % key)
    checks.equal(value["synthetic"], 1, "--json %s %s: synthetic" % key)

# export json: the indicators as published, and the case file as source.
document = t.export(db)
exported = {(r["indicator"], r["period"]): r for r in document["indicators"] if r["area"] == AREA}
for key, (_, _, shown) in EXPECTED.items():
    row = exported[key]
    value = row["value"] if row["value"] == "x" else round(row["value"], 2)
    checks.equal((row["numerator"], row["denominator"], value), published(shown),
                 "export json %s %s" % key)
    checks.equal(row["synthetic"], 1, "export json %s %s: synthetic" % key)
checks.equal(document.get("synthetic", {}).get("areas"), [AREA], "export json: synthetic areas")
import jsonschema  # noqa: E402
with open(os.path.join(t.SOURCE_DIR, "schemas", "model.schema.json")) as file:
    schema = json.load(file)
errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(document)]
checks.equal(errors[:3], [], "export json with indicators and case imports is valid")
imports = document["case_imports"]
checks.equal([(i["area"], i["file"], i["rows"], i["requests"], i["reviews"], i["synthetic"])
              for i in imports],
             [(AREA, "ehc_small.csv", 25, 17, 8, 1)], "export json: the imported file, synthetic")
with open(SMALL, "rb") as file:
    checks.equal(imports[0]["file_hash"], hashlib.blake2b(file.read(), digest_size=32).hexdigest(),
                 "the file's BLAKE2b-256, as Python computes it")

# export csv and xlsx: the same published cells.
csv_dir = os.path.join(work, "csv")
result = t.run("export", "--format", "csv", "-o", csv_dir, db=db)
checks.equal(result.returncode, 0, "export csv: " + result.stderr)
with open(os.path.join(csv_dir, "indicators.csv"), newline="") as file:
    rows = {(r["indicator"], r["period"]): r for r in csv.DictReader(file) if r["area"] == AREA}
for key, (_, _, shown) in EXPECTED.items():
    expected = [str(c) for c in published(shown)]
    got = [rows[key]["numerator"], rows[key]["denominator"], rows[key]["value"]]
    if got[2] != "x":
        got[2] = str(round(float(got[2]), 2)).rstrip("0").rstrip(".")
        expected[2] = str(expected[2]).rstrip("0").rstrip(".")
    checks.equal(got, expected, "export csv %s %s" % key)
    checks.equal(rows[key]["synthetic"], "1", "export csv %s %s: synthetic" % key)

import openpyxl  # noqa: E402
book_path = os.path.join(work, "cases.xlsx")
result = t.run("export", "--format", "xlsx", "-o", book_path, db=db)
checks.equal(result.returncode, 0, "export xlsx: " + result.stderr)
sheet = list(openpyxl.load_workbook(book_path)["Indicators"].iter_rows(values_only=True))
header = list(sheet[0])
cells = {(r[header.index("indicator")], r[header.index("period")]): r for r in sheet[1:]}


def shown_cell(row, name):
    """A figure as the workbook shows it: its number, or the symbol in the
    text column beside it (x) where it is suppressed."""
    value = row[header.index(name)]
    return row[header.index(name + "_symbol")] if value is None else value


for key, (_, _, shown) in EXPECTED.items():
    row = cells[key]
    value = shown_cell(row, "value")
    if value != "x" and row[header.index("unit")] == "percent":
        value *= 100  # a percentage is the fraction its format shows as one
    got = (shown_cell(row, "numerator"), shown_cell(row, "denominator"),
           value if value == "x" else round(value, 2))
    checks.equal(got, published(shown), "export xlsx %s %s" % key)
    checks.equal(row[header.index("synthetic")], 1, "export xlsx %s %s: synthetic" % key)
book = openpyxl.load_workbook(book_path)
checks.equal(book.sheetnames[0], "README", "xlsx: the warning's sheet comes first")
checks.check("SYNTHETIC DATA" in str(book["README"]["A1"].value) and AREA in
             str(book["README"]["A1"].value), "xlsx: the warning names the area")
note = book["Indicators"]["A1"].comment
checks.check(note is not None and "SYNTHETIC DATA" in note.text,
             "xlsx: the Indicators sheet carries the warning as a note")

result = t.run("export", "--format", "html", db=db)
checks.equal(result.returncode, 0, "export html: " + result.stderr)
checks.check("x (suppressed: a count below 5) (x of x)" in result.stdout,
             "html: a suppressed value and its counts")
checks.check("0% (0 of 13)" in result.stdout, "html: a shown value and its counts")
checks.check("(5 of 7)" not in result.stdout and "(x of 7)" in result.stdout,
             "html: the 5 of 7 that gives 2 away is suppressed")
checks.check('<div class="synthetic" role="alert">' in result.stdout.split("<main>")[0],
             "html: a banner at the top says the figures are synthetic")
checks.check(result.stdout.count('<p class="synthetic"') == 5,
             "html: each of the five charts says so above its figures")

# Importing the same file again: same indicators, same export.
before = t.export_text(db)[1]
result = t.run("import-cases", AREA, SMALL, db=db)
checks.equal(result.returncode, 0, "second import: " + result.stderr)
checks.equal(t.query(db, "SELECT count(*) FROM case_import"), [(1,)], "one import per area")
checks.equal(t.query(db, "SELECT count(*) FROM case_request"), [(17,)],
             "the requests replaced, not added")
checks.equal(t.query(db, "SELECT count(*) FROM case_review"), [(8,)],
             "the reviews replaced, not added")
checks.equal(t.query(db, "SELECT line FROM case_review ORDER BY line LIMIT 1"), [(3,)],
             "each record keeps its line in the file")
checks.equal(stored(db), {}, "results counted from the replaced records are gone")
t.run("indicators", EHC, db=db)
checks.equal(stored(db), {k: v[:2] for k, v in EXPECTED.items()}, "same counts after re-import")
checks.check(t.export_text(db)[1] == before, "same export after re-import")

# A loaded area's cases survive a reload of its plugin (which deletes and
# re-inserts the area): import by plugin name, reload, count again.
area_db = os.path.join(work, "area.db")
result = t.run("load", "walsall", db=area_db)
checks.equal(result.returncode, 0, "load walsall: " + result.stderr)
result = t.run("import-cases", "walsall", SMALL, db=area_db)
checks.equal(result.returncode, 0, "import-cases by plugin name: " + result.stderr)
checks.check("for E08000030" in result.stdout, "walsall is E08000030: " + result.stdout)
t.run("indicators", db=area_db)
checks.check(t.query(area_db, "SELECT count(*) FROM indicator_result WHERE denominator IS NULL")
             [0][0] > 0, "the plugin's own indicators were computed")
# `areas` lists the case records beside the plugin's counts, and an area
# known only by its case records too.
result = t.run("import-cases", AREA, SMALL, db=area_db)
checks.equal(result.returncode, 0, "a second area, without a plugin: " + result.stderr)
listed = {a["code"]: a for a in json.loads(t.run("areas", "--json", db=area_db).stdout)}
checks.equal((listed["E08000030"]["plugin"], listed["E08000030"]["case_records"]),
             ("walsall", 25), "areas --json: walsall with its 25 case records")
checks.equal((listed[AREA]["plugin"], listed[AREA]["actions"], listed[AREA]["case_records"]),
             (None, None, 25), "areas --json: the area without a plugin, its records only")
table = t.run("areas", db=area_db, env={"COLUMNS": "120"}).stdout.splitlines()
checks.equal(table[0].split()[-1], "CASES", "areas: a CASES column")
checks.check(any(line.split()[:2] == [AREA, "-"] and line.split()[-2:] == ["25", "SYNTHETIC"]
                 for line in table),
             "areas: the area without a plugin, '-' for what it has not, its made-up records "
             "marked: %r" % table)
result = t.run("show", AREA, db=area_db)
checks.check(result.returncode == 1 and "only case records (25 rows from ehc_small.csv, "
             "SYNTHETIC DATA" in result.stderr,
             "show says the area has case records only, and synthetic ones: " + result.stderr)
result = t.run("load", "walsall", db=area_db)
checks.equal(result.returncode, 0, "reload walsall: " + result.stderr)
checks.equal(t.query(area_db, "SELECT area, rows FROM case_import ORDER BY area"),
             [(AREA, 25), ("E08000030", 25)], "the imports survive the reload")
checks.equal(t.query(area_db, "SELECT count(*) FROM case_request"), [(34,)],
             "the requests survive the reload")
checks.equal(t.query(area_db, "SELECT count(*) FROM indicator_result WHERE area = 'E08000030' "
                     "AND denominator IS NOT NULL"), [(len(EXPECTED),)],
             "the case indicators survive the reload")
mixed = t.export(area_db)
errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(mixed)]
checks.equal(errors[:3], [], "export json of a plugin's area with every indicator is valid")
exported = {r["indicator"] for r in mixed["indicators"]}
checks.check("ehcp_within_20_weeks" in exported and "actions_per_concern" not in exported,
             "the reload removed the results computed from the plugin's records, as before, "
             "and kept those counted from the cases: %s" % sorted(exported))

# The same file with \r\n line ends and a byte order mark: the same counts.
crlf = os.path.join(work, "crlf.csv")
with open(SMALL, encoding="utf-8") as source, open(crlf, "w", encoding="utf-8-sig",
                                                  newline="\r\n") as target:
    target.write(source.read())
crlf_db = os.path.join(work, "crlf.db")
result = t.run("import-cases", AREA, crlf, db=crlf_db)
checks.equal(result.returncode, 0, "CRLF and BOM: " + result.stderr)
t.run("indicators", EHC, db=crlf_db)
checks.equal(stored(crlf_db), {k: v[:2] for k, v in EXPECTED.items()}, "CRLF and BOM: same counts")

# An AREA that is neither loaded nor a GSS code is refused.
result = t.run("import-cases", "nowhere", SMALL, db=db)
checks.check(result.returncode == 1 and "'nowhere' is neither a loaded area" in result.stderr,
             "unknown area: " + result.stderr)
result = t.run("import-cases", AREA, db=db)
checks.equal(result.returncode, 2, "FILE is required")

# The progress bar is for terminals: piped, stderr stays empty.
result = t.run("import-cases", AREA, SMALL, db=db)
checks.check(result.returncode == 0 and "\r" not in result.stderr and "#" not in result.stderr
             and result.stderr == "", "no bar on a pipe: %r" % result.stderr)

checks.done()
