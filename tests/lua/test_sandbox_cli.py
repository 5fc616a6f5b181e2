"""Untrusted Lua through the CLI: each attempt to escape or exhaust the
sandbox fails cleanly (file and line in the message, exit 1, the database
file unchanged, within seconds), and one failing script among several does
not stop the others."""

import hashlib
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "store.db")
checks.equal(t.run("load", "fixture_full", db=db, plugins=[t.TEST_PLUGINS]).returncode, 0, "load")


def digest():
    return hashlib.sha256(open(db, "rb").read()).hexdigest()


def script(name, text):
    path = os.path.join(work, name)
    with open(path, "w") as handle:
        handle.write(text)
    return path


HOSTILE = {
    "os_execute.lua": ("local x = 1\nos.execute('touch %s/pwned')\n" % work, 2, "execute"),
    "io_open.lua": ("io.open('/etc/passwd')\n", 1, "io"),
    "require.lua": ("\n\nrequire('os')\n", 3, "require"),
    "dofile.lua": ("dofile('/etc/passwd')\n", 1, "dofile"),
    "bytecode.lua": ("local f, e = load('\\27Lua\\84\\0', 'x', 'b')\n", 1, "only text chunks"),
    "bytecode_default.lua": ("assert(load('\\27LuaT\\0\\25\\147'))\n", 1, "attempt to load a binary chunk"),
    "memory.lua": ("local s = string.rep('x', 1 << 30)\n", 1, "memory limit exceeded"),
    "table_memory.lua": ("local t = {}\nfor i = 1, 1e10 do t[i] = i end\n", 2, "memory limit exceeded"),
    "loop.lua": ("\nwhile true do end\n", 2, "instruction budget exceeded"),
    "recursion.lua": ("local function f(n) return f(n + 1) + 1 end\nf(1)\n", 1, ""),
    "insert.lua": ("sendlens.sql(\"INSERT INTO theme VALUES('x', 'y', 'z')\")\n", 1, "not authorized"),
    "delete.lua": ("sendlens.sql('DELETE FROM area')\n", 1, "not authorized"),
    "drop.lua": ("sendlens.value('DROP TABLE area')\n", 1, "not authorized"),
    "attach.lua": ("sendlens.sql(\"ATTACH DATABASE '%s/other.db' AS other\")\n" % work, 1, "not authorized"),
    "pragma.lua": ("sendlens.sql('PRAGMA writable_schema = 1')\n", 1, "not authorized"),
    "temp.lua": ("sendlens.sql('CREATE TEMP TABLE x(y)')\n", 1, "not authorized"),
    "begin.lua": ("sendlens.sql('BEGIN IMMEDIATE')\n", 1, "not authorized"),
    "commit.lua": ("\nsendlens.value('COMMIT')\n", 2, "not authorized"),
    "two_statements.lua": ("sendlens.sql('SELECT 1; DELETE FROM area')\n", 1, "one statement at a time"),
    "collectgarbage.lua": ("collectgarbage('stop')\n", 1, "only \"count\""),
}
before = digest()
for name, (text, line, words) in HOSTILE.items():
    path = script(name, text)
    started = time.time()
    result = t.run("run", path, "--max-memory", "32", "--max-instructions", "20000000", db=db)
    elapsed = time.time() - started
    lines = result.stderr.strip().splitlines()
    checks.equal(result.returncode, 1, name + ": exit code")
    checks.equal(len(lines), 1, name + ": one line (%r)" % lines)
    checks.check("%s:%d:" % (name, line) in result.stderr,
                 "%s: names file and line %d: %r" % (name, line, result.stderr))
    checks.check(words in result.stderr, "%s: says %r: %r" % (name, words, result.stderr))
    checks.check(elapsed < 15, "%s: done in %.1f s" % (name, elapsed))
    checks.equal(digest(), before, name + ": database file unchanged")
checks.check(not os.path.exists(os.path.join(work, "pwned")), "os.execute ran nothing")

# A wall-clock limit on SQL that runs long inside SQLite.
slow = script("slow_sql.lua", "sendlens.value([[WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
              "SELECT x + 1 FROM c) SELECT count(*) FROM c]])\n")
started = time.time()
result = t.run("run", slow, "--max-seconds", "1", db=db)
checks.check(result.returncode == 1 and "slow_sql.lua:1:" in result.stderr and
             "time limit" in result.stderr, "slow SQL stopped: %r" % result.stderr)
checks.check(time.time() - started < 10, "slow SQL stopped within seconds")

# What a script may do: read, and print.
good = script("good.lua", "for _, a in ipairs(sendlens.areas()) do print(a.code, a.name) end\n"
              "print(sendlens.value('SELECT count(*) FROM weakness WHERE progress = ?', 'insufficient'))\n"
              "print(sendlens.area('E99999991').count('action'))\n")
result = t.run("run", good, db=db)
checks.equal(result.returncode, 0, "a reading script runs: " + result.stderr)
checks.equal(result.stdout.split("\n")[:3], ["E99999991\tTestshire", "1", "4"], "its output")

# Indicators: the middle script of three fails; the others are computed.
first = script("a_first.lua", "VERSION = '3'\nindicator { id = 'first_one', title = 'First', "
               "unit = 'count', direction = 'up', compute = function(ctx) return ctx.count('action') end }\n")
middle = script("b_middle.lua", "indicator { id = 'middle_one', title = 'Middle', unit = 'count', "
                "direction = 'up', compute = function(ctx)\n  error('broken on purpose')\nend }\n")
last = script("c_last.lua", "indicator { id = 'last_one', title = 'Last', unit = 'count', "
              "direction = 'down', compute = function(ctx) return ctx.count('weakness') end }\n")
result = t.run("indicators", first, middle, last, "--json", db=db)
checks.equal(result.returncode, 1, "a failing script makes the run exit 1")
checks.check("b_middle.lua:2: broken on purpose" in result.stderr, "its line: " + result.stderr)
import json  # noqa: E402
import sqlite3  # noqa: E402

ids = [i["id"] for i in json.loads(result.stdout)]
checks.equal(ids, ["first_one", "last_one"], "the others were computed")
connection = sqlite3.connect(db)
rows = connection.execute("SELECT indicator, value, script_version FROM indicator_result "
                          "WHERE indicator IN ('first_one', 'middle_one', 'last_one') "
                          "ORDER BY indicator").fetchall()
connection.close()
checks.equal(rows, [("first_one", 4.0, "3"), ("last_one", 2.0, "unversioned")],
             "results stored with their script's version; none of the failed one")
bad_decl = script("bad_decl.lua", "indicator { id = 'x', title = 'X', unit = 'u',\n"
                  "  direction = 'sideways', compute = function() end }\n")
result = t.run("indicators", bad_decl, db=db)
checks.check(result.returncode == 1 and "bad_decl.lua:1:" in result.stderr and "sideways" in result.stderr,
             "a bad declaration names its line: " + result.stderr)
checks.done()
