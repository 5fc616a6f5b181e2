"""export --format csv -o DIR on the three real areas: RFC 4180 files with
header rows, ids that join (actions -> concerns -> plans -> areas), the
same bytes after a second load, and no half file when writing fails."""

import collections
import csv
import os
import shutil
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "records"))
import records_def  # noqa: E402

# The tables of records follow core/include/sendlens/records.def (a field
# added there is a column here); the others are written out.
HEADERS = dict(records_def.export_headers("file"), **{
    "sources.csv": "id,fact,document,locator,quote",
    "claims.csv": "id,fact,field,value,document,locator,quote",
    "theme_assignments.csv": "fact,theme,title,rule,phrase,basis",
    "progress_entries.csv": "area,area_name,period,kind,ref,status,value,state,note,document,locator,quote",
    "indicators.csv": "indicator,title,unit,direction,area,area_name,period,breakdown,value,"
                      "numerator,denominator,note,script,script_version,synthetic",
    "statistics.csv": "area_code,area_name,indicator,indicator_title,unit,direction,period,period_kind,value,"
                  "symbol,numerator,numerator_symbol,denominator,denominator_symbol,england,"
                  "england_symbol,region_name,region,region_symbol,rank,ranked,quartile,change,"
                  "document,line,column",
    "case_imports.csv": "area,area_name,file,file_hash,rows,requests,reviews,synthetic",
    # The publication metadata (core/publication.h), RFC 4180 like the rest.
    "publication.csv": "field,value",
    "publication_sources.csv": "kind,area,area_name,document,title,publisher,url,licence,period",
})

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "areas.db")
result = t.run("load", "staffordshire", "walsall", "worcestershire", db=db)
checks.equal(result.returncode, 0, "the three areas load: " + result.stderr)


def export(folder, database=db):
    result = t.run("export", "--format", "csv", "-o", folder, db=database)
    checks.equal(result.returncode, 0, "export --format csv -o %s: %s" % (folder, result.stderr))


def raw(folder):
    return {name: open(os.path.join(folder, name), "rb").read() for name in sorted(
        os.listdir(folder))}


def table(folder, name):
    with open(os.path.join(folder, name), newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


# Worcestershire's example progress return (schemas/), so its entries are
# exported too.
example = os.path.join(t.SOURCE_DIR, "schemas", "progress-return.example.csv")
result = t.run("import-progress", "worcestershire", example, db=db)
checks.equal(result.returncode, 0, "the example return imports: " + result.stderr)
first = os.path.join(work, "new", "csv")
os.mkdir(os.path.join(work, "new"))
export(first)
files = raw(first)
checks.equal(sorted(files), sorted(HEADERS), "one file per kind, no temporary left")
for name, header in HEADERS.items():
    data = files.get(name, b"")
    checks.check(data.startswith(header.encode() + b"\r\n"), name + ": header row, CRLF")
    checks.check(data.endswith(b"\r\n"), name + ": ends with CRLF")
    lone = data.replace(b"\r\n", b"").count(b"\n")
    quoted_newlines = sum(row.count("\n") for row in
                          (v for r in table(first, name) for v in r.values()))
    checks.equal(lone, quoted_newlines, name + ": every line ends CRLF outside quoted fields")

# The joins: action -> concern -> plan -> area, counted per area. The
# documents list 38 actions for Worcestershire (9, 5, 10 and 14 in its four
# workstreams), 17 cited by Walsall, 2 by Staffordshire.
areas = {a["code"]: a for a in table(first, "areas.csv")}
plans = {p["id"]: p for p in table(first, "plans.csv")}
concerns = {c["id"]: c for c in table(first, "concerns.csv")}
actions = table(first, "actions.csv")
per_area = collections.Counter(areas[plans[concerns[a["concern"]]["plan"]]["area"]]["name"]
                               for a in actions)
checks.equal(dict(per_area), {"Worcestershire": 38, "Walsall": 17, "Staffordshire": 5},
             "actions joined to their areas through concerns and plans")
per_concern = collections.Counter(concerns[a["concern"]]["ref"] for a in actions
                                  if a["area"] == "E10000034")
checks.equal(sorted(per_concern.items()), [("1", 9), ("2", 5), ("3", 10), ("4", 14)],
             "Worcestershire's actions per workstream")
# Walsall's plan describes three of the actions it cites (2.7: APP 1.3.1
# and 1.1.1; 2.11: APP 2.2.1); the others have no text.
checks.equal(sorted(a["ref"] for a in actions if a["area"] == "E08000030" and a["text"] != ""),
             ["1.1.1", "1.3.1", "2.2.1"], "Walsall's described actions have text, the others none")

# The return's entries, each with its cell: the example's eight rows, read
# from schemas/progress-return.example.csv.
entries = table(first, "progress_entries.csv")
checks.equal(len(entries), 8, "progress_entries.csv: the example's 8 entries")
by_ref = {e["ref"]: e for e in entries}
checks.check(by_ref.get("1/1", {}).get("status") == "completed" and
             by_ref["1/1"]["period"] == "2024-Q2" and by_ref["1/1"]["area"] == "E10000034",
             "action 1/1 completed in 2024-Q2: %r" % by_ref.get("1/1"))
checks.check(by_ref.get("M2", {}).get("value") == "61.5" and by_ref.get("M3", {}).get("state") ==
             "commenced", "measure values and states: %r %r" % (by_ref.get("M2"), by_ref.get("M3")))
checks.check(all(e["document"] == "progress-return.example.csv" and e["locator"] for e in entries),
             "each entry names its file and cell")

# Every id is unique and every parent id exists.
ids = {}
for name in HEADERS:
    if name in ("areas.csv", "theme_assignments.csv", "progress_entries.csv", "indicators.csv",
                "statistics.csv", "case_imports.csv", "publication.csv",
                "publication_sources.csv"):
        continue
    rows = table(first, name)
    column = [r["id"] for r in rows]
    checks.equal(len(set(column)), len(column), name + ": ids unique")
    ids[name] = set(column)
facts = set(areas).union(*(ids[n] for n in ids if n not in ("sources.csv", "claims.csv")))
for name, column, parents in [("weaknesses.csv", "inspection", ids["inspections.csv"]),
                              ("concerns.csv", "plan", ids["plans.csv"]),
                              ("actions.csv", "concern", ids["concerns.csv"]),
                              ("findings.csv", "review", ids["reviews.csv"]),
                              ("reviews.csv", "plan", ids["plans.csv"]),
                              ("measures.csv", "parent", ids["plans.csv"] | ids["concerns.csv"]
                               | ids["actions.csv"]),
                              ("sources.csv", "fact", facts), ("claims.csv", "fact", facts),
                              ("theme_assignments.csv", "fact", facts)]:
    missing = [r[column] for r in table(first, name) if r[column] not in parents]
    checks.equal(missing[:3], [], name + ": every " + column + " exists")

# Walsall's measures: 17, none with a baseline or target.
walsall = [m for m in table(first, "measures.csv") if m["area"] == "E08000030"]
checks.equal(len(walsall), 17, "Walsall's 17 measures")
checks.check(all(m["baseline"] == "" and m["target"] == "" for m in walsall),
             "no baseline or target for them")

# Every stored source is a row, including the one whose quote spans lines.
connection = sqlite3.connect(db)
stored = connection.execute("SELECT count(*) FROM source").fetchone()[0]
connection.close()
checks.equal(len(table(first, "sources.csv")), stored, "every source is a row")
checks.check(b'"paragraph 1.1, line 31"' in files["sources.csv"], "a field with a comma is quoted")

# A second load writes the same bytes.
result = t.run("load", db=db)
checks.equal(result.returncode, 0, "load again: " + result.stderr)
second = os.path.join(work, "second")
export(second)
checks.check(raw(second) == files, "a second load exports identical files")

# Quotes are doubled: give a copy of the store a weakness with quotes.
copy = os.path.join(work, "quoted.db")
shutil.copy(db, copy)
connection = sqlite3.connect(copy)
connection.execute("UPDATE weakness SET text = 'He said \"no\", twice' WHERE id = "
                   "(SELECT min(id) FROM weakness)")
connection.commit()
connection.close()
quoted = os.path.join(work, "quoted")
export(quoted, copy)
checks.check(b'"He said ""no"", twice"' in raw(quoted)["weaknesses.csv"], "quotes doubled")
checks.check(any(w["text"] == 'He said "no", twice' for w in table(quoted, "weaknesses.csv")),
             "and read back by the csv module")

# Usage and failures.
result = t.run("export", "--format", "csv", db=db)
checks.equal(result.returncode, 2, "csv without -o: exit 2")
checks.check("-o" in result.stderr, "says -o is needed")
plain = os.path.join(work, "plain-file")
open(plain, "w").close()
result = t.run("export", "--format", "csv", "-o", plain, db=db)
checks.equal(result.returncode, 1, "-o naming a file: exit 1")
checks.check(plain in result.stderr and len(result.stderr.strip().splitlines()) == 1,
             "one line naming it: " + result.stderr)
blocked = os.path.join(work, "blocked")
os.mkdir(blocked)
os.mkdir(os.path.join(blocked, "actions.csv"))  # a directory where a file must go
result = t.run("export", "--format", "csv", "-o", blocked, db=db)
checks.equal(result.returncode, 1, "a file that cannot be put in place: exit 1")
checks.check("actions.csv" in result.stderr, "names it: " + result.stderr)
left = sorted(os.listdir(blocked))
checks.check(not [n for n in left if n.startswith(".")], "no temporary file left: %s" % left)
checks.check(all(raw_name == "actions.csv" or open(os.path.join(blocked, raw_name), "rb").read()
                 == files[raw_name] for raw_name in left), "the files written are whole")
checks.done()
