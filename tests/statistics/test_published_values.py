"""`sendlens import-statistics` of the real DfE release
(data/dfe-ehcp-2025/education-health-and-care-plans_2025.zip) against the
published files, which this test reads itself from the zip with zipfile and
csv: every stored file's rows, columns and cells as published (each row at
its line, each cell as written); the geographies of England, the West
Midlands and the three areas; the mapped figures (value, numerator,
denominator) of every mapped indicator for England, region E12000005,
Staffordshire, Walsall and Worcestershire in every year the files have
(calendar years 2019-2024, academic years 2018/19-2024/25), and some typed
here from the published file, so the test's own reading is checked too;
symbols ('x') never stored as numbers; every figure's source (row, column)
holding that exact text; and a second import of the zip replacing the first
rather than adding to it."""

import csv
import hashlib
import io
import json
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
ZIP_NAME = "education-health-and-care-plans_2025.zip"
ZIP = os.path.join(t.SOURCE_DIR, "data", "dfe-ehcp-2025", ZIP_NAME)
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")
TIME = {"time_period", "time_identifier"}
GEOGRAPHY = {"geographic_level", "country_code", "country_name", "region_code", "region_name",
             "new_la_code", "old_la_code", "la_name"}
FILTERS = {"breakdown_topic", "breakdown"}
ENGLAND, WEST_MIDLANDS = "E92000001", "E12000005"
STAFFORDSHIRE, WALSALL, WORCESTERSHIRE = "E10000028", "E08000030", "E10000034"
PLACES = (ENGLAND, WEST_MIDLANDS, STAFFORDSHIRE, WALSALL, WORCESTERSHIRE)

# The release's headline columns as this test reads the data guidance
# (independently of scripts/statistics/dfe_ehcp.lua): indicator -> file,
# value, numerator and denominator columns (None: not published), and the
# breakdown_topic = breakdown of the total rows.
MAPPED = {
    "ehcp_within_20_weeks": ("timeliness_20_week.csv", "pc_plans_issued_within_20_weeks",
                             "plans_issued_within_20_weeks", "plans_issued_den",
                             "All EHC plans issued"),
    "ehcp_within_20_weeks_excl_exceptions": ("timeliness_20_week.csv",
                                             "PC_plans_issued_20_weeks_ex",
                                             "plans_issued_20_weeks_ex", "plans_issued_den_ex",
                                             "All EHC plans issued"),
    "requests_refused": ("requests.csv", "request_not_assess_pc", "requests_decided_not_to_assess",
                         "requests_received_in_year", "All requests for EHC needs assessments"),
    "requests_decided_within_6_weeks": ("requests.csv", "request_outcome_six_weeks_pc",
                                        "request_outcome_six_weeks", None,
                                        "All requests for EHC needs assessments"),
    "requests_received": ("requests.csv", "requests_received_in_year", None, None,
                          "All requests for EHC needs assessments"),
    "assessments_plan_issued": ("assessments.csv", "assess_issued_pc", "assess_issued",
                                "assess_in_year", "All EHC needs assessments"),
    "annual_review_decisions_within_4_weeks": ("annual_reviews.csv", "pc_decsion_4weeks",
                                               "number_decsion_4weeks", None, "All annual reviews"),
    "ehc_plans": ("caseload.csv", "ehcplans", None, None, "All EHC plans"),
    "ehc_plans_in_mainstream": ("caseload.csv", "mainstream_total_pc", "mainstream_total",
                                "ehcplans", "All EHC plans"),
    "ehc_plans_in_special_schools": ("caseload.csv", "special_total_pc", "special_total",
                                     "ehcplans", "All EHC plans"),
    "new_ehc_plans": ("newplans.csv", "new_ehc_plans", None, None, "New EHC plans"),
    "personal_budgets": ("personal_budgets.csv", "personal_budget", None, None,
                         "All personal budgets"),
    "ehc_plans_ceased": ("ceased_plans.csv", "total_ceased", None, None, "All ceased EHC plans"),
}

# Cells typed here from the published files (value, numerator, denominator;
# None where the indicator has no such column): they pin this test's own
# reading of the zip as well as the import.
TYPED = [
    ("ehcp_within_20_weeks", ENGLAND, "2024", ("45.9", "41448", "90392")),
    ("ehcp_within_20_weeks", ENGLAND, "2019", ("58.7", "31313", "53327")),
    ("ehcp_within_20_weeks", WEST_MIDLANDS, "2022", ("48.9", "3168", "6480")),
    ("ehcp_within_20_weeks", STAFFORDSHIRE, "2019", ("13.3", "70", "526")),
    ("ehcp_within_20_weeks", STAFFORDSHIRE, "2023", ("28.1", "231", "822")),
    ("ehcp_within_20_weeks", WALSALL, "2022", ("9", "51", "569")),
    ("ehcp_within_20_weeks", WALSALL, "2024", ("84.2", "385", "457")),
    ("ehcp_within_20_weeks", WORCESTERSHIRE, "2020", ("95.4", "461", "483")),
    ("ehcp_within_20_weeks", WORCESTERSHIRE, "2024", ("37.2", "517", "1389")),
    ("ehcp_within_20_weeks_excl_exceptions", ENGLAND, "2020", ("58", "31446", "54175")),
    ("ehcp_within_20_weeks_excl_exceptions", STAFFORDSHIRE, "2022", ("36.9", "236", "640")),
    ("requests_refused", ENGLAND, "2019", ("x", "18755", "82329")),
    ("requests_refused", ENGLAND, "2020", ("x", "16406", "75951")),
    ("requests_refused", ENGLAND, "2021", ("x", "20830", "93302")),
    ("requests_refused", ENGLAND, "2022", ("x", "25255", "114482")),
    ("requests_refused", ENGLAND, "2023", ("24", "33141", "138242")),
    ("requests_refused", ENGLAND, "2024", ("25.2", "38889", "154489")),
    ("requests_refused", WEST_MIDLANDS, "2019", ("x", "1996", "8131")),
    ("requests_refused", WALSALL, "2024", ("60.6", "668", "1103")),
    ("requests_refused", WORCESTERSHIRE, "2023", ("19.2", "276", "1439")),
    ("requests_decided_within_6_weeks", STAFFORDSHIRE, "2021", ("x", "x", None)),
    ("requests_decided_within_6_weeks", STAFFORDSHIRE, "2024", ("85.9", "1931", None)),
    ("requests_received", WORCESTERSHIRE, "2019", ("630", None, None)),
    ("assessments_plan_issued", ENGLAND, "2019", ("x", "53899", "x")),
    ("assessments_plan_issued", WALSALL, "2024", ("85.5", "579", "677")),
    ("annual_review_decisions_within_4_weeks", ENGLAND, "2024", ("44.4", "154924", None)),
    ("annual_review_decisions_within_4_weeks", STAFFORDSHIRE, "2024", ("32.2", "2095", None)),
    ("annual_review_decisions_within_4_weeks", WORCESTERSHIRE, "2024", ("75.4", "3683", None)),
    ("ehc_plans", ENGLAND, "2018/19", ("353995", None, None)),
    ("ehc_plans", ENGLAND, "2024/25", ("638745", None, None)),
    ("ehc_plans", WEST_MIDLANDS, "2023/24", ("59551", None, None)),
    ("ehc_plans", STAFFORDSHIRE, "2018/19", ("4835", None, None)),
    ("ehc_plans", STAFFORDSHIRE, "2024/25", ("8461", None, None)),
    ("ehc_plans", WALSALL, "2018/19", ("2017", None, None)),
    ("ehc_plans", WALSALL, "2021/22", ("2856", None, None)),
    ("ehc_plans", WORCESTERSHIRE, "2024/25", ("6970", None, None)),
    ("ehc_plans_in_mainstream", ENGLAND, "2018/19", ("39.2", "138630", "353995")),
    ("ehc_plans_in_special_schools", WORCESTERSHIRE, "2024/25", ("34.2", "2384", "6970")),
    ("new_ehc_plans", ENGLAND, "2019", ("53899", None, None)),
]


# ------------------------------------------------------------ the published files

def read_published(path):
    """{member: {"header", "rows": [(line, cells)], "blake2b"}} of every CSV
    member of the zip, read with zipfile and csv (the byte-order mark
    dropped; a row's line is the line it starts on, the header's being 1)."""
    published = {}
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if not member.lower().endswith(".csv"):
                continue
            data = archive.read(member)
            reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
            header = next(reader)
            rows, ended = [], reader.line_num
            for cells in reader:
                rows.append((ended + 1, cells))
                ended = reader.line_num
            published[member] = {"header": header, "rows": rows,
                                 "blake2b": hashlib.blake2b(data, digest_size=32).hexdigest()}
    return published


def standard_roles(header):
    """The roles the standard gives the columns of this release's files."""
    roles, seen = [], set()
    for name in header:
        key = name.lower()
        if key in TIME:
            role = "time"
        elif key in GEOGRAPHY:
            role = "geography"
        elif key in seen:
            role = "repeat"
        elif key in FILTERS:
            role = "filter"
        elif key == "":
            role = "empty"
        else:
            role = "indicator"
        seen.add(key)
        roles.append(role)
    return roles


def geography_of(row):
    level = row["geographic_level"]
    if level == "National":
        return row["country_code"]
    if level == "Regional":
        return row["region_code"]
    return row["new_la_code"]


def period_of(time_period, identifier):
    """(label, kind, start, end) of an Explore education statistics period."""
    if identifier == "Calendar year":
        return time_period, "calendar_year", time_period + "-01-01", time_period + "-12-31"
    if identifier == "Academic year":
        first = time_period[:4]
        return (first + "/" + time_period[4:], "academic_year", first + "-09-01",
                str(int(first) + 1) + "-08-31")
    raise ValueError(identifier)


def figure(text):
    """(number, symbol) a published cell must be stored as."""
    if NUMBER.fullmatch(text):
        return float(text), None
    return None, text


def cells_of(text):
    """stat_row.cells with each number kept as its JSON literal's text."""
    return json.loads(text, parse_int=str, parse_float=str)


published = read_published(ZIP)
data_members = sorted(m for m in published if m.startswith("data/"))
checks.equal(len(data_members), 12, "the zip's data files")
by_name = {os.path.basename(m): m for m in data_members}

# Each row of each mapped data file as a dict, by file name.
records = {}
for name in sorted({mapped[0] for mapped in MAPPED.values()}):
    member = by_name[name]
    header = published[member]["header"]
    records[name] = [(line, dict(zip(header, cells))) for line, cells in published[member]["rows"]]

# ------------------------------------------------------------ the import

work = t.temp_dir()
db = os.path.join(work, "statistics.db")
result = t.run("import-statistics", ZIP, db=db, timeout=600)
checks.equal(result.returncode, 0, "import-statistics of the release: " + result.stderr)
checks.equal(t.integrity(db), "ok", "the database's integrity")

files = {name: (file_id, document, publication, file_hash, rows)
         for file_id, name, document, publication, file_hash, rows in t.query(
             db, "SELECT id, name, document, publication, file_hash, rows FROM stat_file")}
output = [line for line in result.stdout.splitlines() if line.strip()]
checks.equal(len(output), len(files), "one line printed per file imported")
for name, (_, document, _, _, rows) in files.items():
    said = [line for line in output if document in line]
    checks.check(len(said) == 1 and re.search(r"\b%d rows\b" % rows, said[0]),
                 "the import's line for %s says its %d rows: %s" % (document, rows, said))

# Every stored file is a CSV member of the zip, stored whole.
for name, (file_id, document, publication, file_hash, rows) in sorted(files.items()):
    member = document[len(ZIP_NAME) + 1:] if document.startswith(ZIP_NAME + "/") else None
    if not checks.check(member in published, "%s's document %r is a CSV member of %s"
                        % (name, document, ZIP_NAME)):
        continue
    checks.equal(name, os.path.basename(member), "the stored name of " + member)
    checks.equal(rows, len(published[member]["rows"]), "stat_file.rows of " + member)
    checks.equal(t.query(db, "SELECT count(*) FROM stat_row WHERE id >> 32 = ?", file_id)[0][0],
                 len(published[member]["rows"]), "stat_row rows of " + member)
    checks.equal(file_hash, published[member]["blake2b"], "the BLAKE2b-256 of " + member)
for name in by_name:
    checks.check(name in files, "the data file %s is stored" % name)
checks.check(not any("Tribunals" in document for _, document, _, _, _ in files.values()),
             "the appeal-rate table, not in the standard format, is not stored")

# ------------------------------------------------------------ columns and rows as published

for name, member in sorted(by_name.items()):
    if name not in files:
        continue
    file_id = files[name][0]
    header = published[member]["header"]
    stored = t.query(db, "SELECT position, name, role, cell FROM stat_column WHERE file = ? "
                         "ORDER BY position", file_id)
    checks.equal([(p, n) for p, n, _, _ in stored], list(enumerate(header, 1)),
                 name + ": stat_column's names, as the header writes them")
    checks.equal([r for _, _, r, _ in stored], standard_roles(header), name + ": the columns' roles")
    kept = [(p, cell) for p, _, role, cell in stored if role in ("filter", "indicator")]
    kept_positions = [p for p, _ in sorted(kept, key=lambda k: k[1])]
    checks.equal(sorted(cell for _, cell in kept), list(range(len(kept))),
                 name + ": the filters and indicators each have a cell of stat_row.cells")
    checks.check(all(cell is None for _, _, role, cell in stored if role not in ("filter", "indicator")),
                 name + ": time, geography and repeated columns have no cell")
    # A repeated name's cells repeat the first column's: storing one loses nothing.
    for position, role in enumerate(standard_roles(header), 1):
        if role == "repeat":
            first = [n.lower() for n in header].index(header[position - 1].lower())
            checks.check(all(cells[position - 1] == cells[first]
                             for _, cells in published[member]["rows"]),
                         "%s: column %d repeats column %d cell for cell" % (name, position, first + 1))
    stored_rows = {row_id & 0xFFFFFFFF: (row_id >> 32, period, geography, cells)
                   for row_id, period, geography, cells in t.query(
                       db, "SELECT id, period, geography, cells FROM stat_row WHERE id >> 32 = ?",
                       file_id)}
    wrong = []
    for line, cells in published[member]["rows"]:
        row = dict(zip(header, cells))
        expected = (file_id, period_of(row["time_period"], row["time_identifier"])[0],
                    geography_of(row), [cells[p - 1] for p in kept_positions])
        got = stored_rows.get(line)
        if got is None or got[:3] != expected[:3] or cells_of(got[3]) != expected[3]:
            wrong.append((line, got, expected))
    checks.check(not wrong, "%s: every row at its line, with its period, geography and cells as "
                 "written (%d differ; first %s)" % (name, len(wrong), wrong[:1]))

# ------------------------------------------------------------ geographies

places = {code: (level, name, la_number, region, country) for code, level, name, la_number, region,
          country in t.query(db, "SELECT code, level, name, la_number, region, country "
                                 "FROM stat_geography")}
checks.equal(places.get(ENGLAND), ("national", "England", None, None, ENGLAND), "England")
checks.equal(places.get(WEST_MIDLANDS), ("regional", "West Midlands", None, None, ENGLAND),
             "the West Midlands")
checks.equal(places.get(STAFFORDSHIRE),
             ("local_authority", "Staffordshire", "860", WEST_MIDLANDS, ENGLAND), "Staffordshire")
checks.equal(places.get(WALSALL), ("local_authority", "Walsall", "335", WEST_MIDLANDS, ENGLAND),
             "Walsall")
checks.equal(places.get(WORCESTERSHIRE),
             ("local_authority", "Worcestershire", "885", WEST_MIDLANDS, ENGLAND), "Worcestershire")
named = {}
for member in published:
    if os.path.basename(member) in files:
        header = published[member]["header"]
        for _, cells in published[member]["rows"]:
            row = dict(zip(header, cells))
            named[geography_of(row)] = {"National": "national", "Regional": "regional",
                                        "Local authority": "local_authority"}[row["geographic_level"]]
checks.equal({code: p[0] for code, p in places.items()}, named,
             "stat_geography: every geography the stored files name, at its level, and no other")

# ------------------------------------------------------------ figures

statistics = t.query(db, "SELECT s.id, s.file, s.row, s.indicator, s.geography, s.period, "
                         "s.period_kind, s.period_start, s.period_end, s.breakdown, "
                         "s.value, s.value_symbol, s.value_column, s.numerator, s.numerator_symbol, "
                         "s.numerator_column, s.denominator, s.denominator_symbol, "
                         "s.denominator_column, f.name FROM statistic s JOIN stat_file f "
                         "ON f.id = s.file")
checks.check(len(statistics) > 0, "figures are stored")
checks.equal(t.query(db, "SELECT count(*) FROM statistic WHERE "
                         "(value IS NOT NULL AND value_symbol IS NOT NULL) OR "
                         "(numerator IS NOT NULL AND numerator_symbol IS NOT NULL) OR "
                         "(denominator IS NOT NULL AND denominator_symbol IS NOT NULL)")[0][0], 0,
             "no figure is both a number and a symbol")
checks.equal(t.query(db, "SELECT count(*) FROM statistic WHERE typeof(value) NOT IN ('real', 'integer', "
                         "'null') OR typeof(numerator) NOT IN ('real', 'integer', 'null') OR "
                         "typeof(denominator) NOT IN ('real', 'integer', 'null')")[0][0], 0,
             "no symbol is stored in a number's column")
checks.equal(t.query(db, "SELECT count(*) FROM statistic WHERE value_symbol IS NOT NULL")[0][0] > 0,
             True, "symbols are kept")
indicators = {row[0] for row in t.query(db, "SELECT id FROM stat_indicator")}
checks.check(set(MAPPED) <= indicators, "every mapped indicator is declared: missing %s"
             % sorted(set(MAPPED) - indicators))

# Each figure's source holds that exact text: the cell of the published
# file at the row's line and the column, and the column the mapping names.
member_of_file = {}
for name, (file_id, document, *_rest) in files.items():
    member_of_file[file_id] = document[len(ZIP_NAME) + 1:]
line_cells = {m: dict(published[m]["rows"]) for m in published}
wrong = []
for (sid, file_id, row_id, indicator, geography, period, kind, start, end, breakdown,
     *figures, name) in statistics:
    member = member_of_file.get(file_id)
    if member not in published or row_id >> 32 != file_id:
        wrong.append((sid, "row %d is not a row of file %d" % (row_id, file_id)))
        continue
    header = published[member]["header"]
    cells = line_cells[member].get(row_id & 0xFFFFFFFF)
    if cells is None:
        wrong.append((sid, "no line %d in %s" % (row_id & 0xFFFFFFFF, member)))
        continue
    row = dict(zip(header, cells))
    if (geography, (period, kind, start, end)) != (
            geography_of(row), period_of(row["time_period"], row["time_identifier"])):
        wrong.append((sid, "geography or period", geography, period, kind, start, end))
    mapped = MAPPED.get(indicator)
    if mapped and breakdown == "" and not (row["breakdown_topic"] == row["breakdown"] == mapped[4]):
        wrong.append((sid, "a total from a breakdown row", row["breakdown_topic"], row["breakdown"]))
    for index, what in enumerate(("value", "numerator", "denominator")):
        number, symbol, column = figures[3 * index:3 * index + 3]
        named_column = mapped[1 + index] if mapped else "?"
        if column is None:
            if number is not None or symbol is not None or (mapped and named_column is not None):
                wrong.append((sid, what, "no column", number, symbol, named_column))
            continue
        if not 1 <= column <= len(cells):
            wrong.append((sid, what, "column %d out of the row" % column))
            continue
        if mapped and header[column - 1].lower() != (named_column or "").lower():
            wrong.append((sid, what, "column %d is %s, not %s" % (column, header[column - 1],
                                                                 named_column)))
        if (number, symbol) != figure(cells[column - 1]):
            wrong.append((sid, what, number, symbol, "the cell holds %r" % cells[column - 1]))
checks.check(not wrong, "every one of %d figures' source holds its exact text (%d wrong; first %s)"
             % (len(statistics), len(wrong), wrong[:3]))

# Every total row of a mapped file is one figure of each of its indicators.
for indicator, (name, value, numerator, denominator, total) in MAPPED.items():
    if name not in files:
        continue
    expected = sorted((files[name][0] << 32) | line for line, row in records[name]
                      if row["breakdown_topic"] == row["breakdown"] == total)
    got = sorted(r[0] for r in t.query(db, "SELECT row FROM statistic WHERE indicator = ? AND "
                                           "breakdown = ''", indicator))
    checks.equal(got, expected, "%s: one total figure per total row of %s (%d rows)"
                 % (indicator, name, len(expected)))

# The five places, every year of every mapped indicator, from the zip.
def stored_figure(indicator, geography, period):
    rows = t.query(db, "SELECT row, period_kind, period_start, period_end, value, value_symbol, "
                       "value_column, numerator, numerator_symbol, numerator_column, denominator, "
                       "denominator_symbol, denominator_column FROM statistic WHERE indicator = ? "
                       "AND geography = ? AND period = ? AND breakdown = ''",
                   indicator, geography, period)
    return rows[0] if len(rows) == 1 else None


seen_periods = {}
for indicator, (name, value, numerator, denominator, total) in MAPPED.items():
    header = published[by_name[name]]["header"]
    lower = [n.lower() for n in header]
    for line, row in records[name]:
        geography = geography_of(row)
        if geography not in PLACES or not row["breakdown_topic"] == row["breakdown"] == total:
            continue
        label, kind, start, end = period_of(row["time_period"], row["time_identifier"])
        seen_periods.setdefault(indicator, set()).add(label)
        expected = [(files[name][0] << 32) | line, kind, start, end]
        for column in (value, numerator, denominator):
            if column is None:
                expected += [None, None, None]
            else:
                position = lower.index(column.lower()) + 1
                expected += list(figure(row[header[position - 1]])) + [position]
        checks.equal(stored_figure(indicator, geography, label), tuple(expected),
                     "%s %s %s (%s line %d)" % (indicator, geography, label, name, line))

checks.equal(sorted(seen_periods.get("ehcp_within_20_weeks", ())),
             ["2019", "2020", "2021", "2022", "2023", "2024"], "timeliness: calendar years 2019-2024")
checks.equal(sorted(seen_periods.get("ehc_plans", ())),
             ["2018/19", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24", "2024/25"],
             "caseload: academic years 2018/19-2024/25")

# The typed cells: the zip says so, and so does the store.
for indicator, geography, period, texts in TYPED:
    name, *columns, total = MAPPED[indicator]
    header = published[by_name[name]]["header"]
    lower = [n.lower() for n in header]
    rows = [row for _, row in records[name] if geography_of(row) == geography
            and period_of(row["time_period"], row["time_identifier"])[0] == period
            and row["breakdown_topic"] == row["breakdown"] == total]
    published_texts = tuple(rows[0][header[lower.index(c.lower())]] if c else None
                            for c in columns) if len(rows) == 1 else None
    checks.equal(published_texts, texts, "the published %s of %s %s" % (indicator, geography, period))
    got = stored_figure(indicator, geography, period)
    stored = None if got is None else tuple(got[4:13])
    expected = []
    for text in texts:
        expected += [None, None] if text is None else list(figure(text))
    checks.equal(stored and tuple(s for i, s in enumerate(stored) if i % 3 != 2), tuple(expected),
                 "the stored %s of %s %s" % (indicator, geography, period))

# England's refusals 2019-2022: published as 'x', never a number.
for year in ("2019", "2020", "2021", "2022"):
    got = stored_figure("requests_refused", ENGLAND, year)
    checks.equal(got and (got[4], got[5]), (None, "x"),
                 "requests_refused England %s: value NULL, symbol 'x'" % year)

# ------------------------------------------------------------ a second import replaces the first

def snapshot():
    counts = {table: t.query(db, "SELECT count(*) FROM " + table)[0][0]
              for table in ("stat_file", "stat_column", "stat_row", "stat_geography",
                            "stat_indicator", "statistic")}
    per_file = sorted(t.query(db, "SELECT f.name, f.rows, count(r.id) FROM stat_file f "
                                  "LEFT JOIN stat_row r ON r.id >> 32 = f.id GROUP BY f.id"))
    figures = sorted(t.query(db, "SELECT f.name, s.row & 4294967295, s.indicator, s.geography, "
                                 "s.period, s.breakdown, s.value, s.value_symbol, s.value_column, "
                                 "s.numerator, s.numerator_symbol, s.numerator_column, s.denominator, "
                                 "s.denominator_symbol, s.denominator_column FROM statistic s "
                                 "JOIN stat_file f ON f.id = s.file"), key=repr)
    return counts, per_file, figures


before = snapshot()
result = t.run("import-statistics", ZIP, db=db, timeout=600)
checks.equal(result.returncode, 0, "the second import: " + result.stderr)
after = snapshot()
checks.equal(after[0], before[0], "a second import leaves every table's count as it was")
checks.equal(after[1], before[1], "a second import: each file once, with its rows")
checks.check(after[2] == before[2], "a second import stores the same figures (%d before, %d after)"
             % (len(before[2]), len(after[2])))
checks.equal(t.query(db, "SELECT count(*) FROM stat_row r WHERE NOT EXISTS "
                         "(SELECT 1 FROM stat_file f WHERE f.id = r.id >> 32)")[0][0], 0,
             "no row is left of the replaced files")
checks.equal(t.integrity(db), "ok", "the database's integrity after the second import")

checks.done()
