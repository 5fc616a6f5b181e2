"""statistics_fixture: small stores of official statistics for the tests of
the comparison (compare --indicators and the exports), filled by SQL in the
shape `sendlens import-statistics` stores them
(schemas/migrations/005_statistics.sql), until the tests can import the
release itself.

hand(db): the three areas loaded, eight local authorities in two regions,
and figures chosen so that every rank, quartile, change and group value of
the tests can be worked out by hand (the tests say how).

published(db): the three areas loaded and every headline row of the
release's timeliness_20_week.csv (England, the regions, every local
authority, 2019 to 2024), read from the release zip with Python's own csv
and zipfile modules, each figure with its real line and columns."""

import csv
import io
import json
import os
import sqlite3
import zipfile

import sendlens_test as t

ENGLAND = "E92000001"
WEST_MIDLANDS = "E12000005"
NORTH_EAST = "E12000001"
ZIP_NAME = "education-health-and-care-plans_2025.zip"
TIMELINESS = "timeliness_20_week.csv"

# code, level, name, la_number, region
GEOGRAPHIES = [
    (ENGLAND, "national", "England", None, None),
    (WEST_MIDLANDS, "regional", "West Midlands", None, None),
    (NORTH_EAST, "regional", "North East", None, None),
    ("E10000028", "local_authority", "Staffordshire", "860", WEST_MIDLANDS),
    ("E08000030", "local_authority", "Walsall", "335", WEST_MIDLANDS),
    ("E10000034", "local_authority", "Worcestershire", "885", WEST_MIDLANDS),
    ("E08000025", "local_authority", "Birmingham", "330", WEST_MIDLANDS),
    ("E08000026", "local_authority", "Coventry", "331", WEST_MIDLANDS),
    ("E08000021", "local_authority", "Newcastle upon Tyne", "391", NORTH_EAST),
    ("E08000024", "local_authority", "Sunderland", "394", NORTH_EAST),
    ("E06000047", "local_authority", "County Durham", "840", NORTH_EAST),
]

# indicator, title, unit, direction
INDICATORS = [
    ("ehcp_within_20_weeks", "EHC plans issued within 20 weeks, including exceptions", "percent",
     "up"),
    ("weeks_to_plan", "Median weeks to issue a plan (made up for the tests)", "weeks", "down"),
    ("ehc_plans_in_mainstream", "EHC plans with a mainstream school placement", "percent",
     "none"),
]

# ehcp_within_20_weeks: geography -> {year: (value, numerator, denominator)};
# a string is a symbol as published.
TIMELY = {
    ENGLAND: {2023: (50.3, 25150, 50000), 2024: (46.4, 23200, 50000)},
    WEST_MIDLANDS: {2023: (40.0, 2000, 5000), 2024: (45.0, 2250, 5000)},
    NORTH_EAST: {2023: (60.0, 1200, 2000), 2024: (55.0, 1100, 2000)},
    "E10000028": {2023: (28.1, 281, 1000), 2024: (35.3, 353, 1000)},
    "E08000030": {2023: (60.2, 602, 1000), 2024: (84.2, 842, 1000)},
    "E10000034": {2023: (27.5, 55, 200), 2024: (37.2, "c", 250)},
    "E08000025": {2023: (60.2, 602, 1000), 2024: (20.0, 200, 1000)},
    "E08000026": {2023: ("x", "x", "x"), 2024: (50.0, 100, 200)},
    "E08000021": {2023: (90.0, 90, 100), 2024: (84.2, 842, 1000)},
    "E08000024": {2023: (10.0, 10, 100), 2024: (5.0, 5, 100)},
    "E06000047": {2023: (45.0, 450, 1000), 2024: (35.3, 353, 1000)},
}

WEEKS = {"E10000028": 10.0, "E08000030": 20.0, "E10000034": 10.0, "E08000025": 30.0,
         ENGLAND: 18.0, WEST_MIDLANDS: 19.0}
MAINSTREAM = {"E10000028": 40.0, "E08000030": 30.0, ENGLAND: 35.0, WEST_MIDLANDS: 33.0}

TIMELINESS_COLUMNS = ["time_period", "time_identifier", "geographic_level", "country_code",
                      "country_name", "region_code", "region_name", "new_la_code", "old_la_code",
                      "la_name", "breakdown_topic", "breakdown", "plans_issued_den",
                      "plans_issued_den_ex", "plans_issued_within_20_weeks",
                      "plans_issued_20_weeks_ex", "pc_plans_issued_within_20_weeks"]


def load_areas(db):
    """The three bundled areas, so the store has its schema and areas."""
    result = t.run("load", "staffordshire", "walsall", "worcestershire", db=db)
    if result.returncode != 0:
        raise RuntimeError("load failed: " + result.stderr)


def _split(cell):
    """(number, symbol) of a published cell."""
    if cell is None:
        return None, None
    if isinstance(cell, str):
        try:
            return float(cell), None
        except ValueError:
            return None, cell
    return float(cell), None


class Store:
    """Inserts files, columns, rows and figures as the importer does."""

    def __init__(self, db):
        self.connection = sqlite3.connect(db)
        self.connection.execute("PRAGMA foreign_keys = ON")

    def geographies(self, rows):
        for code, level, name, number, region in rows:
            self.connection.execute(
                "INSERT OR REPLACE INTO stat_geography(code, level, name, la_number, region, "
                "country) VALUES (?, ?, ?, ?, ?, ?)",
                (code, level, name, number, region, ENGLAND))

    def indicators(self, rows):
        for ident, title, unit, direction in rows:
            self.connection.execute(
                "INSERT OR REPLACE INTO stat_indicator(id, title, unit, direction, definition, "
                "mapping) VALUES (?, ?, ?, ?, ?, 'dfe_ehcp.lua:1')",
                (ident, title, unit, direction, "test definition of " + ident))

    def file(self, name, columns, rows):
        """A file of the given header; returns its id."""
        document = ZIP_NAME + "/data/" + name
        cursor = self.connection.execute(
            "INSERT INTO stat_file(name, document, publication, file_hash, rows, imported_at) "
            "VALUES (?, ?, 'dfe-ehcp', '00', ?, '2026-01-01T00:00:00Z')", (name, document, rows))
        ident = cursor.lastrowid
        for position, column in enumerate(columns, 1):
            role = "indicator" if position > 12 else ("filter" if position > 10 else "time")
            self.connection.execute(
                "INSERT INTO stat_column(file, position, name, role) VALUES (?, ?, ?, ?)",
                (ident, position, column, role))
        return ident

    def figure(self, file, line, indicator, geography, year, cells, columns):
        """One figure: cells (value, numerator, denominator) in columns
        (their 1-based positions, None where not published)."""
        row = (file << 32) + line
        self.connection.execute(
            "INSERT INTO stat_row(id, period, geography, cells) VALUES (?, ?, ?, ?)",
            (row, str(year), geography, json.dumps([str(c) for c in cells])))
        (value, value_symbol), (num, num_symbol), (den, den_symbol) = (_split(c) for c in cells)
        self.connection.execute(
            "INSERT INTO statistic(file, row, indicator, geography, period, period_kind, "
            "period_start, period_end, breakdown, value, value_symbol, value_column, numerator, "
            "numerator_symbol, numerator_column, denominator, denominator_symbol, "
            "denominator_column) VALUES (?, ?, ?, ?, ?, 'calendar_year', ?, ?, '', ?, ?, ?, ?, "
            "?, ?, ?, ?, ?)",
            (file, row, indicator, geography, str(year), "%d-01-01" % year, "%d-12-31" % year,
             value, value_symbol, columns[0], num, num_symbol,
             columns[1] if cells[1] is not None else None, den, den_symbol,
             columns[2] if cells[2] is not None else None))

    def close(self):
        self.connection.commit()
        self.connection.close()


def hand(db):
    """The hand-worked store (see the module's docstring)."""
    load_areas(db)
    store = Store(db)
    store.geographies(GEOGRAPHIES)
    store.indicators(INDICATORS)
    timely = store.file(TIMELINESS, TIMELINESS_COLUMNS, 22)
    line = 2
    for geography, years in TIMELY.items():
        for year, cells in sorted(years.items()):
            store.figure(timely, line, "ehcp_within_20_weeks", geography, year, cells,
                         (17, 15, 13))
            line += 1
    # A column name a spreadsheet would take for a formula.
    weeks = store.file("weeks.csv", ["time_period"] * 12 + ["-weeks_to_plan"], 6)
    for line, (geography, value) in enumerate(WEEKS.items(), 2):
        store.figure(weeks, line, "weeks_to_plan", geography, 2024, (value, None, None),
                     (13, None, None))
    placements = store.file("caseload.csv", ["time_period"] * 12 + ["mainstream_total_pc"], 4)
    for line, (geography, value) in enumerate(MAINSTREAM.items(), 2):
        store.figure(placements, line, "ehc_plans_in_mainstream", geography, 2024,
                     (value, None, None), (13, None, None))
    store.close()


def release_zip():
    """The release zip: the project's copy if it carries one, else the
    shared data folder's."""
    for folder in (os.path.join(t.SOURCE_DIR, "data", "dfe-ehcp-2025"),
                   os.path.join(t.SOURCE_DIR, "..", "shared", "data", "dfe-ehcp-2025"),
                   "/work/shared/data/dfe-ehcp-2025"):
        path = os.path.join(folder, ZIP_NAME)
        if os.path.exists(path):
            return path
    raise RuntimeError("no " + ZIP_NAME)


def published_rows():
    """(line, row) of every headline row of timeliness_20_week.csv."""
    with zipfile.ZipFile(release_zip()) as archive:
        text = archive.read("data/" + TIMELINESS).decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    rows = []
    for row in reader:
        if row["breakdown_topic"] == "All EHC plans issued":
            rows.append((reader.line_num, row))
    return reader.fieldnames, rows


def published(db):
    """The release's headline timeliness figures (see the module's docstring)."""
    load_areas(db)
    header, rows = published_rows()
    store = Store(db)
    store.indicators([INDICATORS[0]])
    timely = store.file(TIMELINESS, header, len(rows))
    position = {name.lower(): i for i, name in enumerate(header, 1)}
    columns = tuple(position[c] for c in ("pc_plans_issued_within_20_weeks",
                                          "plans_issued_within_20_weeks", "plans_issued_den"))
    for line, row in rows:
        level = {"National": "national", "Regional": "regional"}.get(row["geographic_level"],
                                                                     "local_authority")
        code = {"national": row["country_code"], "regional": row["region_code"]}.get(
            level, row["new_la_code"])
        name = {"national": row["country_name"], "regional": row["region_name"]}.get(
            level, row["la_name"])
        store.geographies([(code, level, name, row["old_la_code"] or None,
                            row["region_code"] if level == "local_authority" else None)])
        cells = (row["pc_plans_issued_within_20_weeks"], row["plans_issued_within_20_weeks"],
                 row["plans_issued_den"])
        store.figure(timely, line, "ehcp_within_20_weeks", code, int(row["time_period"]), cells,
                     columns)
    store.close()
    return rows
