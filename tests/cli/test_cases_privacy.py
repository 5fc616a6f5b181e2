"""Person-level records stay pseudonymous: no PersonID or RequestID of the
file appears in the database's bytes, in any export format or in an error
message; the salt differs between databases and is kept within one; Lua
scripts cannot read it; the database file is its owner's alone."""

import csv
import os
import sys
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

SMALL = os.path.join(t.SOURCE_DIR, "tests", "data", "cases", "ehc_small.csv")
EHC = os.path.join(t.SOURCE_DIR, "scripts", "indicators", "ehc.lua")
AREA = "E06000099"
with open(SMALL, encoding="utf-8") as file:
    ROWS = list(csv.reader(line for line in file if not line.startswith("#")))[1:]
IDS = sorted({cell for row in ROWS for cell in row[1:3]})


def keys(database):
    return t.query(database, "SELECT line, person, request FROM case_request ORDER BY line")


def leaked(data, what):
    """The identifiers found in bytes (as text: whole, or the digits that
    make each one unique)."""
    found = [i for i in IDS if i.encode() in data or i.split("-")[-1].encode() + b"," in data]
    return checks.equal(found, [], what + ": no identifier")


checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "one.db")
other = os.path.join(work, "two.db")
for database in (db, other):
    result = t.run("import-cases", AREA, SMALL, db=database)
    checks.equal(result.returncode, 0, "import: " + result.stderr)
    checks.equal(os.stat(database).st_mode & 0o777, 0o600, "mode 0600")

# Keys: 64-bit integers; the same PersonID gives one key within a database
# and a different one in another; a re-import keeps them.
first = keys(db)
checks.check(all(isinstance(p, int) and isinstance(r, int) for _, p, r in first),
             "keys are integers")
checks.equal(len({p for _, p, _ in first}), 17, "17 children, 17 keys")
checks.check(all(a[1] != b[1] and a[2] != b[2] for a, b in zip(first, keys(other))),
             "two databases give different keys for the same identifiers")
result = t.run("import-cases", AREA, SMALL, db=db)
checks.equal(keys(db), first, "a re-import gives the same keys")
salt = t.query(db, "SELECT salt FROM case_secret")
checks.check(len(salt) == 1 and len(salt[0][0]) == 32, "one 32-byte salt")

# Indicators, then every export: no identifier anywhere, nor the salt.
result = t.run("indicators", EHC, db=db)
checks.equal(result.returncode, 0, "indicators: " + result.stderr)
leaked(result.stdout.encode(), "indicators listing")
leaked(open(db, "rb").read(), "the database file")
checks.check(not os.path.exists(db + "-journal"), "no journal left behind")
result = t.run("export", "--format", "json", db=db)
leaked(result.stdout.encode(), "export json")
checks.check(salt[0][0].hex().encode() not in result.stdout.encode(), "no salt in export json")
csv_dir = os.path.join(work, "csv")
t.run("export", "--format", "csv", "-o", csv_dir, db=db)
everything = b"".join(open(os.path.join(csv_dir, name), "rb").read()
                      for name in sorted(os.listdir(csv_dir)))
checks.check(b"ehc_small.csv" in everything, "csv written, with the imported file named")
leaked(everything, "export csv")
book = os.path.join(work, "cases.xlsx")
t.run("export", "--format", "xlsx", "-o", book, db=db)
with zipfile.ZipFile(book) as archive:
    leaked(b"".join(archive.read(name) for name in archive.namelist()), "export xlsx")
result = t.run("export", "--format", "html", db=db)
leaked(result.stdout.encode(), "export html")

# Error messages: a PersonID in every column a mistake could put it in.
for column in range(15):
    row = ["request", "CHILD-QX-0001", "REQ-ZK-0001", "2023-01-02"] + [""] * 11
    row[column] = "CHILD-QX-0001"
    path = os.path.join(work, "bad%d.csv" % column)
    with open(path, "w") as file:
        file.write(open(SMALL).read().split("\n", 2)[1] + "\n" + ",".join(row) + "\n")
    result = t.run("import-cases", AREA, path, db=os.path.join(work, "errors.db"))
    if result.returncode:
        leaked(result.stderr.encode(), "error with an identifier in column %d" % (column + 1))

# The salt is out of reach of Lua: ad-hoc scripts and indicators alike.
def lua(name, text):
    path = os.path.join(work, name)
    with open(path, "w") as file:
        file.write(text)
    return path


result = t.run("run", lua("salt.lua", "print(sendlens.value('SELECT hex(salt) FROM case_secret'))\n"),
               db=db)
checks.check(result.returncode == 1 and "access to case_secret.salt is prohibited" in result.stderr,
             "run: reading case_secret is refused: " + result.stderr + result.stdout)
result = t.run("run", lua("join.lua", "print(sendlens.value("
                          "'SELECT count(*) FROM case_request r JOIN case_secret s'))\n"), db=db)
checks.check(result.returncode == 1 and ("prohibited" in result.stderr
                                         or "not authorized" in result.stderr),
             "run: a join with case_secret is refused: " + result.stderr)
result = t.run("run", lua("count.lua", "print(sendlens.value('SELECT count(*) FROM case_request'))\n"),
               db=db)
checks.equal(result.stdout.strip(), "17", "run: the pseudonymous records are readable")
# ... but not their keys: a script counts records, it never lists or links
# them by child (a silent NULL would count wrong, so the query fails). The
# script sees the tables through views without the keys.
for table in ("case_request", "case_review"):
    for column in ("person", "request"):
        result = t.run("run", lua("keys.lua", "print(sendlens.value("
                                  "'SELECT count(DISTINCT %s) FROM %s'))\n" % (column, table)),
                       db=db)
        checks.check(result.returncode == 1 and
                     "no such column: %s (the pseudonymous keys of case records cannot "
                     "be read)" % column in result.stderr,
                     "run: %s.%s is not readable: %s" % (table, column, result.stderr))
result = t.run("indicators", lua("steal.lua", """
indicator { id = "salt", title = "s", unit = "count", direction = "none",
  counts = function(ctx) return ctx.sql("SELECT salt AS area FROM case_secret") end }
"""), db=db)
checks.check(result.returncode == 1 and "prohibited" in result.stderr,
             "indicators: reading case_secret is refused: " + result.stderr)

# A database others can read is refused for person-level records.
wide = os.path.join(work, "wide.db")
t.run("import-cases", "E06000098", SMALL, db=wide)
os.chmod(wide, 0o644)
result = t.run("import-cases", AREA, SMALL, db=wide)
checks.check(result.returncode == 1 and "mode 0644" in result.stderr and "chmod 600" in
             result.stderr, "a database others can read is refused: " + result.stderr)
checks.equal(t.query(wide, "SELECT area FROM case_import"), [("E06000098",)],
             "nothing more stored there")

checks.done()
