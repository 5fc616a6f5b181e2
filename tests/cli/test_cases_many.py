"""import-cases with several AREA FILE pairs, and files large enough to
cross the reader's batches (2,048 records) and ring (4 batches) and the
64-row INSERTs: every row stored once with its line, the same records as
one import per area, one transaction for all the files (a bad second file
leaves the first area's earlier import as it was), a repeated RequestID
named by the line of its first row however far back it is."""

import csv
import io
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

SMALL = os.path.join(t.SOURCE_DIR, "tests", "data", "cases", "ehc_small.csv")
COMMENT, HEADER = open(SMALL, encoding="utf-8").read().splitlines()[:2]
COLUMNS = HEADER.split(",")


def request(n, received="2023-01-02"):
    """A request row whose plan was issued, so reviews may name it."""
    row = dict.fromkeys(COLUMNS, "")
    row.update(Module="request", PersonID="CHILD-%06d" % n, RequestID="REQ-%06d" % n,
               ReceivedDate=received, RequestSource="parent", RequestOutcome="assess",
               RequestOutcomeDate="2023-01-20", AssessmentOutcome="plan",
               AssessmentOutcomeDate="2023-05-22", Week20="0", StartDate="2023-05-22")
    return row


def review(n):
    row = dict.fromkeys(COLUMNS, "")
    row.update(Module="review", PersonID="CHILD-%06d" % n, RequestID="REQ-%06d" % n,
               ReviewDueDate="2024-05-22", ReviewHeldDate="2024-05-20")
    return row


def write(path, rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writerows(rows)
    with open(path, "w", encoding="utf-8") as file:
        file.write(COMMENT + "\n" + HEADER + "\n" + out.getvalue())


def rows_of(db, table):
    return t.query(db, "SELECT c.area, r.line FROM %s r JOIN case_import c ON c.id = r.import "
                   "ORDER BY r.id" % table)


def same_rows(got, expected, what):
    """Long lists compared without printing them whole: the count and the
    first difference."""
    first = next((i for i, (a, b) in enumerate(zip(got, expected)) if a != b), None)
    checks.check(len(got) == len(expected) and first is None,
                 "%s: %d rows for %d expected; first difference at %s: %r for %r"
                 % (what, len(got), len(expected), first,
                    got[first] if first is not None else None,
                    expected[first] if first is not None else None))


checks = t.Checks()
work = t.temp_dir()
# Both files start with a '# SYNTHETIC' comment line.
MARK = "; the file says it is SYNTHETIC: every output marks its figures so"

# 9,001 requests and 4,500 reviews, interleaved: not a multiple of 64 or of
# 2,048 in either table.
big_rows = []
for n in range(9001):
    big_rows.append(request(n))
    if n % 2:
        big_rows.append(review(n))
big = os.path.join(work, "big.csv")
write(big, big_rows)
requests_lines = [i + 3 for i, row in enumerate(big_rows) if row["Module"] == "request"]
review_lines = [i + 3 for i, row in enumerate(big_rows) if row["Module"] == "review"]

# Several areas at once.
db = os.path.join(work, "many.db")
result = t.run("import-cases", "E06000001", big, "E06000002", SMALL, db=db)
checks.equal(result.returncode, 0, "two areas in one import: " + result.stderr)
checks.equal(result.stdout.splitlines(),
             ["imported %s for E06000001: 13501 rows (9001 requests, 4500 reviews)%s" % (big, MARK),
              "imported %s for E06000002: 25 rows (17 requests, 8 reviews)%s" % (SMALL, MARK),
              "run 'sendlens indicators' to compute the indicators"],
             "one line per file, then what to do next")
same_rows(rows_of(db, "case_request")[:9001], [("E06000001", line) for line in requests_lines],
             "every request of the big file stored once, in order, with its line")
same_rows([r for r in rows_of(db, "case_review") if r[0] == "E06000001"],
          [("E06000001", line) for line in review_lines],
             "every review of the big file stored once, with its line")
checks.equal(t.query(db, "SELECT area, rows, requests, reviews FROM case_import ORDER BY area"),
             [("E06000001", 13501, 9001, 4500), ("E06000002", 25, 17, 8)],
             "the imports' counts")

# The same records as one import per area.
single = os.path.join(work, "single.db")
for area, path in (("E06000001", big), ("E06000002", SMALL)):
    result = t.run("import-cases", area, path, db=single)
    checks.equal(result.returncode, 0, "import %s alone: %s" % (area, result.stderr))
columns = "received, source, outcome, outcome_date, assessment, assessment_date, week20, start, " \
          "cease, cease_reason"
same_sql = "SELECT c.area, r.line, %s FROM case_request r JOIN case_import c ON c.id = r.import " \
           "ORDER BY c.area, r.line" % columns
same_rows(t.query(db, same_sql), t.query(single, same_sql),
          "the same records as importing each area on its own")
result = t.run("indicators", db=db)
checks.equal(result.returncode, 0, "indicators: " + result.stderr)
t.run("indicators", db=single)
counts_sql = "SELECT indicator, area, period, numerator, denominator FROM indicator_result " \
             "WHERE denominator IS NOT NULL ORDER BY 1, 2, 3"
checks.check(len(t.query(db, counts_sql)) > 10, "indicators counted for both areas")
checks.equal(t.query(db, counts_sql), t.query(single, counts_sql), "the same indicators")

# One transaction for all the files: a bad row in the second file leaves
# the first area's earlier import untouched.
before = t.query(db, "SELECT * FROM case_import ORDER BY id")
before_rows = t.query(db, "SELECT count(*), sum(line) FROM case_request")

def request_at(index):
    """The index of the first request row at or after index."""
    return next(i for i in range(index, len(big_rows)) if big_rows[i]["Module"] == "request")


bad_rows = [dict(row) for row in big_rows]
bad_index = request_at(9500)
bad_rows[bad_index]["ReceivedDate"] = "2023-02-30"
bad = os.path.join(work, "bad.csv")
write(bad, bad_rows)
result = t.run("import-cases", "E06000002", SMALL, "E06000001", bad, db=db)
checks.equal(result.returncode, 1, "a bad second file fails the import")
checks.equal(result.stderr.strip(),
             "sendlens: import-cases: %s:%d:ReceivedDate: not a date that exists, written "
             "YYYY-MM-DD" % (bad, bad_index + 3),
             "one line naming the second file, its line (past the reader's ring) and column")
checks.equal(t.query(db, "SELECT * FROM case_import ORDER BY id"), before,
             "both areas' earlier imports are as they were")
checks.equal(t.query(db, "SELECT count(*), sum(line) FROM case_request"), before_rows,
             "and their records")

# A RequestID repeated 12,000 lines after its first row (batches ago).
repeat_rows = [dict(row) for row in big_rows]
repeat_index = request_at(12000)
repeat_rows[repeat_index]["RequestID"] = "REQ-000010"
repeated = os.path.join(work, "repeated.csv")
write(repeated, repeat_rows)
first_line = next(i + 3 for i, row in enumerate(big_rows) if row["RequestID"] == "REQ-000010")
result = t.run("import-cases", "E06000003", repeated, db=db)
checks.equal(result.stderr.strip(),
             "sendlens: import-cases: %s:%d:RequestID: the same RequestID as the request on "
             "line %d" % (repeated, repeat_index + 3, first_line),
             "a repeated RequestID names the line of the first")
checks.check("REQ-" not in result.stderr and "CHILD-" not in result.stderr,
             "no identifier in the message")
checks.equal(t.query(db, "SELECT count(*) FROM case_import WHERE area = 'E06000003'"), [(0,)],
             "nothing of it is stored")

# The same area twice, and a FILE missing from the pairs.
result = t.run("import-cases", "E06000004", SMALL, "E06000004", big, db=db)
checks.equal((result.returncode, result.stderr.strip()),
             (1, "sendlens: import-cases: %s: area E06000004 is given twice (also for %s)"
              % (big, SMALL)), "an area given twice is refused")
checks.equal(t.query(db, "SELECT count(*) FROM case_import WHERE area = 'E06000004'"), [(0,)],
             "and nothing is stored")
result = t.run("import-cases", "E06000004", SMALL, "E06000005", db=db)
checks.check(result.returncode == 2 and "a FILE is missing" in result.stderr,
             "an odd number of arguments is a usage error: " + result.stderr)
result = t.run("import-cases", "--help")
checks.check("AREA FILE [AREA FILE...]" in result.stdout and "each area once" in result.stdout,
             "--help shows the pairs: " + result.stdout)

checks.equal(t.integrity(db), "ok", "the database is intact")
checks.done()
