"""The Lua mapping, checked against a table written by hand from reading
the documents: which themes each weakness and concern of the three areas
must get (not fewer, not more), which measures share a common indicator,
and that `show` says which rule gave a theme and the phrase it matched."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

# (area, kind, opening words of the text) -> themes, by reading each text.
EXPECTED = {
    ("E10000028", "weakness", "Leaders in education, health and care had not worked"):
        {"leadership_governance"},
    ("E10000028", "weakness", "Aspirations and expectations"): {"aspirations_outcomes"},
    ("E10000028", "weakness", "Co-production was weak"): {"coproduction"},
    ("E10000028", "weakness", "The quality of EHC plans was poor"):
        {"ehcp_quality", "multiagency_contribution", "annual_reviews"},
    ("E10000028", "weakness", "The review of children and young people"): {"transition_pfa"},
    ("E10000028", "weakness", "A wide range of leaders and families"): {"mainstream_inclusion"},
    ("E10000028", "weakness", "The oversight of improvement work"): {"provision_oversight"},
    ("E10000028", "weakness", "Children, young people and their families did not yet have access"):
        {"access_to_services"},
    ("E10000028", "concern", "Coproduction"): {"coproduction"},
    # It answers weakness 4 (the APP: "the quality of Education, Health and
    # Care Plans (EHCPs) is poor"), whose themes it takes.
    ("E10000028", "concern", "Quality of Education, Health and Care Plans"):
        {"ehcp_quality", "multiagency_contribution", "annual_reviews"},
    ("E08000030", "weakness", "Poor-quality EHC plans"): {"ehcp_quality", "ehcp_timeliness"},
    ("E08000030", "weakness", "The poor quality of the local offer"): {"local_offer"},
    # Its measures count annual reviews (M6, M7) and partner agencies'
    # advices (M5, M9).
    ("E08000030", "concern", "Poor-quality EHC plans"):
        {"ehcp_quality", "ehcp_timeliness", "annual_reviews", "multiagency_contribution"},
    # Its measures are listed under "Increase Co-production ... in relation
    # to the Local Offer".
    ("E08000030", "concern", "The poor quality of the local offer"): {"local_offer", "coproduction"},
    # Mainstream schools' skills and commitment: not the SEND workforce.
    ("E10000034", "concern", "THE VARIATION IN THE SKILLS AND COMMITMENT"):
        {"mainstream_inclusion"},
    ("E10000034", "concern", "THE LACK OF SUITABLE SPECIALIST PROVISION"): {"specialist_provision"},
    ("E10000034", "concern", "FRAGILE RELATIONSHIPS WITH PARENTS AND CARERS"): {"coproduction"},
    # Actions 4/2-4/4 and 4/13: annual review guidance, the backlog of
    # reviews, training on annual reviews.
    ("E10000034", "concern", "THE POOR QUALITY OF EHCPS"):
        {"ehcp_quality", "multiagency_contribution", "quality_assurance_data", "annual_reviews"},
}

# Measures that are the same thing in different words share an indicator.
INDICATORS = {
    ("E08000030", "Number and percentage of reviews completed on time"): "annual_reviews_on_time",
    ("E08000030", "Number and percentage of assessments completed within 20 weeks"):
        "ehcp_issued_within_20_weeks",
    ("E08000030", "Number of open assessments over 20 weeks"): "open_assessments_over_20_weeks",
    ("E08000030", "Number of requests for assessment that are refused"): "requests_refused",
    ("E08000030", "Number and percentage of plans which meet quality standards"): "ehcp_quality_audit",
    ("E10000034", "Percentage of Audits judged to be Good or Outstanding"): "ehcp_quality_audit",
    ("E10000034", "% of new EHC Plans that are placed in mainstream schools"): "new_ehcp_in_mainstream",
}

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "areas.db")
result = t.run("load", "staffordshire", "walsall", "worcestershire", db=db)
checks.equal(result.returncode, 0, "the three areas load: " + result.stderr)
document = t.export(db)
areas = {a["code"]: a for a in document["areas"]}

seen = set()
for code, area in areas.items():
    for kind in ("weakness", "concern"):
        texts = [(r["text"] if kind == "weakness" else r["title"], r) for r in t.walk(area, kind)]
        for text, record in texts:
            checks.check(record["themes"], "%s %s %r has at least one theme" % (code, kind, text[:50]))
            keys = [k for k in EXPECTED if k[0] == code and k[1] == kind and text.startswith(k[2])]
            if checks.equal(len(keys), 1, "%s %s %r is in the hand-made table" % (code, kind, text[:50])):
                seen.add(keys[0])
                checks.equal(set(record["themes"]), EXPECTED[keys[0]], "themes of %r" % (keys[0],))
checks.equal(set(EXPECTED) - seen, set(), "every row of the table was found")

measures = [(code, m) for code, a in areas.items() for m in t.walk(a, "measure")]
for (code, opening), indicator in INDICATORS.items():
    found = [m for c, m in measures if c == code and m["name"].startswith(opening)]
    if checks.equal(len(found), 1, "measure %r found" % opening):
        checks.equal(found[0]["indicator"], indicator, "indicator of %r" % opening)
others = [m for c, m in measures if not any(c == k[0] and m["name"].startswith(k[1]) for k in INDICATORS)]
checks.equal([m["name"] for m in others if m["indicator"]], [], "no other measure has an indicator")

# Why: show names the rule and the phrase it matched.
shown = t.run("show", "walsall", db=db, env={"COLUMNS": "1000"}).stdout
checks.check('theme local_offer (rule rules.lua:local-offer, matched "local offer" in title)'
             in shown, "show explains a generic rule")
checks.check('theme annual_reviews (rule rules.lua:annual-reviews, matched "annual reviews" in '
             'measure M6)' in shown, "show names the measure a theme was found in")
shown = t.run("show", "worcestershire", db=db, env={"COLUMNS": "1000"}).stdout
checks.check('theme annual_reviews (rule rules.lua:annual-reviews, matched "annual review" in '
             'action 4/2)' in shown, "show names the action a theme was found in")
checks.check("workforce_capacity" not in shown, "no Worcestershire record is a workforce one")
checks.done()
