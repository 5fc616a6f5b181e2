"""bench/indicators.sql, the reference SQL every benchmark engine is checked
against: on a hand-made file with the boundary cases (answers worked out by
hand) and on generated regional data, it gives what the spec's definitions
give when followed literally, one quarter end at a time, in plain Python.
And sendlens itself (import-cases, then indicators) stores the same counts
for the generated data: the generator's files are what the importer takes."""

import csv
import datetime
import io
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

SQL = os.path.join(t.SOURCE_DIR, "bench", "indicators.sql")
GEN = os.path.join(t.SOURCE_DIR, "tools", "gen-cases")
HEADER = ("Module,PersonID,RequestID,ReceivedDate,RequestSource,RequestOutcome,RequestOutcomeDate,"
          "AssessmentOutcome,AssessmentOutcomeDate,Week20,StartDate,CeaseDate,CeaseReason,"
          "ReviewDueDate,ReviewHeldDate")

# Boundary cases, in the file format (comment line, header, rows); the
# expected rows below were worked out by hand.
HAND = """# SYNTHETIC DATA: hand-made boundary cases; not real children
""" + HEADER + """
request,SYN-1,R1,2023-01-10,school,assess,2023-02-20,plan,2023-05-20,,2023-05-30,,,,
request,SYN-2,R2,2023-01-10,school,assess,2023-02-20,plan,2023-05-20,0,2023-05-31,,,,
request,SYN-3,R3,2023-01-11,parent,assess,2023-02-20,plan,2023-06-01,1,2023-06-20,,,,
request,SYN-4,R4,2023-02-01,parent,assess,2023-03-10,plan,2023-06-01,,,,,,
request,SYN-5,R5,2023-02-02,health,refused,2023-03-15,,,,,,,,
request,SYN-5,R6,2023-03-01,health,withdrawn,2023-04-02,,,,,,,,
request,SYN-6,R7,2023-03-31,school,assess,2023-05-01,,,,,,,,
request,SYN-7,R8,2023-02-11,school,assess,2023-03-20,no_plan,2023-06-30,,,,,,
request,SYN-8,R9,2023-06-30,school,,,,,,,,,,
request,SYN-9,R10,2023-02-09,school,assess,2023-03-15,,,,,,,,
request,SYN-10,R11,2023-02-10,school,assess,2023-03-15,,,,,,,,
review,SYN-1,R1,,,,,,,,,,,2024-05-30,2024-05-30
review,SYN-2,R2,,,,,,,,,,,2024-05-31,2024-06-01
review,SYN-3,R3,,,,,,,,,,,2024-06-20,
"""
# Worked out by hand. Plans: R1 140 days exactly (within), R2 141 days
# (late), R3 160 days with an exception (late; left out of the second
# indicator), R4 never issued. Open at 2023-03-31: R1-R4, R7 (received that
# day), R8, R10, R11, none over 140 days; at 2023-06-30: R7 (91 days), R10
# (141 days: over), R11 (140 days: not over); R8's outcome that day closes
# it. Decided in Q1: R1-R5, R8, R10, R11 (R5 refused); in Q2: R6, R7.
# Reviews due in 2024-Q2: on the due date (on time), a day late, not held.
HAND_EXPECTED = [
    "HAND,annual_reviews_on_time,2024-Q2,1,3",
    "HAND,ehcp_within_20_weeks,2023-Q2,1,3",
    "HAND,ehcp_within_20_weeks_excl_exceptions,2023-Q2,1,2",
    "HAND,open_assessments_over_20_weeks,2023-Q1,0,8",
    "HAND,open_assessments_over_20_weeks,2023-Q2,1,3",
    "HAND,requests_refused,2023-Q1,1,8",
    "HAND,requests_refused,2023-Q2,0,2",
]

checks = t.Checks()
work = t.temp_dir()


def load(connection, area, text):
    """Like the sqlite3 shell's .import: every field text, '' when empty."""
    lines = text.splitlines()[1:]
    rows = list(csv.reader(io.StringIO("\n".join(lines[1:]))))
    connection.executemany("INSERT INTO cases VALUES (%s)" % ",".join("?" * 16),
                           [[area] + row for row in rows])


def reference(connection):
    with open(SQL, encoding="utf-8") as handle:
        script = "".join(line for line in handle if not line.lstrip().startswith((".", "--")))
    *setup, query = [part for part in script.split(";") if part.strip()]
    for statement in setup:
        connection.execute(statement)
    return sorted(",".join(str(v) for v in row) for row in connection.execute(query))


def quarter(date):
    return "%d-Q%d" % (date.year, (date.month + 2) // 3)


def quarter_ends(first, last):
    year, month = first.year, (first.month - 1) // 3 * 3 + 1
    while (year, month) <= (last.year, last.month):
        following = datetime.date(year + (month == 10), month % 12 + 3 if month < 10 else 1, 1)
        yield following - datetime.timedelta(days=1)
        year, month = following.year, following.month


def literal(connection):
    """The spec's definitions, followed literally, row by row."""
    def day(text):
        return datetime.date.fromisoformat(text) if text else None

    counts = {}

    def add(area, name, when, hit):
        key = (area, name, quarter(when))
        numerator, denominator = counts.get(key, (0, 0))
        counts[key] = (numerator + bool(hit), denominator + 1)

    columns = [c for c in ("area," + HEADER).split(",")]
    rows = [dict(zip(columns, r)) for r in connection.execute("SELECT * FROM cases")]
    for r in rows:
        if r["Module"] == "request" and r["StartDate"]:
            on_time = (day(r["StartDate"]) - day(r["ReceivedDate"])).days <= 140
            add(r["area"], "ehcp_within_20_weeks", day(r["StartDate"]), on_time)
            if r["Week20"] != "1":
                add(r["area"], "ehcp_within_20_weeks_excl_exceptions", day(r["StartDate"]), on_time)
        if r["Module"] == "review":
            held = r["ReviewHeldDate"]
            add(r["area"], "annual_reviews_on_time", day(r["ReviewDueDate"]),
                held and held <= r["ReviewDueDate"])
        if r["Module"] == "request" and r["RequestOutcome"]:
            add(r["area"], "requests_refused", day(r["RequestOutcomeDate"]),
                r["RequestOutcome"] == "refused")
    for area in sorted({r["area"] for r in rows}):
        received = [day(r["ReceivedDate"]) for r in rows if r["area"] == area and r["Module"] == "request"]
        assess = [r for r in rows if r["area"] == area and r["RequestOutcome"] == "assess"]
        for end in quarter_ends(min(received), max(received)):
            for r in assess:
                outcome = day(r["AssessmentOutcomeDate"])
                if day(r["ReceivedDate"]) <= end and (outcome is None or outcome > end):
                    add(area, "open_assessments_over_20_weeks", end,
                        (end - day(r["ReceivedDate"])).days > 140)
    return sorted("%s,%s,%s,%d,%d" % (key + value) for key, value in counts.items() if value[1] > 0)


def database():
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE cases(area, %s)" % HEADER)
    return connection


# The hand-made file: the reference SQL and the literal reading both give
# the answers worked out by hand.
connection = database()
load(connection, "HAND", HAND)
checks.equal(reference(connection), HAND_EXPECTED, "reference SQL on the hand-made file")
checks.equal(literal(connection), HAND_EXPECTED, "literal reading on the hand-made file")

# Generated regional data: the two agree on every row.
out = os.path.join(work, "regional")
subprocess.run([sys.executable, GEN, "--preset", "regional", "--seed", "5", "--out", out],
               check=True, capture_output=True)
connection = database()
for name in sorted(os.listdir(out)):
    with open(os.path.join(out, name), encoding="utf-8") as handle:
        load(connection, name[:-4], handle.read())
expected = literal(connection)
got = reference(connection)
checks.check(len(expected) > 200, "regional data gives indicator rows: %d" % len(expected))
checks.equal(len(got), len(expected), "reference SQL row count on regional data")
checks.equal([row for row in got if row not in set(expected)][:5], [],
             "reference SQL rows the literal reading does not give")
checks.equal(got, expected, "reference SQL on regional data")

# sendlens: every generated file imports, and the stored raw counts of the
# five indicators are the reference's.
INDICATORS = ("ehcp_within_20_weeks", "ehcp_within_20_weeks_excl_exceptions",
              "open_assessments_over_20_weeks", "annual_reviews_on_time", "requests_refused")
db = os.path.join(work, "sendlens.db")
for name in sorted(os.listdir(out)):
    result = t.run("import-cases", name[:-4], os.path.join(out, name), db=db)
    checks.equal(result.returncode, 0, "import-cases %s: %s" % (name, result.stderr.strip()))
result = t.run("indicators", "--json", db=db)
checks.equal(result.returncode, 0, "sendlens indicators: %s" % result.stderr.strip()[-300:])
stored = sqlite3.connect(db)
rows = stored.execute(
    "SELECT area, indicator, period, numerator, denominator FROM indicator_result "
    "WHERE indicator IN (%s) AND denominator > 0" % ",".join("?" * len(INDICATORS)), INDICATORS)
mine = sorted("%s,%s,%s,%d,%d" % row for row in rows)
stored.close()
checks.equal(len(mine), len(expected), "sendlens's indicator rows on regional data")
checks.equal(mine, expected, "sendlens's counts on regional data")

checks.done()
