"""Worcestershire plugin fidelity: load the area's APP (a table export of
tab-separated cells holding HTML) and check the model against what a reader
of plugins/worcestershire/sources/app-2022-2023.txt finds there. Every
expected value below was worked out from the document by hand."""

import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

DOCUMENT = "app-2022-2023.txt"

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "x.db")

with open(os.path.join(t.SOURCE_DIR, "plugins", "worcestershire", "sources", DOCUMENT),
          encoding="utf-8") as handle:
    lines = handle.read().split("\n")
document_text = "\n".join(lines)

result = t.run("load", "worcestershire", db=db)
checks.equal(result.returncode, 0, "load exit code (stderr: %s)" % result.stderr.strip())
exported = t.export(db)
areas = [a for a in exported["areas"] if a["code"] == "E10000034"]
checks.equal(len(areas), 1, "one Worcestershire area")
area = areas[0] if areas else {"sources": [], "inspections": [], "plans": [], "glossary": []}

# ---- the area: identity declared by the plugin, sourced from the title cell
checks.equal((area.get("la_number"), area.get("name"), area.get("region"), area.get("plugin")),
             ("885", "Worcestershire", "West Midlands", "worcestershire"), "area identity")
checks.check(any(s["locator"].startswith("line 3 ") and "Worcestershire" in s["quote"]
                 for s in area["sources"]), "area source is the title cell on line 3")

# ---- no inspection document for Worcestershire: none stored, none invented
checks.equal(area["inspections"], [], "no inspections")

# ---- the plan
checks.equal(len(area["plans"]), 1, "one plan")
plan = area["plans"][0] if area["plans"] else {"concerns": [], "measures": []}
checks.equal(plan.get("kind"), "APP", "plan kind")
checks.equal(plan.get("title"), "Worcestershire Local Area SEND Accelerated Progress Plan "
             "(SEND APP) 2022-2023", "plan title ends before 'Project Sponsors:'")
checks.equal((plan.get("period_from"), plan.get("period_to")), ("2022", "2023"), "plan period")
checks.equal((plan.get("dated"), plan.get("approved"), plan.get("version"), plan.get("board")),
             (None, None, None, None), "what the document does not say stays null")
checks.equal(plan.get("measures"), [], "no measures on the plan itself")

# ---- the four key-concern workstreams
concerns = plan["concerns"]
checks.equal([c["ref"] for c in concerns], ["1", "2", "3", "4"], "workstream refs")
openings = ["THE VARIATION IN THE SKILLS AND COMMITMENT OF SOME MAINSTREAM SCHOOLS",
            "THE LACK OF SUITABLE SPECIALIST PROVISION",
            "FRAGILE RELATIONSHIPS WITH PARENTS AND CARERS",
            "THE POOR QUALITY OF EHCPS AND LIMITED CONTRIBUTIONS"]
for concern, opening in zip(concerns, openings):
    checks.check(concern["title"].startswith(opening),
                 "workstream %s title opens %r: %r" % (concern["ref"], opening, concern["title"]))
checks.equal(concerns[3]["title"] if len(concerns) > 3 else None,
             "THE POOR QUALITY OF EHCPS AND LIMITED CONTRIBUTIONS FROM HEALTH AND SOCIAL CARE "
             "ALONG WITH THE PROCESS TO CHECK AND REVIEW THE QUALITY OF EHC PLANS",
             "workstream 4 title in full, uppercase kept")
checks.equal([c["sources"][0]["locator"] for c in concerns],
             ["line 5 cell 1", "line 9 cell 1", "line 15 cell 1", "line 21 cell 1"],
             "workstream locators")


def concern(ref):
    for c in concerns:
        if c["ref"] == ref:
            return c
    return {"leads": [], "members": [], "actions": [], "measures": []}


# Leads: the text after "LEAD WCF AND HEALTH:", one per "), " boundary.
expected_leads = {
    "1": ["Assistant Director Education Quality (WCF)", "Lead for Children and Maternity (CCG)"],
    "2": ["SEND Group Manager (WCF)", "Lead for Children and Maternity, (CCG)"],
    "3": ["Children with Disabilities Group Manager (WCF)",
          "Lead for Children and Maternity (CCG)"],
    "4": ["SEND Group Manager (WCF)", "Senior Manager for SEND (CCG)"],
}
for ref, leads in expected_leads.items():
    checks.equal(concern(ref)["leads"], leads, "workstream %s leads" % ref)

# Members: the <li> items after "Membership:"; line 14 continues workstream 2.
for ref, count in {"1": 6, "2": 7, "3": 11, "4": 18}.items():
    checks.equal(len(concern(ref)["members"]), count, "workstream %s member count" % ref)
members2 = concern("2")["members"]
checks.equal(members2[-2:], ["Placement and Resources Manager (WCF)",
                             "Operational Manager SENDIASS (WCC)"],
             "line 14 continues workstream 2's membership")
checks.check("Sufficiency & Place Planning Group Manager (WFC)" in members2,
             "entity decoded in a member's name (&amp;)")
checks.equal(concern("1")["members"][1:2],
             ["School Phases (First and Primary, Middle, Secondary and High \u2013 for LA "
              "maintained and Academies)"], "a member with a comma and en dash kept whole")
checks.equal(concern("4")["members"][:1],
             ["Parent carer forum (FiP) and WAC and stakeholder groups"],
             "workstream 4 first member")
checks.equal(concern("3")["members"][-1:], ["Senior Manager for SEND (CCG)"],
             "workstream 3 last member")

# ---- actions: 9/5/10/14, numbered as written
for ref, count in {"1": 9, "2": 5, "3": 10, "4": 14}.items():
    actions = concern(ref)["actions"]
    checks.equal(len(actions), count, "workstream %s action count" % ref)
    checks.equal([a["ref"] for a in actions], [str(n) for n in range(1, count + 1)],
                 "workstream %s action numbers" % ref)
actions3 = concern("3")["actions"]
if len(actions3) >= 8:
    checks.check(actions3[7]["text"].startswith("0-25 SEND & All Age Disability Partnership Board"),
                 "action 3.8 starts '0-25 SEND': %r" % actions3[7]["text"])
    checks.equal(actions3[7]["sources"][0]["locator"], "line 17 cell 4", "action 3.8 locator")
actions4 = concern("4")["actions"]
if actions4:
    checks.equal(actions4[0]["text"], "Improve the quality of advice provided from across the "
                 "partnership agencies to the EHC assessment and review process.",
                 "'1.Improve' (no space) is action 1")
if len(actions4) >= 14:
    checks.equal(actions4[13]["text"], "Agree a prioritisation of plans that are open to the tri "
                 "partite partnership under All Age Disability (Prioritise phased transfer).",
                 "action 4.14")
    checks.equal(actions4[13]["sources"][0]["locator"], "line 24 cell 5", "action 4.14 locator")
actions1 = concern("1")["actions"]
if len(actions1) >= 6:
    checks.equal(actions1[5]["sources"][0]["locator"], "line 6 cell 2",
                 "action 1.6 on the continuation row")
    checks.check(actions1[5]["text"].startswith("Identify and engage mainstream schools"),
                 "action 1.6 text")
checks.check(all(a["due"] is None and a["status"] is None for c in concerns for a in c["actions"]),
             "actions carry no due date or status (the document gives none)")
# One action names its lead in its text (3.6: "commissioning Families in
# Partnership to lead on this work"); no other does.
checks.equal([(c["ref"], a["ref"], a["lead"]) for c in concerns for a in c["actions"] if a["lead"]],
             [("3", "6", "Families in Partnership")], "only action 3.6 names its lead")

# ---- measures: the lists of the row after each OUTCOME/PROGRESS MEASURES row
for ref, count in {"1": 8, "2": 5, "3": 11, "4": 5}.items():
    checks.equal(len(concern(ref)["measures"]), count, "workstream %s measure count" % ref)
all_measures = [m for c in concerns for m in c["measures"]] + \
    [m for c in concerns for a in c["actions"] for m in a["measures"]]
names = [m["name"] for m in all_measures]
for member in ("Placement and Resources Manager (WCF)", "Operational Manager SENDIASS (WCC)"):
    checks.check(member not in names, "continuation member %r is not a measure" % member)


def measure(ref, opening):
    for m in concern(ref)["measures"]:
        if m["name"].startswith(opening):
            return m
    checks.check(False, "workstream %s has a measure opening %r" % (ref, opening))
    return {"kind": "?", "unit": "?", "direction": "?", "sources": [{"locator": "?"}]}


for ref, opening, kind, unit in [
        ("1", "Number of schools/Trusts attending events", "interval", "count"),
        ("1", "% of mainstream SENCOS attending", "interval", "percent"),
        ("1", "Quarterly qualitative survey from SENCos", None, None),
        ("1", "Impact on inclusion of the outreach offer", None, None),
        ("2", "Number of out of county/ independent placements and % of new", "interval",
         "count+percent"),
        ("2", "% of Early Years settings with first time EHC Plans", "interval", "percent"),
        ("3", "Number of metrics included in SEND data dashboard", "interval", "count"),
        ("4", "Percentage of Audits judged to be Good or Outstanding", "interval", "percent"),
        ("4", "Evidence in each quarterly report", None, None)]:
    m = measure(ref, opening)
    checks.equal((m["kind"], m["unit"]), (kind, unit), "measure %r kind and unit" % opening)
checks.equal(measure("4", "Progressive increase in reported good")["direction"], "up",
             "'Progressive increase' wants the measure up")
checks.equal(measure("2", "% of new EHC Plans")["sources"][0]["locator"], "line 12 cell 1 item 1",
             "workstream 2's measures start in cell 1")
checks.equal(measure("3", "Number of schools where inclusive practices")["sources"][0]["locator"],
             "line 19 cell 5 item 2", "a second item of a measures cell")
checks.check(all(m["baseline"]["value"] is None and m["target"] is None for m in all_measures),
             "no baselines or targets (the document gives none)")

# ---- the glossary: a lookup from abbreviation to expansion
glossary = {g["term"]: g["expansion"] for g in area["glossary"]}
checks.equal(len(area["glossary"]), 26, "glossary size")
checks.equal(len(glossary), 26, "glossary terms are distinct")
for term, expansion in [
        ("WCF", "Worcestershire Children First"),
        ("SENDIASS", "Special Educational Needs and Disabilities Information Advice and Support "
         "Services"),
        ("FiP", "Families in Partnership"),
        ("AP", "Alternative Provision"),  # en dash
        ("SC", "Social Care"),  # en dash, last row
        ("EHC", "Education & Health Care"),
        ("YP", "Young Person(s)"),
        ("SIB", "SEND Improvement Board")]:
    checks.equal(glossary.get(term), expansion, "glossary %s" % term)

# ---- provenance: every quote verbatim in the document, on its locator's line
sources = list(area["sources"])
sources += [s for p in area["plans"] for s in p["sources"]]
sources += [s for c in concerns for s in c["sources"]]
sources += [s for c in concerns for a in c["actions"] for s in a["sources"]]
sources += [s for m in all_measures for s in m["sources"]]
sources += [s for g in area["glossary"] for s in g["sources"]]
checks.check(len(sources) >= 1 + 1 + 4 + 38 + 29 + 26, "sources found: %d" % len(sources))
for source in sources:
    checks.equal(source["document"], DOCUMENT, "source document")
    checks.check(source["quote"] in document_text, "quote verbatim: %r" % source["quote"][:60])
    found = re.match(r"line (\d+)", source["locator"])
    line = int(found.group(1)) if found else 0
    checks.check(0 < line <= len(lines) and source["quote"] in lines[line - 1],
                 "quote on its locator's line %r: %r" % (source["locator"], source["quote"][:60]))

# Members' sources are not in the export (members are names there): read
# them from the store, to check the continuation row is its own source.
connection = sqlite3.connect(db)
try:
    rows = connection.execute(
        "SELECT c.ref, m.kind, m.name, s.locator, s.quote FROM role m "
        "JOIN concern c ON c.id = m.parent JOIN source s ON s.fact = m.id "
        "JOIN fact f ON f.id = m.id WHERE f.area = 'E10000034' ORDER BY f.seq").fetchall()
finally:
    connection.close()
checks.equal(len(rows), 8 + 6 + 7 + 11 + 18, "one source per lead and member")
checks.equal([(r[2], r[3]) for r in rows if r[3].startswith("line 14 ")],
             [("Placement and Resources Manager (WCF)", "line 14 cell 1 item 1"),
              ("Operational Manager SENDIASS (WCC)", "line 14 cell 1 item 2")],
             "the continuation members' own source")
checks.check(all(r[0] == "2" for r in rows if r[3].startswith("line 14 ")),
             "line 14's members belong to workstream 2")
for ref, role, name, locator, quote in rows:
    found = re.match(r"line (\d+)", locator)
    line = int(found.group(1)) if found else 0
    checks.check(0 < line <= len(lines) and quote in lines[line - 1],
                 "member quote on its locator's line %r: %r" % (locator, quote[:60]))
checks.equal([r[3] for r in rows if r[1] == "lead"],
             ["line 5 cell 1"] * 2 + ["line 9 cell 1"] * 2 + ["line 15 cell 1"] * 2 +
             ["line 21 cell 1"] * 2, "lead locators")

checks.done()
