"""The themes x areas matrix never double counts: a weakness or concern
mapped to several themes is marked as shared in each row (with the other
themes it sits under), and a total row counts each weakness, concern,
action and measure of an area once, however many themes it sits under
(issue 13). The totals are checked against the store counted by the test's
own SQL, and Worcestershire, whose workstreams answer several themes each,
shows rows that add up to more than its total."""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
db = os.path.join(t.temp_dir(), "totals.db")
result = t.run("load", db=db)
checks.equal(result.returncode, 0, "load (" + result.stderr + ")")
matrix = json.loads(t.run("compare", "--json", db=db).stdout)
codes = [area["code"] for area in matrix["areas"]]

EXPECTED = """
WITH mapped(id, kind) AS (SELECT DISTINCT f.id, f.kind FROM theme_assignment t
  JOIN fact f ON f.id = t.fact WHERE f.area = ?),
concerns AS (SELECT id FROM mapped WHERE kind = 'concern'),
actions AS (SELECT a.id FROM action a JOIN concerns c ON c.id = a.concern)
SELECT (SELECT count(*) FROM mapped WHERE kind = 'weakness'), (SELECT count(*) FROM concerns),
  (SELECT count(*) FROM actions),
  (SELECT count(DISTINCT m.id) FROM measure m
     WHERE m.parent IN (SELECT id FROM concerns) OR m.parent IN (SELECT id FROM actions))"""

for totals in matrix["totals"]:
    code = totals["area"]
    expected = t.query(db, EXPECTED, code)[0]
    checks.equal((totals["weaknesses"], totals["concerns"], totals["actions"], totals["measures"]),
                 expected, code + ": totals count each fact once")

# Each row's items say which other themes they sit under, as the store does
# (items in the order the plugin emitted them).
assignments = t.query(db, "SELECT f.id, f.area, f.kind, f.seq, t.theme FROM theme_assignment t "
                          "JOIN fact f ON f.id = t.fact")
themes_of = {}
for fact, area, kind, seq, theme in assignments:
    themes_of.setdefault((fact, area, kind, seq), []).append(theme)
for row in matrix["rows"]:
    for cell in row["cells"]:
        for kind in ("weakness", "concern"):
            facts = sorted((seq, sorted(themes)) for (fact, area, k, seq), themes
                           in themes_of.items()
                           if area == cell["area"] and k == kind and row["theme"] in themes)
            expected = [[theme for theme in themes if theme != row["theme"]]
                        for _, themes in facts]
            checks.equal([item["shared_with"] for item in cell[kind + "es" if kind ==
                                                                  "weakness" else kind + "s"]],
                         expected, "%s %s %s: shared with" % (row["theme"], cell["area"], kind))

worcestershire = codes.index("E10000034")
row_concerns = sum(len(row["cells"][worcestershire]["concerns"]) for row in matrix["rows"])
total = matrix["totals"][worcestershire]["concerns"]
checks.check(row_concerns > total,
             "Worcestershire's rows name %d concerns, its total is %d: shared ones counted once"
             % (row_concerns, total))

text = t.run("compare", db=db, env={"COLUMNS": "120"}).stdout
lines = text.splitlines()
total_line = [line for line in lines if line.startswith("total (each once)")]
checks.equal(len(total_line), 1, "the terminal has one total row")
checks.check(total_line and "C%d " % total in total_line[0].split("W")[-1] or False,
             "the total row has Worcestershire's concerns once: %r" % total_line)
checks.check(any(line.startswith("quality_assurance_data") and "C1*" in line for line in lines),
             "a shared concern is marked * in the terminal")
html = t.run("export", "--format", "html", db=db).stdout
checks.check("(also under Quality of EHC plans, Multi-agency contribution)" in html or
             "(also under Multi-agency contribution, Quality of EHC plans)" in html,
             "the page names a shared concern's other themes by title")
checks.check("<tfoot><tr><th scope=\"row\">Total, each counted once</th>" in html and
             "%d concerns" % total in html.split("<tfoot>")[1],
             "the page's matrix has the total row, Worcestershire's concerns once")
checks.done()
