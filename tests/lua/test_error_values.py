"""A script that raises an error with a value that is not a message
(error({}), error(nil), a table with __tostring) is reported at its file and
line, naming the value's type, never printing an address of the process
(issue 15)."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "errors.db")
checks.equal(t.run("load", "walsall", db=db).returncode, 0, "load")
CASES = [
    ("table.lua", "local x = 1\nerror({code = 3})\n", "table.lua:2: error raised with a table value"),
    ("nil.lua", "error(nil)\n", "nil.lua:1: error raised with a nil value"),
    ("deep.lua", "local function f()\n  error(setmetatable({}, {__tostring = function() "
                 "return 'x' end}))\nend\nf()\n", "deep.lua:2: error raised with a table value"),
    ("message.lua", "\nerror('plain')\n", "message.lua:2: plain"),
]
for name, text, expected in CASES:
    path = os.path.join(work, name)
    with open(path, "w") as out:
        out.write(text)
    result = t.run("run", path, db=db)
    checks.equal(result.returncode, 1, name + ": fails")
    checks.check(expected in result.stderr, name + ": %r in %r" % (expected, result.stderr))
    checks.check("0x" not in result.stderr, name + ": no address printed")
checks.done()
