"""Every table and listing fits the width it is given (COLUMNS=40, 60 and
80): no line longer than the width in code points, and every code or id
the store holds (area codes, theme ids, refs, indicator ids, plugin
names) printed whole on one line, never cut by a wrap. The codes are read
from the store, not from the program's output: a wrap that cuts
"E10000028" or "multiagency_contribution" leaves no whole copy on any
line."""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "width.db")
WIDTHS = (40, 60, 80)

result = t.run("load", db=db)
checks.equal(result.returncode, 0, "load the bundled areas: " + result.stderr)
AREAS = [row[0] for row in t.query(db, "SELECT code FROM area ORDER BY code")]
checks.equal(len(AREAS), 3, "three bundled areas")

# Made-up case records for each bundled area, so `indicators` has a column
# per area and a row per quarter.
cases = os.path.join(work, "cases")
subprocess.run([sys.executable, os.path.join(t.SOURCE_DIR, "tools", "gen-cases"), "--out", cases,
                "--area-codes", ",".join(AREAS), "--years", "1", "--requests", "150"],
               check=True, capture_output=True)
arguments = []
for code in AREAS:
    arguments += [code, os.path.join(cases, code + ".csv")]
result = t.run("import-cases", *arguments, db=db)
checks.equal(result.returncode, 0, "import-cases: " + result.stderr)
result = t.run("indicators", db=db)
checks.equal(result.returncode, 0, "indicators: " + result.stderr)

REF_SQL = " UNION ".join(
    "SELECT x.ref FROM %s x JOIN fact f ON f.id = x.id WHERE f.area = ?1 AND x.ref IS NOT NULL"
    % kind for kind in ("weakness", "concern", "action", "measure"))
THEMES_SQL = ("SELECT DISTINCT a.theme FROM theme_assignment a JOIN fact f ON f.id = a.fact "
              "WHERE f.area = ?1")


def whole(code, lines):
    """Whether code stands whole on a line: not inside a longer word."""
    pattern = re.compile(r"(?<![\w.])" + re.escape(code) + r"(?![\w.])")
    return any(pattern.search(line) for line in lines)


def fits(label, args, width, codes):
    result = t.run(*args, db=db, env={"COLUMNS": str(width)})
    checks.equal(result.returncode, 0, "%s at %d runs: %s" % (label, width, result.stderr))
    lines = result.stdout.split("\n")
    long = [line for line in lines if len(line) > width]
    checks.check(not long, "%s: no line wider than %d: %r" % (label, width, long[:3]))
    # A code wider than the whole line cannot stand on one.
    cut = [code for code in codes if len(code) < width and not whole(code, lines)]
    checks.check(not cut, "%s at %d: every code whole on a line, but not %r" % (label, width, cut))


for width in WIDTHS:
    fits("areas", ["areas"], width, AREAS)
    fits("plugins", ["plugins"], width,
         AREAS + [row[0] for row in t.query(db, "SELECT plugin FROM area")])
    themes = [row[0] for row in t.query(db, "SELECT DISTINCT theme FROM theme_assignment")]
    fits("compare", ["compare"], width, themes)
    fits("compare --gaps", ["compare", "--gaps"], width, AREAS)
    indicators = [row[0] for row in t.query(db, "SELECT DISTINCT indicator FROM indicator_result")]
    fits("indicators", ["indicators"], width, indicators + AREAS)
    for code in AREAS:
        refs = [row[0] for row in t.query(db, REF_SQL, code)]
        ids = [row[0] for row in t.query(db, THEMES_SQL, code)]
        fits("show " + code, ["show", code], width, [code] + refs + ids)
    for theme in themes:
        refs = [row[0] for row in t.query(
            db, "SELECT x.ref FROM theme_assignment a JOIN weakness x ON x.id = a.fact "
            "WHERE a.theme = ?1 AND x.ref IS NOT NULL UNION "
            "SELECT x.ref FROM theme_assignment a JOIN concern x ON x.id = a.fact "
            "WHERE a.theme = ?1 AND x.ref IS NOT NULL", theme)]
        fits("compare --theme " + theme, ["compare", "--theme", theme], width, [theme] + refs)

checks.done()
