"""Issue 13, "themes an analyst would pick": each point checked against the
documents under plugins/*/sources/, and every theme given carries its
reason (the rule, the words it matched as written in the record, and
where). Written by reading the documents:

- Worcestershire workstream 1 (app-2022-2023.txt line 5: "THE VARIATION IN
  THE SKILLS AND COMMITMENT OF SOME MAINSTREAM SCHOOLS ...") is about
  mainstream schools; nothing in it is about the SEND workforce.
- Worcestershire workstream 4: action 2 "... new year 9 onwards annual
  review guidance ...", action 13 "... good practice in annual reviews".
- Walsall (app-supporting-document-2022-10.txt) concern 1's measures, under
  "Improve the timeliness of EHC Plans and Reviews" (line 98): "Total
  number of annual reviews due." (line 105); concern 2's, under "Increase
  Co-production with parents, carers, children, and young people in
  relation to the Local Offer" (line 116).
- Staffordshire's APP (app-2022-04-01.txt line 70) answers the revisit's
  weakness 4 (revisit-letter-2022-02-23.txt): quality of EHC plans, health
  and care contributions, annual reviews.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "areas.db")
result = t.run("load", "staffordshire", "walsall", "worcestershire", db=db)
checks.equal(result.returncode, 0, "the three areas load: " + result.stderr)
document = t.export(db)
areas = {a["code"]: a for a in document["areas"]}


def concern(code, opening):
    found = [c for c in t.walk(areas[code], "concern") if c["title"].startswith(opening)]
    checks.equal(len(found), 1, "%s: one concern %r" % (code, opening))
    return found[0] if found else {"themes": [], "theme_reasons": [], "actions": [],
                                   "measures": [], "title": ""}


def reason(record, theme):
    """The export's reason for one theme of a record, or {}."""
    given = [r for r in record.get("theme_reasons", []) if r["theme"] == theme]
    return given[0] if given else {}




# ---- Worcestershire workstream 1: mainstream, not workforce ------------------
w1 = concern("E10000034", "THE VARIATION IN THE SKILLS AND COMMITMENT")
checks.check("mainstream_inclusion" in w1["themes"], "workstream 1: mainstream_inclusion")
checks.check("workforce_capacity" not in w1["themes"],
             "workstream 1 is not a workforce concern: %r" % w1["themes"])

# ---- Worcestershire workstream 4: annual reviews from its actions ------------
w4 = concern("E10000034", "THE POOR QUALITY OF EHCPS")
checks.check("annual_reviews" in w4["themes"], "workstream 4: annual_reviews: %r" % w4["themes"])
why = reason(w4, "annual_reviews")
checks.equal(why.get("rule"), "rules.lua:annual-reviews", "workstream 4: the rule named")
action = [a for a in w4["actions"] if why.get("basis") == "action " + str(a.get("return_ref"))]
checks.equal(len(action), 1, "workstream 4: the basis names one of its actions: %r" % why)
if action:
    checks.check(why.get("phrase") and why["phrase"] in action[0]["text"],
                 "the phrase is the action's own words: %r" % why)
    checks.check("annual review" in why.get("phrase", "").lower(), "the phrase: %r" % why)
for theme in ("ehcp_quality", "multiagency_contribution", "quality_assurance_data"):
    checks.check(theme in w4["themes"], "workstream 4 keeps %s" % theme)

# ---- Walsall concern 1: annual reviews from its measures ----------------------
walsall = areas["E08000030"]
c1 = concern("E08000030", "Poor-quality EHC plans")
checks.check("annual_reviews" in c1["themes"], "Walsall concern 1: annual_reviews: %r" % c1["themes"])
why = reason(c1, "annual_reviews")
measures = {"measure " + m["return_ref"]: m for m in c1["measures"] if m.get("return_ref")}
checks.check(why.get("basis") in measures, "Walsall concern 1: basis is one of its measures: %r" % why)
if why.get("basis") in measures:
    checks.check(why["phrase"] in measures[why["basis"]]["name"],
                 "the phrase is the measure's own words: %r" % why)
for theme in ("ehcp_quality", "ehcp_timeliness"):
    checks.check(theme in c1["themes"], "Walsall concern 1 keeps %s" % theme)

# ---- Walsall concern 2: co-production on the Local Offer ---------------------
c2 = concern("E08000030", "The poor quality of the local offer")
checks.check({"local_offer", "coproduction"} <= set(c2["themes"]),
             "Walsall concern 2: local_offer and coproduction: %r" % c2["themes"])
why = reason(c2, "coproduction")
checks.equal(why.get("basis"), "measures heading", "Walsall concern 2: from its measures' heading")
groups = {m.get("group") for m in c2["measures"]}
checks.check(any(g and why.get("phrase") and why["phrase"] in g for g in groups),
             "the phrase is in the heading as written: %r / %r" % (why, groups))
checks.check(any(g and g.startswith("Increase Co-production") for g in groups),
             "the heading is the document's (line 116)")

# ---- Staffordshire: the EHC plan concern answers weakness 4 ------------------
staffs = areas["E10000028"]
w4s = [w for w in t.walk(staffs, "weakness") if w["ref"] == "4"]
checks.equal(len(w4s), 1, "Staffordshire weakness 4")
weakness_themes = set(w4s[0]["themes"]) if w4s else set()
checks.equal(weakness_themes, {"ehcp_quality", "multiagency_contribution", "annual_reviews"},
             "weakness 4: three themes (quality, health and care contributions, annual reviews)")
quality = concern("E10000028", "Quality of Education, Health and Care Plans")
checks.check(weakness_themes <= set(quality["themes"]),
             "the EHC plan concern carries its weakness's themes: %r" % quality["themes"])
for theme in ("multiagency_contribution", "annual_reviews"):
    why = reason(quality, theme)
    checks.equal(why.get("basis"), "weakness 4", "%s comes from weakness 4" % theme)
    checks.check(w4s and why.get("phrase") and why["phrase"] in w4s[0]["text"],
                 "%s: the phrase is the weakness's own words: %r" % (theme, why))
# The coproduction concern answers weakness 3, not 4.
copro = concern("E10000028", "Coproduction")
checks.equal(set(copro["themes"]), {"coproduction"}, "the coproduction concern: coproduction only")

# ---- every theme of every record has a reason ---------------------------------
for code, area in areas.items():
    for kind in ("weakness", "concern"):
        for record in t.walk(area, kind):
            reasons = {r["theme"]: r for r in record.get("theme_reasons", [])}
            name = "%s %s %r" % (code, kind, (record.get("text") or record.get("title"))[:40])
            checks.equal(sorted(reasons), sorted(record["themes"]), name + ": a reason per theme")
            for theme, given in reasons.items():
                checks.check(given.get("rule") and ":" in given["rule"],
                             name + ": %s names its rule FILE:ID: %r" % (theme, given))
                checks.check(given.get("phrase") and given.get("basis"),
                             name + ": %s has the words matched and where: %r" % (theme, given))
                own = record.get("text") or record.get("title")
                if given.get("basis") in ("title", "text"):
                    checks.check(given["phrase"] in own,
                                 name + ": %s's phrase is in its own words: %r" % (theme, given))

# ---- show says the same --------------------------------------------------------
shown = t.run("show", "staffordshire", db=db, env={"COLUMNS": "1000"}).stdout
checks.check('theme multiagency_contribution (rule rules.lua:agency-contributions, matched '
             '"Health and care workers did not contribute" in weakness 4)' in shown,
             "show: the reason and the weakness it comes from")
checks.done()
