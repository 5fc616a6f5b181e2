"""import-cases refuses a bad case file with one line naming the file, the
line and the column, never quoting a cell (a cell may hold a child's
identifier), and stores nothing of it: every rule of docs/data-model.md,
and a file bad only in its last row."""

import csv
import io
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

SMALL = os.path.join(t.SOURCE_DIR, "tests", "data", "cases", "ehc_small.csv")
AREA = "E06000099"
COMMENT, HEADER, *ROWS = open(SMALL, encoding="utf-8").read().splitlines()
COLUMNS = HEADER.split(",")
IDS = [cell for row in csv.reader(ROWS) for cell in row[1:3]]


def line_of(request, module="request"):
    """The file line of a request (or review) row, by its RequestID."""
    for i, row in enumerate(csv.reader(ROWS)):
        if row[0] == module and row[2] == request:
            return i + 3
    raise KeyError(request)


def edit(request, column, value, module="request", also=None):
    """The file with one cell of one row changed (and the cells of also)."""
    rows = [row for row in csv.reader(ROWS)]
    row = rows[line_of(request, module) - 3]
    for name, cell in [(column, value)] + list((also or {}).items()):
        row[COLUMNS.index(name)] = cell
    return write_rows(rows)


def write_rows(rows, header=HEADER):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(rows)
    return COMMENT + "\n" + header + "\n" + out.getvalue()


checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "cases.db")
result = t.run("import-cases", AREA, SMALL, db=db)
checks.equal(result.returncode, 0, "the good file imports: " + result.stderr)
before_export = t.export_text(db)[1]
before_rows = t.query(db, "SELECT * FROM case_request ORDER BY id")
before_import = t.query(db, "SELECT * FROM case_import")

rows = [row for row in csv.reader(ROWS)]
CASES = [
    ("empty PersonID", edit("REQ-ZK-0002", "PersonID", ""), line_of("REQ-ZK-0002"), "PersonID",
     "empty"),
    ("empty RequestID", edit("REQ-ZK-0002", "RequestID", ""), line_of("REQ-ZK-0002"),
     "RequestID", "empty"),
    ("a day that does not exist", edit("REQ-ZK-0003", "ReceivedDate", "2023-02-29"),
     line_of("REQ-ZK-0003"), "ReceivedDate", "not a date that exists"),
    ("a date not in ISO form", edit("REQ-ZK-0003", "ReceivedDate", "03/01/2023"),
     line_of("REQ-ZK-0003"), "ReceivedDate", "written YYYY-MM-DD"),
    ("no ReceivedDate", edit("REQ-ZK-0004", "ReceivedDate", ""), line_of("REQ-ZK-0004"),
     "ReceivedDate", "empty (a date is required)"),
    ("unknown outcome", edit("REQ-ZK-0005", "RequestOutcome", "approved"),
     line_of("REQ-ZK-0005"), "RequestOutcome", "not one of assess, refused, withdrawn"),
    ("outcome without date", edit("REQ-ZK-0015", "RequestOutcomeDate", ""),
     line_of("REQ-ZK-0015"), "RequestOutcomeDate", "empty, but the outcome is given"),
    ("date without outcome", edit("REQ-ZK-0017", "RequestOutcomeDate", "2023-03-30"),
     line_of("REQ-ZK-0017"), "RequestOutcomeDate", "given, but there is no outcome"),
    ("assessment of a refused request",
     edit("REQ-ZK-0015", "AssessmentOutcome", "no_plan",
          also={"AssessmentOutcomeDate": "2023-04-01"}),
     line_of("REQ-ZK-0015"), "AssessmentOutcome", "RequestOutcome is not assess"),
    ("unknown assessment outcome", edit("REQ-ZK-0011", "AssessmentOutcome", "maybe"),
     line_of("REQ-ZK-0011"), "AssessmentOutcome", "not one of plan, no_plan, withdrawn"),
    ("assessment outcome without date", edit("REQ-ZK-0011", "AssessmentOutcomeDate", ""),
     line_of("REQ-ZK-0011"), "AssessmentOutcomeDate", "empty, but the outcome is given"),
    ("StartDate without a plan", edit("REQ-ZK-0011", "StartDate", "2023-05-01"),
     line_of("REQ-ZK-0011"), "StartDate", "AssessmentOutcome is not plan"),
    ("Week20 not 0 or 1", edit("REQ-ZK-0006", "Week20", "yes"), line_of("REQ-ZK-0006"),
     "Week20", "not 1, 0 or empty"),
    ("CeaseDate without StartDate", edit("REQ-ZK-0009", "CeaseDate", "2024-01-01"),
     line_of("REQ-ZK-0009"), "CeaseDate", "no StartDate"),
    ("CeaseReason without StartDate", edit("REQ-ZK-0010", "CeaseReason", "moved_away"),
     line_of("REQ-ZK-0010"), "CeaseReason", "no StartDate"),
    ("review date on a request row", edit("REQ-ZK-0006", "ReviewDueDate", "2024-01-01"),
     line_of("REQ-ZK-0006"), "ReviewDueDate", "must be empty on a request row"),
    ("request date on a review row", edit("REQ-ZK-0003", "ReceivedDate", "2023-01-03", "review"),
     line_of("REQ-ZK-0003", "review"), "ReceivedDate", "must be empty on a review row"),
    ("review without a due date", edit("REQ-ZK-0005", "ReviewDueDate", "", "review"),
     line_of("REQ-ZK-0005", "review"), "ReviewDueDate", "empty (a date is required)"),
    ("review held on no date", edit("REQ-ZK-0005", "ReviewHeldDate", "soon", "review"),
     line_of("REQ-ZK-0005", "review"), "ReviewHeldDate", "not a date"),
    ("unknown module", edit("REQ-ZK-0006", "Module", "plan"), line_of("REQ-ZK-0006"), "Module",
     "not request or review"),
    ("an identifier where the module goes", edit("REQ-ZK-0006", "Module", "CHILD-QX-0006"),
     line_of("REQ-ZK-0006"), "Module", "not request or review"),
    ("duplicate RequestID", edit("REQ-ZK-0003", "RequestID", "REQ-ZK-0002"),
     line_of("REQ-ZK-0003"), "RequestID",
     "the same RequestID as the request on line %d" % line_of("REQ-ZK-0002")),
    ("review of a plan never issued", edit("REQ-ZK-0004", "RequestID", "REQ-ZK-0009", "review"),
     line_of("REQ-ZK-0004", "review"), "RequestID",
     "no request row in the file has this RequestID and a StartDate"),
    ("review of no request", edit("REQ-ZK-0004", "RequestID", "REQ-ZK-9999", "review"),
     line_of("REQ-ZK-0004", "review"), "RequestID", "no request row"),
    ("a header column renamed", write_rows(rows, HEADER.replace("ReceivedDate", "Received")),
     2, "ReceivedDate", "header column 4 must be ReceivedDate"),
    ("a header column missing", write_rows([r[:-1] for r in rows], HEADER.rsplit(",", 1)[0]),
     2, "ReviewHeldDate", "missing from the header"),
    ("an extra column", write_rows([r + ["2010-01-01"] for r in rows], HEADER + ",DateOfBirth"),
     2, "column 16", "never names or dates of birth"),
    ("a row with a cell too many", write_rows(rows[:5] + [rows[5] + [""]] + rows[6:]), 8, "-",
     "16 cells, but the header has 15"),
    ("no header", COMMENT + "\n", 1, "-", "no header row"),
    ("free text for a code", edit("REQ-ZK-0002", "RequestSource", "referred by " + "x" * 40),
     line_of("REQ-ZK-0002"), "RequestSource", "longer than 40 characters"),
    ("an identifier too long", edit("REQ-ZK-0002", "PersonID", "P" * 101), line_of("REQ-ZK-0002"),
     "PersonID", "longer than 100 characters"),
]

for name, text, line, column, message in CASES:
    path = os.path.join(work, "bad.csv")
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)
    result = t.run("import-cases", AREA, path, db=db)
    checks.equal(result.returncode, 1, name + ": exit code")
    lines = result.stderr.splitlines()
    checks.equal(len(lines), 1, name + ": one line")
    expected = "sendlens: import-cases: %s:%d:%s: " % (path, line, column)
    checks.check(lines and lines[0].startswith(expected) and message in lines[0],
                 "%s: %r, expected %r ... %r" % (name, result.stderr, expected, message))
    leaked = [i for i in IDS if i in result.stderr]
    checks.equal(leaked, [], name + ": no identifier in the message")

# A CSV that breaks RFC 4180 is refused by the reader, with its line.
path = os.path.join(work, "quote.csv")
with open(path, "w") as file:
    file.write(COMMENT + "\n" + HEADER + "\n" + "\n".join(ROWS[:3]) + '\nrequest,"CHILD\n')
result = t.run("import-cases", AREA, path, db=db)
checks.check(result.returncode == 1 and ("%s:6:" % path) in result.stderr
             and "never closed" in result.stderr, "unclosed quote: " + result.stderr)

# A file bad only in its last row: nothing of it is stored.
path = os.path.join(work, "last.csv")
with open(path, "w") as file:
    file.write(open(SMALL).read() + "request,CHILD-QX-0099,REQ-ZK-0099,2023-13-01,,,,,,,,,,,\n")
result = t.run("import-cases", AREA, path, db=db)
checks.check(result.returncode == 1 and ":%d:ReceivedDate:" % (len(ROWS) + 3) in result.stderr,
             "the last row is refused: " + result.stderr)

# After every refusal the store is as the good import left it.
checks.equal(t.query(db, "SELECT * FROM case_request ORDER BY id"), before_rows,
             "the stored requests are unchanged")
checks.equal(t.query(db, "SELECT * FROM case_import"), before_import, "the import is unchanged")
checks.check(t.export_text(db)[1] == before_export, "export before and after identical")

# A refused first import leaves no trace either (no import row, no rows).
fresh = os.path.join(work, "fresh.db")
result = t.run("import-cases", AREA, path, db=fresh)
checks.equal(result.returncode, 1, "refused into an empty database")
checks.equal(t.query(fresh, "SELECT count(*) FROM case_import")[0][0] +
             t.query(fresh, "SELECT count(*) FROM case_request")[0][0], 0, "nothing stored")

# A leap day that exists is a date.
leap = os.path.join(work, "leap.csv")
with open(leap, "w") as file:
    file.write(edit("REQ-ZK-0017", "ReceivedDate", "2024-02-29"))
result = t.run("import-cases", AREA, leap, db=os.path.join(work, "leap.db"))
checks.equal(result.returncode, 0, "2024-02-29 is a date: " + result.stderr)

checks.done()
