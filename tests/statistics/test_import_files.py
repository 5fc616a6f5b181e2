"""import-statistics reads Explore education statistics files as users
download them (made by hand: a byte order mark, names in another case, a
name repeated, quoted names with commas, trailing empty columns, the same row
twice) correctly, or refuses them with one line naming the file, the line
and the column, storing nothing; a zip is read in place; a mapping file
given at run time changes what is imported, with no recompiling."""

import io
import os
import sys
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()

HEADER = ("time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
          "region_name,new_la_code,old_la_code,la_name,breakdown_topic,breakdown,plans_issued_den,"
          "plans_issued_within_20_weeks,pc_plans_issued_within_20_weeks")
ALL = "All EHC plans issued,All EHC plans issued"
ROWS = [
    "2024,Calendar year,National,E92000001,England,,,,,," + ALL + ",1000,500,50",
    "2024,Calendar year,Regional,E92000001,England,E12000005,West Midlands,,,," + ALL + ",200,50,25",
    "2024,Calendar year,Local authority,E92000001,England,E12000005,West Midlands,E10000028,860,"
    "Staffordshire," + ALL + ",947,334,35.3",
    '2024,Calendar year,Local authority,E92000001,England,E12000003,Yorkshire and The Humber,'
    'E06000010,810,"Kingston upon Hull, City of",' + ALL + ",x,x,x",
    "2024,Calendar year,Local authority,E92000001,England,E12000005,West Midlands,E10000028,860,"
    "Staffordshire,Sex,Female,400,100,25",
]
VALUE_COLUMN = 15


def write(name, lines, prefix="", encoding="utf-8"):
    path = os.path.join(work, name)
    with open(path, "wb") as out:
        out.write((prefix + "\n".join(lines) + "\n").encode(encoding))
    return path


def fresh_db(name):
    return os.path.join(work, name + ".db")


def imported(db, *paths, extra=()):
    return t.run("import-statistics", *paths, *extra, db=db)


def stored(db, sql, *args):
    return t.query(db, sql, *args)


def nothing_stored(db, what):
    if not os.path.exists(db):
        checks.check(True, what)
        return
    checks.equal(stored(db, "SELECT count(*) FROM stat_file")[0][0], 0, what + ": files")
    checks.equal(stored(db, "SELECT count(*) FROM stat_row")[0][0], 0, what + ": rows")
    checks.equal(stored(db, "SELECT count(*) FROM statistic")[0][0], 0, what + ": figures")


def refused(name, lines, place, words, prefix=""):
    """The file is refused with one line beginning with its place."""
    db = fresh_db(name)
    path = write(name + ".csv", lines, prefix)
    result = imported(db, path)
    checks.equal(result.returncode, 1, name + ": exit code")
    lines = [line for line in result.stderr.splitlines() if ": note: " not in line]
    message = "\n".join(lines)
    checks.equal(len(lines), 1, name + ": one line besides notes (" + message + ")")
    checks.check(message.startswith("sendlens: import-statistics: " + path + ":" + place + ":"),
                 name + ": names %s:%s first: %s" % (path, place, message))
    for word in words:
        checks.check(word in message, name + ": says %r: %s" % (word, message))
    nothing_stored(db, name)


# ---- a tidy file: what is stored, and where from ----
db = fresh_db("tidy")
tidy = write("timeliness.csv", [HEADER] + ROWS)
result = imported(db, tidy)
checks.equal(result.returncode, 0, "tidy: exit code (" + result.stderr + ")")
checks.check("5 rows, 4 figures (1 indicator)" in result.stdout, "tidy: report: " + result.stdout)
checks.equal(stored(db, "SELECT name, document, rows FROM stat_file"),
             [("timeliness.csv", "timeliness.csv", 5)], "tidy: the file, with no folder")
figures = stored(db, "SELECT geography, period, period_kind, period_start, period_end, value, "
                     "value_symbol, numerator, denominator, value_column, numerator_column, "
                     "denominator_column, row & 4294967295 FROM statistic "
                     "WHERE indicator = 'ehcp_within_20_weeks' ORDER BY row")
checks.equal(figures, [
    ("E92000001", "2024", "calendar_year", "2024-01-01", "2024-12-31", 50.0, None, 500.0, 1000.0,
     15, 14, 13, 2),
    ("E12000005", "2024", "calendar_year", "2024-01-01", "2024-12-31", 25.0, None, 50.0, 200.0,
     15, 14, 13, 3),
    ("E10000028", "2024", "calendar_year", "2024-01-01", "2024-12-31", 35.3, None, 334.0, 947.0,
     15, 14, 13, 4),
    ("E06000010", "2024", "calendar_year", "2024-01-01", "2024-12-31", None, "x", None, None,
     15, 14, 13, 5),
], "tidy: the headline figures, each with its line and columns; x is a symbol, not 0")
checks.equal(stored(db, "SELECT count(*) FROM statistic WHERE indicator = "
                        "'ehcp_within_20_weeks_excl_exceptions'")[0][0], 0,
             "tidy: a mapping whose columns the file lacks gives nothing")
checks.equal(stored(db, "SELECT code, level, name, la_number, region FROM stat_geography "
                        "ORDER BY code"), [
    ("E06000010", "local_authority", "Kingston upon Hull, City of", "810", "E12000003"),
    ("E10000028", "local_authority", "Staffordshire", "860", "E12000005"),
    ("E12000005", "regional", "West Midlands", None, None),
    ("E92000001", "national", "England", None, None),
], "tidy: geographies, a quoted name with a comma kept whole")
checks.equal(stored(db, "SELECT json_extract(cells, '$[0]'), json_extract(cells, '$[1]'), "
                        "json_extract(cells, '$[4]') FROM stat_row WHERE line = 6"),
             [("Sex", "Female", "25")], "tidy: a breakdown row kept as published")
checks.equal(stored(db, "SELECT position, role, cell FROM stat_column WHERE position IN "
                        "(1, 8, 11, 12, 15) ORDER BY position"),
             [(1, "time", None), (8, "geography", None), (11, "filter", 0), (12, "filter", 1),
              (15, "indicator", 4)], "tidy: columns recognised by the standard and their cells")
checks.equal(stored(db, "SELECT mapping FROM stat_indicator WHERE id = 'ehcp_within_20_weeks'"),
             [("dfe_ehcp.lua:26",)], "tidy: the indicator's mapping, without a folder")
checks.equal(t.integrity(db), "ok", "tidy: integrity")

# ---- a loaded area joins its geography by GSS code, else by DfE number ----
import sqlite3  # noqa: E402
connection = sqlite3.connect(db)
connection.executemany("INSERT INTO area(code, la_number, name, plugin, plugin_version) "
                       "VALUES(?, ?, ?, 'test', '1')",
                       [("E10000028", None, "Staffordshire"),
                        ("E06999999", "810", "Hull, under a code the file does not use"),
                        ("E06999998", "999", "Nowhere")])
connection.commit()
connection.close()
checks.equal(stored(db, "SELECT area, geography FROM area_geography ORDER BY area"),
             [("E06999999", "E06000010"), ("E10000028", "E10000028")],
             "areas join their geography by code, else by DfE number; an unknown one not at all")

# ---- the same file again replaces it ----
again = imported(db, tidy)
checks.check("replacing" in again.stdout, "again: says it replaces: " + again.stdout)
checks.equal(stored(db, "SELECT count(*), (SELECT count(*) FROM statistic), "
                        "(SELECT count(*) FROM stat_file) FROM stat_row")[0], (5, 4, 1),
             "again: counts unchanged")

# ---- hand-made files read correctly ----
def same_as_tidy(name, lines, prefix="", note=None):
    db = fresh_db(name)
    result = imported(db, write(name + ".csv", lines, prefix))
    checks.equal(result.returncode, 0, name + ": exit code (" + result.stderr + ")")
    checks.equal(stored(db, "SELECT geography, value, value_symbol FROM statistic WHERE "
                            "indicator = 'ehcp_within_20_weeks' ORDER BY row"),
                 [("E92000001", 50.0, None), ("E12000005", 25.0, None), ("E10000028", 35.3, None),
                  ("E06000010", None, "x")], name + ": the same figures")
    checks.equal(stored(db, "SELECT rows FROM stat_file")[0][0], 5, name + ": rows")
    if note:
        checks.check(note in result.stderr, name + ": notes %r: %s" % (note, result.stderr))
    return db


same_as_tidy("bom", [HEADER] + ROWS, prefix="\ufeff")
db = same_as_tidy("other_case", [HEADER.replace("pc_plans_issued_within_20_weeks",
                                                 "PC_Plans_Issued_Within_20_Weeks")] + ROWS)
checks.equal(stored(db, "SELECT name FROM stat_column WHERE position = 15")[0][0],
             "PC_Plans_Issued_Within_20_Weeks", "other_case: the name kept as written")
same_as_tidy("crlf", [line + "\r" for line in [HEADER] + ROWS])
same_as_tidy("twice", [HEADER] + ROWS[:3] + [ROWS[2]] + ROWS[3:],
             note="twice.csv:5: the same row as line 4; stored once")
db = same_as_tidy("repeated_name", [HEADER + ",plans_issued_den"] +
                  [row + "," + row.rsplit(",", 3)[1] for row in ROWS],
                  note="repeated_name.csv:1:16: the header names 'plans_issued_den' again "
                       "(column 13)")
checks.equal(stored(db, "SELECT role FROM stat_column WHERE position = 16")[0][0], "repeat",
             "repeated_name: the second column is a repeat")
db = same_as_tidy("trailing", [HEADER + ",,"] + [row + ",," for row in ROWS[:2]] + ROWS[2:])
checks.equal(stored(db, "SELECT role FROM stat_column WHERE position IN (16, 17)"),
             [("empty",), ("empty",)], "trailing: unnamed columns are empty")

# ---- a flood of one row: stored once, a few notes, no quadratic work ----
db = fresh_db("flood")
result = imported(db, write("flood.csv", [HEADER] + ROWS + [ROWS[2]] * 20000))
checks.equal(result.returncode, 0, "flood: exit code")
notes = [line for line in result.stderr.splitlines() if ": note: " in line]
checks.equal(len(notes), 11, "flood: ten notes and a count (" + "\n".join(notes[-2:]) + ")")
checks.check("19990 more rows repeated an earlier row" in result.stderr, "flood: the rest counted")
checks.equal(stored(db, "SELECT rows FROM stat_file")[0][0], 5, "flood: stored once")

# ---- refused, with the place ----
refused("differs", [HEADER] + ROWS[:3] + [ROWS[2].replace(",35.3", ",35.4")] + ROWS[3:],
        "5:%d" % VALUE_COLUMN, ["a second figure for ehcp_within_20_weeks", "E10000028",
                                "line 4"])
refused("repeat_differs", [HEADER + ",plans_issued_den"] +
        [row + ",7" for row in ROWS], "2:16", ["'plans_issued_den' twice", "columns 13 and 16"])
refused("under_no_name", [HEADER + ",,"] + [row + ",," for row in ROWS[:2]] +
        [ROWS[2] + ",,9"] + ROWS[3:], "4:17", ["a value under a column with no name"])
refused("not_a_number", [HEADER] + ROWS[:2] + [ROWS[2].replace(",334,", ",3o4,")] + ROWS[3:],
        "4:14", ["'3o4'", "plans_issued_within_20_weeks", "neither a number nor a symbol"])
refused("short_row", [HEADER] + ROWS[:1] + [ROWS[1].rsplit(",", 1)[0]] + ROWS[2:], "3",
        ["14 cells where the header has 15 columns"])
refused("reporting_year", [HEADER] + [ROWS[0].replace("Calendar year", "Reporting year")],
        "2:2", ["time_identifier 'Reporting year'"])
refused("academic_period", [HEADER] + [ROWS[0].replace("2024,Calendar year", "202325,Academic "
                                                                              "year")],
        "2:1", ["202325"])
refused("no_code", [HEADER] + [ROWS[2].replace("E10000028", "")], "2:8", ["new_la_code is empty"])
refused("huge_row", [HEADER, ROWS[0][:-2] + "x" * (2 << 20)], "2", ["longer than"])
refused("standard", ["SEND Appeal rate table 1: appeals,,", ",,", "Local authority,2014,2015"],
        "1", ["not in the Explore education statistics format", "no time_period column",
              "SEND Appeal rate table 1"])
db = fresh_db("latin1")
latin = write("latin1.csv", [HEADER, ROWS[2].replace("Staffordshire", "Staffordsh\u00efre")],
              encoding="latin-1")
result = imported(db, latin)
checks.check(result.returncode == 1 and result.stderr.startswith("sendlens: import-statistics: " + latin + ":2:10: not UTF-8"),
             "latin1: not UTF-8 at its cell: " + result.stderr)
nothing_stored(db, "latin1")

# ---- one transaction: a bad file stores nothing, of it or of the others ----
db = fresh_db("transaction")
imported(db, tidy)
second = write("requests.csv", [HEADER] + ROWS[:2])
bad = write("bad.csv", [HEADER] + [ROWS[0].replace(",500,", ",five hundred,")])
result = imported(db, second, bad)
checks.equal(result.returncode, 1, "transaction: refused")
checks.equal(stored(db, "SELECT name FROM stat_file ORDER BY name"), [("timeliness.csv",)],
             "transaction: the earlier import stays, the good file of the refused run is not "
             "stored")
checks.equal(stored(db, "SELECT count(*) FROM stat_row")[0][0], 5, "transaction: rows as before")

# ---- other geographic levels are not compared: skipped, and said ----
db = fresh_db("levels")
school = ROWS[2].replace("Local authority", "School")
result = imported(db, write("levels.csv", [HEADER, school] + ROWS))
checks.equal(result.returncode, 0, "levels: exit code")
checks.check("1 rows at other geographic levels" in result.stderr, "levels: said: " + result.stderr)
checks.equal(stored(db, "SELECT rows FROM stat_file")[0][0], 5, "levels: the others stored")

# ---- a zip read in place; a member not in the standard format skipped ----
zip_path = os.path.join(work, "release.zip")
with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as release:
    release.writestr("data/timeliness_20_week.csv", "\ufeff" + "\n".join([HEADER] + ROWS) + "\n")
    release.writestr("supporting-files/appeals.csv", "SEND Appeal rate table 1,,\n,,\n")
    release.writestr("data-guidance/data-guidance.txt",
                     "Timeliness\n\nFilename: timeliness_20_week.csv\nGeographic levels: National\n\n"
                     "Variable name | Variable description\n------ | ------\n"
                     "breakdown | Characteristics - Filter by sex\n"
                     "pc_plans_issued_within_20_weeks | EHC plans issued within 20 weeks - %\n"
                     "\nFilename: other.csv\n\nVariable name | Variable description\n"
                     "plans_issued_den | Not this file's\n")
db = fresh_db("zip")
result = imported(db, zip_path)
checks.equal(result.returncode, 0, "zip: exit code (" + result.stderr + ")")
checks.equal(stored(db, "SELECT name, document, rows FROM stat_file"),
             [("timeliness_20_week.csv", "release.zip/data/timeliness_20_week.csv", 5)],
             "zip: the member, named inside the zip, with no local folder")
checks.check("skipped release.zip/supporting-files/appeals.csv" in result.stderr and
             "no time_period column" in result.stderr, "zip: the foreign member skipped and said: "
             + result.stderr)
checks.equal(stored(db, "SELECT count(*) FROM statistic")[0][0], 4, "zip: figures")
checks.equal(stored(db, "SELECT position, label FROM stat_column WHERE position IN (12, 13, 15) "
                        "ORDER BY position"),
             [(12, "Characteristics - Filter by sex"), (13, None),
              (15, "EHC plans issued within 20 weeks - %")],
             "zip: the data guidance labels its file's columns, and no other file's")
bad_zip = os.path.join(work, "bad.zip")
with zipfile.ZipFile(bad_zip, "w") as release:
    release.writestr("data/a.csv", "\n".join([HEADER] + ROWS) + "\n")
    release.writestr("data/b.csv", "\n".join([HEADER, ROWS[0].replace(",50\n", ",5o")]) + "x\n")
db = fresh_db("bad_zip")
result = imported(db, bad_zip)
checks.check(result.returncode == 1 and (bad_zip + "/data/b.csv:2:") in result.stderr,
             "bad zip: the member's place: " + result.stderr)
nothing_stored(db, "bad zip")

# ---- a mapping file given at run time ----
MADE_UP = HEADER + ",plans_on_time_made_up"
made_up_rows = [row + ",42" for row in ROWS]
made_up = write("made_up.csv", [MADE_UP] + made_up_rows)
mapping = os.path.join(work, "made_up.lua")
with open(mapping, "w") as out:
    out.write('statistic {\n  id = "made_up_indicator",\n  title = "A made-up indicator",\n'
              '  unit = "count",\n  direction = "down",\n  value = "plans_on_time_made_up",\n'
              '  total = {breakdown = "All EHC plans issued"},\n}\n')
db = fresh_db("mapping")
imported(db, made_up)
checks.equal(stored(db, "SELECT count(*) FROM statistic WHERE indicator = 'made_up_indicator'")[0][0],
             0, "mapping: without it, the made-up column is no indicator")
result = imported(db, made_up, extra=("--mapping", mapping))
checks.equal(result.returncode, 0, "mapping: exit code (" + result.stderr + ")")
checks.equal(stored(db, "SELECT geography, value, value_column FROM statistic WHERE indicator = "
                        "'made_up_indicator' ORDER BY row"),
             [("E92000001", 42.0, 16), ("E12000005", 42.0, 16), ("E10000028", 42.0, 16),
              ("E06000010", 42.0, 16)], "mapping: with it, the made-up column's figures")
checks.equal(stored(db, "SELECT title, direction, mapping FROM stat_indicator WHERE id = "
                        "'made_up_indicator'"), [("A made-up indicator", "down", "made_up.lua:1")],
             "mapping: the indicator declared")
scripts = os.path.join(work, "scripts")
os.makedirs(os.path.join(scripts, "statistics"))
os.rename(mapping, os.path.join(scripts, "statistics", "made_up.lua"))
db = fresh_db("mapping_scripts")
result = t.run("--scripts", scripts, "import-statistics", made_up, db=db)
checks.equal(stored(db, "SELECT indicator, count(*) FROM statistic GROUP BY 1 ORDER BY 1"),
             [("ehcp_within_20_weeks", 4), ("made_up_indicator", 4)],
             "mapping: a --scripts folder's statistics/ adds to the bundled mappings")
with open(mapping, "w") as out:
    out.write('statistic {\n  id = "made_up_indicator",\n  title = "x",\n  direction = "down",\n'
              '  value = "plans_on_time_made_up",\n  numerater = "typo",\n}\n')
result = imported(fresh_db("mapping_typo"), made_up, extra=("--mapping", mapping))
checks.check(result.returncode == 1 and "made_up.lua:1:" in result.stderr and
             "unknown field 'numerater'" in result.stderr,
             "mapping: a misspelt field is an error at its line: " + result.stderr)
with open(mapping, "w") as out:
    out.write("while true do end\n")
result = imported(fresh_db("mapping_loop"), made_up, extra=("--mapping", mapping))
checks.check(result.returncode == 1 and "made_up.lua:1" in result.stderr,
             "mapping: a looping mapping is stopped by the sandbox: " + result.stderr)

# ---- usage ----
result = t.run("import-statistics")
checks.equal(result.returncode, 2, "usage: no FILE is a usage error")
result = t.run("import-statistics", "--help")
checks.check(result.returncode == 0 and "--mapping" in result.stdout, "usage: --help")
result = imported(fresh_db("missing"), os.path.join(work, "missing.csv"))
checks.check(result.returncode == 1 and "missing.csv" in result.stderr, "missing file named")

checks.done()
