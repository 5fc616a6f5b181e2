"""Text from an untrusted source never carries a control character to a
terminal or an output (issue 15: "every text is valid UTF-8 with no control
characters other than newline and tab"): an indicator script's title or
note with an escape sequence fails the script, naming the field, and stores
nothing; a progress-return cell with one is refused with its file, row and
column, and stores nothing."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "text.db")
checks.equal(t.run("load", "worcestershire", db=db).returncode, 0, "load")

SCRIPTS = {
    "title": 'indicator{ id = "evil_title", title = "Evil\\27]0;owned\\7", unit = "count", '
             'direction = "up", compute = function(ctx) return 1 end }\n',
    "note": 'indicator{ id = "evil_note", title = "Fine", unit = "count", direction = "up", '
            'compute = function(ctx) return 1, "red \\27[31m" end }\n',
    "breakdown": 'indicator{ id = "evil_breakdown", title = "Fine", unit = "count", '
                 'direction = "up", compute = function(ctx) return {["a\\194\\155b"] = 1} end }\n',
}
for field, source in SCRIPTS.items():
    path = os.path.join(work, "evil_%s.lua" % field)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(source)
    result = t.run("indicators", path, db=db)
    checks.equal(result.returncode, 1, field + ": the script fails")
    checks.check("\x1b" not in result.stdout + result.stderr and "\x07" not in result.stderr
                 and "\xc2\x9b" not in result.stderr and "\u009b" not in result.stderr,
                 field + ": nothing of it reaches the terminal")
    checks.check("control character" in result.stderr and "evil_%s.lua" % field in result.stderr,
                 field + ": the error names the script and the character: %r" % result.stderr)
    stored = t.query(db, "SELECT count(*) FROM indicator_result WHERE indicator = ?",
                     "evil_" + field)[0][0]
    checks.equal(stored, 0, field + ": nothing stored")

# A clean script beside them still runs: the check refuses text, not scripts.
clean = os.path.join(work, "clean.lua")
with open(clean, "w", encoding="utf-8") as handle:
    handle.write('indicator{ id = "clean", title = "Caf\\u{E9}\\tfine", unit = "count", '
                 'direction = "up", compute = function(ctx) return 1, "line\\nbreak" end }\n')
checks.equal(t.run("indicators", clean, db=db).returncode, 0, "a clean script with tab, newline, é")

# A progress return's cell with an escape sequence (its row starts on line 4:
# the cell before it holds a line break).
before = t.query(db, "SELECT count(*) FROM progress_return")[0][0]
ret = os.path.join(work, "return.csv")
with open(ret, "w", encoding="utf-8", newline="") as handle:
    handle.write('Period,Ref,Kind,Status,Value,Note\r\n'
                 '2024-Q2,1/1,action,completed,,"fine, \xe9t\xe9\nsecond line"\r\n'
                 '2024-Q2,1/2,action,completed,,"bad \x1b[2J note"\r\n')
result = t.run("import-progress", "worcestershire", ret, db=db)
checks.equal(result.returncode, 1, "progress return: refused")
checks.check("return.csv:4:6: a control character (U+001B)" in result.stderr,
             "progress return: the file, row and column: %r" % result.stderr)
checks.check("\x1b" not in result.stderr, "progress return: the character is not echoed")
checks.equal(t.query(db, "SELECT count(*) FROM progress_return")[0][0], before,
             "progress return: nothing stored")
checks.done()
