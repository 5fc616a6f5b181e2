"""The official statistics in every output: the JSON export (validated
against schemas/model.schema.json by python3-jsonschema), statistics.csv
and the Statistics sheet (read back by python3-openpyxl), on the hand-made
files of tests/lib/statistics_fixture.py (values worked out by hand in
tests/cli/test_compare_indicators.py); then the DfE release the project
carries, imported whole, against the published file read with Python's own
zipfile and csv modules: the three areas' series, England's and the West
Midlands', and each rank counted here from the file."""

import csv
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402
import statistics_fixture as fixture  # noqa: E402
import jsonschema  # noqa: E402
import openpyxl  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
schema = json.load(open(os.path.join(t.SOURCE_DIR, "schemas", "model.schema.json")))
validator = jsonschema.Draft202012Validator(schema)
STAFFORDSHIRE, WALSALL, WORCESTERSHIRE = "E10000028", "E08000030", "E10000034"


def valid(document, what):
    errors = list(validator.iter_errors(document))
    checks.check(not errors, "%s: valid: %s" % (what, [(list(e.path)[:8], e.message)
                                                      for e in errors[:3]]))


def series(owner, indicator):
    for item in owner.get("indicators", []):
        if item["indicator"] == indicator:
            return {point["period"]: point for point in item["series"]}
    return {}


def by_code(items, code):
    return next((item for item in items if item.get("code") == code), {})


# ---- the hand-made files ----
db = os.path.join(work, "hand.db")
fixture.hand(db, work)
document = t.export(db)
valid(document, "hand")
statistics = document.get("statistics", {})
checks.equal([a["code"] for a in statistics.get("areas", [])],
             [STAFFORDSHIRE, WALSALL, WORCESTERSHIRE], "statistics: the loaded areas")
staffordshire = series(by_code(statistics.get("areas", []), STAFFORDSHIRE), "ehcp_within_20_weeks")
checks.equal({k: staffordshire.get("2024", {}).get(k) for k in ("value", "rank", "quartile",
                                                                 "change", "england", "region")},
             {"value": 35.3, "rank": 5, "quartile": 3, "change": 7.2, "england": 46.4,
              "region": 45}, "statistics: Staffordshire 2024")
checks.equal([(p["period"], p["value"]) for p in
              series(statistics.get("england") or {}, "ehcp_within_20_weeks").values()],
             [("2023", 50.3), ("2024", 46.4)], "statistics: England's own series")
partnership = series(by_code([dict(g, code=g["id"]) for g in statistics.get("groups", [])],
                             "partnership"), "ehcp_within_20_weeks")
checks.equal([(p["value"], p["method"]) for p in partnership.values()],
             [(42.6, "pooled"), (52.2, "mean")], "statistics: the partnership, pooled then mean")
# England, the region, and the region group's members: every West Midlands
# authority of the files (Birmingham and Coventry besides the three).
checks.equal(sorted(g["code"] for g in statistics.get("geographies", [])),
             sorted(["E92000001", "E12000005", STAFFORDSHIRE, WALSALL, WORCESTERSHIRE,
                     "E08000025", "E08000026"]),
             "statistics: the geographies used")
text = json.dumps(document)
checks.check(work not in text, "no local folder in the JSON export")
empty = os.path.join(work, "areas-only.db")
fixture.load_areas(empty)
checks.check("statistics" not in t.export(empty), "no statistics imported: no statistics object")

# statistics.csv: a row per loaded area, indicator and period.
folder = os.path.join(work, "csv")
result = t.run("export", "--format", "csv", "-o", folder, db=db)
checks.equal(result.returncode, 0, "export --format csv: " + result.stderr)
with open(os.path.join(folder, "statistics.csv"), newline="", encoding="utf-8") as file:
    rows = list(csv.DictReader(file))
checks.equal(len(rows), 3 * 2 + 3 + 3, "statistics.csv: 2 years x 3 areas + weeks + placements")
walsall = next((r for r in rows if r["area_code"] == WALSALL and r["period"] == "2024"
                and r["indicator"] == "ehcp_within_20_weeks"), {})
checks.equal({k: walsall.get(k) for k in ("area_name", "period_kind", "value", "numerator",
                                          "denominator", "england", "region_name", "region",
                                          "rank", "ranked", "quartile", "change", "line",
                                          "column")},
             {"area_name": "Walsall", "period_kind": "calendar_year", "value": "84.2",
              "numerator": "842", "denominator": "1000", "england": "46.4",
              "region_name": "West Midlands", "region": "45", "rank": "1", "ranked": "8",
              "quartile": "1", "change": "24", "line": "11",
              "column": "pc_plans_issued_within_20_weeks"}, "statistics.csv: Walsall 2024")
worcestershire = next((r for r in rows if r["area_code"] == WORCESTERSHIRE
                       and r["period"] == "2024" and r["indicator"] == "ehcp_within_20_weeks"),
                      {})
checks.equal((worcestershire.get("numerator"), worcestershire.get("numerator_symbol")), ("", "c"),
             "statistics.csv: a suppressed count is its symbol, the number empty")
placements = next((r for r in rows if r["area_code"] == WORCESTERSHIRE
                   and r["indicator"] == "placements_made_up"), {})
checks.equal((placements.get("value"), placements.get("symbol"), placements.get("rank")),
             ("", "z", ""), "statistics.csv: z is a symbol, not a number, and not ranked")
weeks = [r["column"] for r in rows if r["indicator"] == "weeks_to_plan"]
checks.equal(weeks, ["'-weeks_to_plan"] * 3,
             "statistics.csv: a column name beginning with - is neutralised with a quote")
checks.equal(rows[0].get("document"), fixture.TIMELINESS if rows[0].get("indicator") ==
             "ehcp_within_20_weeks" else rows[0].get("document"), "statistics.csv: document")
raw = open(os.path.join(folder, "statistics.csv"), encoding="utf-8").read()
checks.check(work not in raw, "no local folder in statistics.csv")

# The Statistics sheet: the same rows, numbers as numbers.
book_path = os.path.join(work, "hand.xlsx")
result = t.run("export", "--format", "xlsx", "-o", book_path, db=db)
checks.equal(result.returncode, 0, "export --format xlsx: " + result.stderr)
sheet = openpyxl.load_workbook(book_path)["Statistics"]
values = list(sheet.iter_rows(values_only=True))
header = list(values[0])
checks.equal(",".join(header), open(os.path.join(folder, "statistics.csv"),
                                    encoding="utf-8").readline().strip(),
             "Statistics sheet: the CSV's columns")
sheet_rows = [dict(zip(header, v)) for v in values[1:]]
checks.equal(len(sheet_rows), len(rows), "Statistics sheet: the CSV's rows")
walsall_sheet = next((r for r in sheet_rows if r["area_code"] == WALSALL and r["period"] == "2024"
                      and r["indicator"] == "ehcp_within_20_weeks"), {})
# A percentage is the fraction a percentage format shows: 84.2% is 0.842.
checks.equal((walsall_sheet.get("value"), walsall_sheet.get("rank"), walsall_sheet.get("change"),
              walsall_sheet.get("numerator_symbol")), (0.842, 1, 24, None),
             "Statistics sheet: numbers are numbers, the unknown an empty cell")
checks.equal(sorted({r["column"] for r in sheet_rows if r["indicator"] == "weeks_to_plan"}),
             ["'-weeks_to_plan"], "Statistics sheet: formula-like text neutralised")

# A name from a file is text wherever it goes: escaped in the page, and
# neutralised in the CSV when a spreadsheet would run it. The newest file
# names the geography: here the West Midlands.
HOSTILE = '=HYPERLINK("http://example.org")<script>alert(1)</script>'
renamed = os.path.join(work, "renamed.csv")
with open(renamed, "w") as out:
    out.write(fixture.HEADER + "\n" + '2022,Calendar year,Regional,E92000001,England,E12000005,'
              '"%s",,,,All EHC plans issued,All EHC plans issued,100,10,10\n'
              % HOSTILE.replace('"', '""'))
result = t.run("import-statistics", renamed, db=db)
checks.equal(result.returncode, 0, "a file naming the West Midlands otherwise: " + result.stderr)
page = t.run("export", "--format", "html", db=db).stdout
checks.check("<script>alert" not in page and
             "=HYPERLINK(&quot;http://example.org&quot;)&lt;script&gt;alert(1)&lt;/script&gt;"
             in page, "the page shows the region's name escaped")
result = t.run("export", "--format", "csv", "-o", folder, db=db)
with open(os.path.join(folder, "statistics.csv"), newline="", encoding="utf-8") as file:
    renamed_rows = list(csv.DictReader(file))
checks.equal({r["region_name"] for r in renamed_rows}, {"'" + HOSTILE},
             "statistics.csv: the region's name after a single quote")
checks.equal({r["area_name"] for r in renamed_rows},
             {"Staffordshire", "Walsall", "Worcestershire"},
             "statistics.csv: the areas named as the rest of the export names them")
region_group = by_code([dict(g, code=g["id"]) for g in t.export(db)["statistics"]["groups"]],
                       "E12000005")
checks.equal([(p["period"], p["value"], p["change"]) for p in
              series(region_group, "ehcp_within_20_weeks").values()],
             [("2022", 10, None), ("2023", 40, 30), ("2024", 45, 5)],
             "the region's series gains 2022, and 2023's change is 40 - 10")

# ---- the release the project carries ----
real = os.path.join(work, "release.db")
fixture.published(real)
published = fixture.published_rows()
by_place = {}
for line, row in published:
    code = {"National": row["country_code"], "Regional": row["region_code"]}.get(
        row["geographic_level"], row["new_la_code"])
    by_place[(code, row["time_period"])] = (line, row)
result = t.run("compare", "--indicators", "--json", db=real)
checks.equal(result.returncode, 0, "release: compare --indicators --json: " + result.stderr)
view = json.loads(result.stdout) if result.returncode == 0 else {}
PUBLISHED = {  # timeliness_20_week.csv, headline rows, pc_plans_issued_within_20_weeks
    STAFFORDSHIRE: [13.3, 32.5, 73.5, 37, 28.1, 35.3],
    WALSALL: [4.5, 19.6, 36.1, 9, 60.2, 84.2],
    WORCESTERSHIRE: [46.3, 95.4, 81.3, 31.1, 27.5, 37.2],
}
YEARS = ["2019", "2020", "2021", "2022", "2023", "2024"]
for code, figures in PUBLISHED.items():
    got = series(by_code(view.get("areas", []), code), "ehcp_within_20_weeks")
    checks.equal([got.get(y, {}).get("value") for y in YEARS], figures,
                 "release: %s's published series" % code)
    checks.equal([got.get(y, {}).get("england") for y in YEARS],
                 [float(by_place[("E92000001", y)][1]["pc_plans_issued_within_20_weeks"])
                  for y in YEARS], "release: England beside %s" % code)
    checks.equal([got.get(y, {}).get("region") for y in YEARS],
                 [float(by_place[("E12000005", y)][1]["pc_plans_issued_within_20_weeks"])
                  for y in YEARS], "release: West Midlands beside %s" % code)
    changes = [None] + [round(b - a, 6) for a, b in zip(figures, figures[1:])]
    checks.equal([got.get(y, {}).get("change") for y in YEARS], changes,
                 "release: %s's changes year on year" % code)
    checks.equal([got.get(y, {}).get("sources", [{}])[0].get("line") for y in YEARS],
                 [by_place[(code, y)][0] for y in YEARS], "release: %s's lines" % code)


def counted_rank(year, code):
    """The rank counted here: 1 + the authorities with a higher number."""
    values = {}
    for line, row in published:
        if row["time_period"] != year or row["geographic_level"] != "Local authority":
            continue
        try:
            values[row["new_la_code"]] = float(row["pc_plans_issued_within_20_weeks"])
        except ValueError:
            pass  # a symbol: not ranked
    mine = values[code]
    rank = 1 + sum(v > mine for v in values.values())
    return rank, len(values), 4 * (rank - 1) // len(values) + 1


for code in PUBLISHED:
    got = series(by_code(view.get("areas", []), code), "ehcp_within_20_weeks")
    checks.equal([(got.get(y, {}).get("rank"), got.get(y, {}).get("ranked"),
                   got.get(y, {}).get("quartile")) for y in YEARS],
                 [counted_rank(y, code) for y in YEARS],
                 "release: %s's ranks and quartiles, as counted from the file" % code)
symbols = [(row["new_la_code"], row["time_period"]) for line, row in published
           if row["geographic_level"] == "Local authority"
           and not row["pc_plans_issued_within_20_weeks"].replace(".", "").isdigit()]
if symbols:
    code, year = symbols[0]
    other = t.run("compare", "--indicators", "--json", "--area", code, db=real)
    point = series(json.loads(other.stdout)["areas"][0], "ehcp_within_20_weeks").get(year, {})
    checks.equal((point.get("value"), point.get("symbol"), point.get("rank")),
                 (None, by_place[(code, year)][1]["pc_plans_issued_within_20_weeks"], None),
                 "release: %s %s is published as a symbol and stays one" % (code, year))
# The partnership, pooled from the published counts, counted here; a named
# group of the same three (by DfE number) is the same group.
three = os.path.join(work, "three.csv")
with open(three, "w") as out:
    out.write("860\n335\n885\n")
grouped = json.loads(t.run("compare", "--indicators", "--json", "--group", three, db=real).stdout)
groups = {g["id"]: g for g in grouped.get("groups", [])}
partnership = series(groups.get("partnership", {}), "ehcp_within_20_weeks")
for year in YEARS:
    rows3 = [by_place[(code, year)][1] for code in PUBLISHED]
    pooled = (sum(float(r["plans_issued_within_20_weeks"]) for r in rows3) * 100 /
              sum(float(r["plans_issued_den"]) for r in rows3))
    checks.equal((partnership.get(year, {}).get("value"), partnership.get(year, {}).get("method")),
                 (round(pooled, 1), "pooled"), "release: the partnership %s, pooled" % year)
checks.equal([i["series"] for i in groups.get("three", {}).get("indicators", [])],
             [i["series"] for i in groups.get("partnership", {}).get("indicators", [])],
             "release: a named group of the same three is the partnership")
real_document = t.export(real)
valid(real_document, "release")
checks.check(work not in json.dumps(real_document.get("statistics")),
             "release: no local folder in the statistics")
checks.done()
