"""Worcestershire plugin reload: the model follows the document. A copy of
the plugin and its sources in a temporary folder is edited (an extra action
row, an extra glossary term) and loaded with --plugins; broken copies
(truncated, marker rows removed) fail with one line naming the document and
the line, never crash, and leave an already-loaded database unchanged."""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

DOCUMENT = "app-2022-2023.txt"
NEW_ACTION = "A new test action."

checks = t.Checks()
work = t.temp_dir()

with open(os.path.join(t.SOURCE_DIR, "plugins", "worcestershire", "sources", DOCUMENT),
          encoding="utf-8") as handle:
    original = handle.read()
lines = original.split("\n")


def plugin_copy(name, text):
    """A folder holding the plugin and its sources with DOCUMENT as text."""
    folder = os.path.join(work, name)
    os.mkdir(folder)
    sources = t.copy_plugin("worcestershire", folder)
    path = os.path.join(sources, DOCUMENT)
    os.chmod(path, 0o644)  # the source tree's documents are read-only
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return folder


def area_of(exported):
    for area in exported["areas"]:
        if area["code"] == "E10000034":
            return area
    return None


def concern(area, ref):
    for plan in area["plans"]:
        for c in plan["concerns"]:
            if c["ref"] == ref:
                return c
    return {"actions": [], "measures": [], "members": []}


# ---- an edited document: an action row after workstream 1's actions (lines
# 5-6, the marker row is line 7) and a term at the end of the glossary.
assert lines[6].split("\t")[1] == "OUTCOME/PROGRESS MEASURES", "document changed: line 7"
edited = lines[:6] + ["\t\t10. " + NEW_ACTION + "\t"] + lines[6:]
edited.append("ZZT - Zebra Test Term\t\t\t\t\t")
folder = plugin_copy("edited", "\n".join(edited))
db = os.path.join(work, "edited.db")
result = t.run("load", "worcestershire", db=db, plugins=[folder])
checks.equal(result.returncode, 0, "edited load exit code (stderr: %s)" % result.stderr.strip())
area = area_of(t.export(db)) or {"plans": [], "glossary": []}
actions1 = concern(area, "1")["actions"]
checks.equal(len(actions1), 10, "workstream 1 has a 10th action")
if len(actions1) == 10:
    checks.equal((actions1[9]["ref"], actions1[9]["text"]), ("10", NEW_ACTION), "the new action")
    checks.equal(actions1[9]["sources"][0]["locator"], "line 7 cell 3", "the new action's place")
    checks.equal(actions1[9]["sources"][0]["quote"], "10. " + NEW_ACTION, "the new action's quote")
checks.equal(len(concern(area, "1")["measures"]), 8, "workstream 1's measures are unchanged")
checks.equal(concern(area, "2")["sources"][0]["locator"] if concern(area, "2").get("sources")
             else None, "line 10 cell 1", "workstream 2 moved down a line")
glossary = {g["term"]: g["expansion"] for g in area["glossary"]}
checks.equal(len(area["glossary"]), 27, "glossary has the new term")
checks.equal(glossary.get("ZZT"), "Zebra Test Term", "the new term's expansion")

# An edit to a measure's wording changes the model too.
reworded = original.replace("Number of mainstream schools achieving Inclusion Quality Mark",
                            "% of mainstream schools achieving Inclusion Quality Mark")
folder = plugin_copy("reworded", reworded)
db = os.path.join(work, "reworded.db")
result = t.run("load", "worcestershire", db=db, plugins=[folder])
checks.equal(result.returncode, 0, "reworded load exit code")
measures1 = concern(area_of(t.export(db)) or {"plans": []}, "1")["measures"]
checks.equal([(m["name"], m["unit"]) for m in measures1][-1:],
             [("% of mainstream schools achieving Inclusion Quality Mark", "percent")],
             "a reworded measure is read anew")

# A period: the plan's years, from its title, follow the text.
assert "(SEND APP) 2022-2023 " in original, "document changed: the title's years"
folder = plugin_copy("years", original.replace("(SEND APP) 2022-2023 ", "(SEND APP) 2023-2024 ", 1))
db = os.path.join(work, "years.db")
result = t.run("load", "worcestershire", db=db, plugins=[folder])
checks.equal(result.returncode, 0, "years load exit code")
plan = (area_of(t.export(db)) or {"plans": [{}]})["plans"][0]
checks.equal((plan.get("period_from"), plan.get("period_to")), ("2023", "2024"),
             "the plan's period follows its title (2023-2024)")

# ---- broken documents: exit 1, one line naming the document and the line,
# and the database loaded before is unchanged.
good_db = os.path.join(work, "good.db")
result = t.run("load", "worcestershire", db=good_db)
checks.equal(result.returncode, 0, "good load exit code")
_, before = t.export_text(good_db)
checks.check('"E10000034"' in before, "the good load stored the area")

cut = original.index("<li>Quality Assurance Education and Early Help Officer")
broken = {
    # cut in the middle of workstream 3's heading row (line 15)
    "truncated": (original[:cut], 15),
    # cut in the middle of workstream 3's first action row (line 16)
    "truncated_actions": (original[:original.index("5. Collate and review") + 20], 16),
    # every OUTCOME/PROGRESS MEASURES row removed: workstream 1's measures
    # (now line 7) would sit among its actions
    "no_markers": ("\n".join(l for l in lines if "OUTCOME/PROGRESS MEASURES" not in l), 7),
    # the document without its glossary (ends after line 26)
    "no_glossary": ("\n".join(lines[:26]), 26),
    # a workstream heading without its LEAD label
    "no_lead": (original.replace("<i>LEAD WCF AND HEALTH:</i>", "", 1), 5),
}
for name, (text, line) in broken.items():
    folder = plugin_copy(name, text)
    result = t.run("load", "worcestershire", db=good_db, plugins=[folder])
    checks.equal(result.returncode, 1, "%s: exit code (a crash is negative)" % name)
    errors = [l for l in result.stderr.splitlines() if l.strip()]
    checks.equal(len(errors), 1, "%s: one line on stderr: %r" % (name, errors))
    message = errors[0] if errors else ""
    checks.check(DOCUMENT in message and re.search(r"\bline %d\b" % line, message),
                 "%s: names %s and line %d: %r" % (name, DOCUMENT, line, message))
    _, after = t.export_text(good_db)
    checks.check(after == before, "%s: the loaded database is unchanged" % name)
checks.equal(t.integrity(good_db), "ok", "database integrity after failed loads")

# ---- roles follow the document: workstream 1's health lead renamed, a
# member added to its membership list, the Programme Lead changed.
OLD_LEAD = "Assistant Director Education Quality (WCF), Lead for Children and Maternity (CCG)"
checks.equal(original.count(OLD_LEAD), 1, "roles: workstream 1's health lead is there once")
roles_text = original.replace(OLD_LEAD, "Assistant Director Education Quality (WCF), Head of Therapies (HWHCT)", 1)
roles_text = roles_text.replace("<li>Special Schools</li>", "<li>Special Schools</li><li>Virtual School Head (WCF)</li>", 1)
roles_text = roles_text.replace("Programme Lead: Early Help Partnership Development Officer",
                                "Programme Lead: SEND Improvement Manager", 1)
folder = plugin_copy("roles", roles_text)
db = os.path.join(work, "roles.db")
result = t.run("load", "worcestershire", db=db, plugins=[folder])
checks.equal(result.returncode, 0, "roles: load (stderr: %s)" % result.stderr.strip())
area = area_of(t.export(db)) if result.returncode == 0 else None
if area:
    one = concern(area, "1")
    leads = [(r["name"], r["organisation"], r["organisation_kind"]) for r in one.get("roles", []) if r["kind"] == "lead"]
    checks.equal(leads, [("Assistant Director Education Quality (WCF)", "WCF", None),
                         ("Head of Therapies (HWHCT)", "HWHCT", "health")], "roles: the renamed lead, its kind from the glossary")
    members = [r["name"] for r in one.get("roles", []) if r["kind"] == "member"]
    checks.equal(len(members), 7, "roles: workstream 1 has one member more")
    checks.equal(members[3], "Virtual School Head (WCF)", "roles: the added member, in its place")
    plan_leads = [r["post"] for p in area["plans"] for r in p["roles"] if r["role"] == "Programme Lead"]
    checks.equal(plan_leads, ["SEND Improvement Manager"], "roles: the Programme Lead follows the edit")

checks.done()
