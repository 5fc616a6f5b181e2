"""statistics_fixture: stores of official statistics for the tests of the
comparison (compare --indicators and the exports), imported by `sendlens
import-statistics`.

hand(db, folder): the three areas loaded, and files in the Explore
education statistics format written by hand: eight local authorities in
two regions, with figures chosen so that every rank, quartile, change and
group value of the tests can be worked out by hand (the tests say how).

published(db): the three areas loaded and the DfE's release zip that the
project carries imported whole; published_rows() reads its headline
timeliness rows with Python's own csv and zipfile modules, to check
against."""

import csv
import io
import os
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

HEADER = ("time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
          "region_name,new_la_code,old_la_code,la_name,breakdown_topic,breakdown,plans_issued_den,"
          "plans_issued_within_20_weeks,pc_plans_issued_within_20_weeks")
# The columns of HEADER that hold the value, numerator and denominator.
VALUE_COLUMN, NUMERATOR_COLUMN, DENOMINATOR_COLUMN = 15, 14, 13

# A mapping given at run time for the two made-up indicators of other.csv:
# a column name a spreadsheet would run as a formula, and a direction of
# each kind the real release lacks.
MAPPING = """statistic {
  id = "weeks_to_plan",
  title = "Median weeks to issue a plan (made up for the tests)",
  unit = "weeks",
  direction = "down",
  value = "-weeks_to_plan",
  total = {breakdown_topic = "All"},
}
statistic {
  id = "placements_made_up",
  title = "Placements in mainstream (made up for the tests)",
  unit = "percent",
  direction = "none",
  value = "mainstream_made_up",
  total = {breakdown_topic = "All"},
}
"""


def load_areas(db):
    """The three bundled areas, so the store has its schema and areas."""
    result = t.run("load", "staffordshire", "walsall", "worcestershire", db=db)
    if result.returncode != 0:
        raise RuntimeError("load failed: " + result.stderr)


def _place(code):
    """The geography columns of a row for code."""
    level, name, number, region = next((g[1], g[2], g[3], g[4]) for g in GEOGRAPHIES
                                       if g[0] == code)
    region_name = {WEST_MIDLANDS: "West Midlands", NORTH_EAST: "North East"}
    if level == "national":
        return "National,%s,England,,,,," % ENGLAND
    if level == "regional":
        return "Regional,%s,England,%s,%s,,," % (ENGLAND, code, name)
    return "Local authority,%s,England,%s,%s,%s,%s,%s" % (ENGLAND, region, region_name[region],
                                                          code, number, name)


def hand_files(folder):
    """Writes timeliness_20_week.csv, other.csv and made_up.lua in folder;
    returns their paths and {(geography, year): line} of the timeliness
    file."""
    lines, where = [HEADER], {}
    for code, years in TIMELY.items():
        for year, (value, numerator, denominator) in sorted(years.items()):
            where[(code, year)] = len(lines) + 1
            lines.append("%d,Calendar year,%s,All EHC plans issued,All EHC plans issued,%s,%s,%s"
                         % (year, _place(code), denominator, numerator, value))
    timely = os.path.join(folder, TIMELINESS)
    with open(timely, "w") as out:
        out.write("\n".join(lines) + "\n")
    other_lines = ["time_period,time_identifier,geographic_level,country_code,country_name,"
                   "region_code,region_name,new_la_code,old_la_code,la_name,breakdown_topic,"
                   "breakdown,-weeks_to_plan,mainstream_made_up"]
    for code in sorted(set(WEEKS) | set(MAINSTREAM)):
        other_lines.append("2024,Calendar year,%s,All,All,%s,%s" % (
            _place(code), WEEKS.get(code, "x"), MAINSTREAM.get(code, "z")))
    other = os.path.join(folder, "other.csv")
    with open(other, "w") as out:
        out.write("\n".join(other_lines) + "\n")
    mapping = os.path.join(folder, "made_up.lua")
    with open(mapping, "w") as out:
        out.write(MAPPING)
    return (timely, other, mapping), where


def hand(db, folder):
    """The hand-worked store (see the module's docstring), imported by
    `sendlens import-statistics`; returns {(geography, year): line} of the
    timeliness file."""
    load_areas(db)
    (timely, other, mapping), where = hand_files(folder)
    result = t.run("import-statistics", timely, other, "--mapping", mapping, db=db)
    if result.returncode != 0:
        raise RuntimeError("import-statistics failed: " + result.stderr)
    return where


def release_zip():
    """The release zip the project carries (data/dfe-ehcp-2025/)."""
    return os.path.join(t.SOURCE_DIR, "data", "dfe-ehcp-2025", ZIP_NAME)


def published_rows():
    """(line, row) of every headline row of timeliness_20_week.csv, read
    with Python's own zipfile and csv modules."""
    with zipfile.ZipFile(release_zip()) as archive:
        text = archive.read("data/" + TIMELINESS).decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    rows = []
    for row in reader:
        if row["breakdown_topic"] == "All EHC plans issued":
            rows.append((reader.line_num, row))
    return rows


def published(db):
    """The three areas loaded and the whole release imported."""
    load_areas(db)
    result = t.run("import-statistics", release_zip(), db=db, timeout=300)
    if result.returncode != 0:
        raise RuntimeError("import-statistics failed: " + result.stderr)
