"""Mapping rules are not title-only (issue 13): a concern whose title says
nothing of a theme still gets it when its actions or measures do, and the
reason names the action or measure. Worcestershire's workstream 4 is
renamed to a neutral title in a copy of its document; its actions still
speak of annual reviews ("... new year 9 onwards annual review guidance
...", action 2), so it keeps annual_reviews, and no theme claims to come
from the title any more. An area's own rules may read actions and
measures too, and a malformed list of them is refused naming the file."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

DOCUMENT = "app-2022-2023.txt"
TITLE = ("4: THE POOR QUALITY OF EHCPS AND LIMITED CONTRIBUTIONS FROM HEALTH AND SOCIAL CARE "
         "ALONG WITH THE PROCESS TO CHECK AND REVIEW THE QUALITY OF EHC PLANS")
NEUTRAL = "4: WORKSTREAM FOUR"

checks = t.Checks()
work = t.temp_dir()

folder = os.path.join(work, "plugins")
os.mkdir(folder)
sources = t.copy_plugin("worcestershire", folder)
path = os.path.join(sources, DOCUMENT)
with open(path, encoding="utf-8") as handle:
    text = handle.read()
checks.equal(text.count(TITLE), 1, "the document names workstream 4 once")
os.chmod(path, 0o644)  # the source tree's documents are read-only
with open(path, "w", encoding="utf-8") as handle:
    handle.write(text.replace(TITLE, NEUTRAL))

db = os.path.join(work, "areas.db")
result = t.run("load", "worcestershire", db=db, plugins=[folder])
checks.equal(result.returncode, 0, "the edited copy loads: " + result.stderr)
area = t.export(db)["areas"][0]
four = [c for c in t.walk(area, "concern") if c["ref"] == "4"]
checks.equal([c["title"] for c in four], ["WORKSTREAM FOUR"], "workstream 4 has the neutral title")
if four:
    reasons = {r["theme"]: r for r in four[0].get("theme_reasons", [])}
    checks.check("annual_reviews" in four[0]["themes"],
                 "a neutral title, actions about annual reviews: annual_reviews: %r" % four[0]["themes"])
    given = reasons.get("annual_reviews", {})
    checks.check(str(given.get("basis", "")).startswith("action "),
                 "the reason names an action: %r" % given)
    actions = {"action " + a["return_ref"]: a["text"] for a in four[0]["actions"]}
    checks.check(given.get("basis") in actions and given["phrase"] in actions[given["basis"]],
                 "the phrase is that action's own words: %r" % given)
    checks.equal([r for r in reasons.values() if r["basis"] == "title"], [],
                 "no theme comes from a title that names none")

# An area's own rules read measures: Walsall's "Local Offer 'hit rates'".
rules = os.path.join(work, "scripts", "mapping", "areas")
os.makedirs(rules)
with open(os.path.join(rules, "walsall.lua"), "w") as handle:
    handle.write('return { themes = { { id = "hits", theme = "communication_families",\n'
                 '  patterns = { "no title says this" }, measures = { "hit rates" } } } }\n')
result = t.run("--scripts", os.path.join(work, "scripts"), "load", "walsall", db=db)
checks.equal(result.returncode, 0, "walsall with its own measure rule: " + result.stderr)
walsall = [a for a in t.export(db)["areas"] if a["code"] == "E08000030"][0]
offer = [c for c in t.walk(walsall, "concern") if c["ref"] == "2"][0]
given = {r["theme"]: r for r in offer.get("theme_reasons", [])}.get("communication_families", {})
checks.equal((given.get("rule"), given.get("phrase"), given.get("basis")),
             ("areas/walsall.lua:hits", "hit rates", "measure M17"),
             "an area's rule matched in a measure, named with its file, words and measure")

with open(os.path.join(rules, "walsall.lua"), "w") as handle:
    handle.write('return { themes = { { id = "hits", theme = "local_offer",\n'
                 '  patterns = { "x" }, actions = {} } } }\n')
before = t.query(db, "SELECT count(*) FROM theme_assignment")
result = t.run("--scripts", os.path.join(work, "scripts"), "load", "walsall", db=db)
checks.check(result.returncode != 0 and "walsall.lua: themes[1]: 'actions' must be a list"
             in result.stderr, "an empty actions list is refused naming the file: " + result.stderr)
checks.equal(t.query(db, "SELECT count(*) FROM theme_assignment"), before, "nothing changed")
checks.done()
