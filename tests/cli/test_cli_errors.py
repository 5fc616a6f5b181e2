"""The command line's help and errors, for every command of the table in
core/main.c (read from the source, so a command added there is checked
too):

- `sendlens help` lists every command; `sendlens help COMMAND` prints the
  same text as `sendlens COMMAND --help`, which has an example that names
  the command; an unknown command is one line and exit 2;
- a bad option, and bad input (a missing file, an unknown area), give one
  line on stderr that starts `sendlens: COMMAND: `;
- an Excel workbook given to a command that reads CSV is named as one
  ("this is an Excel workbook (XLSX); save it as CSV UTF-8 first"), and
  nothing is stored.
"""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "errors.db")
missing = os.path.join(work, "no-such-file.csv")

with open(os.path.join(t.SOURCE_DIR, "core", "main.c"), encoding="utf-8") as file:
    COMMANDS = re.findall(r'\.name = "([a-z-]+)"', file.read())
checks.check(len(COMMANDS) >= 12, "the command table read from core/main.c: %r" % COMMANDS)

# ---- help ----
listing = t.run("help")
checks.equal(listing.returncode, 0, "sendlens help")
listed = re.findall(r"^  ([a-z-]+)  ", listing.stdout.split("\ncommands:\n")[-1], re.M)
checks.equal(sorted(listed), sorted(COMMANDS), "sendlens help lists every command of the table")
checks.equal(t.run("--help").stdout, listing.stdout, "sendlens help is sendlens --help")
for command in COMMANDS:
    own = t.run(command, "--help")
    via = t.run("help", command)
    checks.check(own.returncode == 0 and via.returncode == 0, command + ": both helps succeed")
    checks.equal(via.stdout, own.stdout, "help %s is %s --help" % (command, command))
    example = own.stdout.split("\nexample:\n", 1)
    checks.check(len(example) == 2 and ("  sendlens %s" % command) in example[1].replace(
        "sendlens --plugins ./my-areas ", "sendlens "),
        "%s --help has an example of the command: %r" % (command, own.stdout[-300:]))
    checks.check(all(len(line) <= 80 for line in own.stdout.splitlines()),
                 command + " --help: no line wider than 80")
unknown = t.run("help", "frobnicate")
checks.equal(unknown.returncode, 2, "help of an unknown command: exit 2")
checks.check(unknown.stderr.count("\n") == 1 and
             unknown.stderr.startswith("sendlens: help: unknown command 'frobnicate'"),
             "help of an unknown command: one line: %r" % unknown.stderr)

# ---- every error line starts "sendlens: COMMAND: " ----
result = t.run("load", "walsall", db=db)
checks.equal(result.returncode, 0, "load walsall: " + result.stderr)


def one_error(label, command, args, code):
    result = t.run(command, *args, db=db)
    checks.equal(result.returncode, code, "%s: exit %d (%s)" % (label, code, result.stderr))
    lines = result.stderr.splitlines()
    checks.check(len(lines) == 1 and lines[0].startswith("sendlens: %s: " % command),
                 "%s: one line 'sendlens: %s: ...': %r" % (label, command, result.stderr))


for command in COMMANDS:
    one_error(command + " --no-such-option", command, ["--no-such-option"], 2)

script = os.path.join(work, "no-such-script.lua")
BAD_INPUT = {
    "plugins": [["an extra argument"]],
    "load": [["nowhere"]],
    "import-progress": [["walsall", missing], ["nowhere", missing]],
    "import-cases": [["walsall", missing], ["nowhere", missing]],
    "import-statistics": [[missing]],
    "areas": [["an extra argument"]],
    "show": [["nowhere"], []],
    "compare": [["--theme", "no_such_theme"], ["--indicators", "--group", missing]],
    "export": [["--format", "json", "-o", os.path.join(work, "no", "dir", "x.json")],
               ["--format", "yaml"]],
    "indicators": [[script]],
    "run": [[script]],
    "check-plugin": [[os.path.join(work, "no-such-plugin.so")]],
    "help": [["frobnicate"]],
}
for command in COMMANDS:
    for args in BAD_INPUT.get(command, []):
        # A missing file or unknown area fails (1); a word too many or an
        # unknown value of an option is a usage error (2).
        usage = not args or args[0] in ("an extra argument", "--theme", "frobnicate") or \
            args[-1] == "yaml"
        one_error("%s %s" % (command, " ".join(args)), command, args, 2 if usage else 1)
result = t.run("areas", db=os.path.join(work, "none", "x.db"))
checks.check(result.stderr.startswith("sendlens: areas: ") and result.stderr.count("\n") == 1,
             "a database that cannot be opened: 'sendlens: areas: ...': %r" % result.stderr)

# ---- a workbook given to a CSV command ----
workbook = os.path.join(work, "cases.xlsx")
result = t.run("export", "--format", "xlsx", "-o", workbook, db=db)
checks.equal(result.returncode, 0, "an XLSX file to give: " + result.stderr)
with open(workbook, "rb") as file:
    checks.equal(file.read(4), b"PK\x03\x04", "the workbook is a zip")
disguised = os.path.join(work, "cases.csv")
with open(workbook, "rb") as source, open(disguised, "wb") as copy:
    copy.write(source.read())
XLSX = "this is an Excel workbook (XLSX)"


def counts():
    return t.query(db, "SELECT (SELECT count(*) FROM case_import), (SELECT count(*) FROM "
                   "case_request), (SELECT count(*) FROM stat_file), (SELECT count(*) FROM stat_row)")


before = counts()
for path in (workbook, disguised):
    for command, args in (("import-cases", ["walsall", path]), ("import-statistics", [path]),
                          ("compare", ["--indicators", "--group", path])):
        result = t.run(command, *args, db=db)
        expected = "sendlens: %s: %s: %s" % (command, path, XLSX)
        checks.check(result.returncode == 1 and result.stderr.startswith(expected) and
                     "save it as CSV UTF-8 first" in result.stderr and
                     result.stderr.count("\n") == 1,
                     "%s %s: %r" % (command, os.path.basename(path), result.stderr))
checks.equal(counts(), before, "nothing stored from a workbook")
checks.done()
