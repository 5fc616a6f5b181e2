"""Roles (issue 13, people and roles): the people and bodies each area's
documents name, read by a person from the documents and written down here,
are the roles the export holds, with their kind, person or post,
organisation and its common kind, and the line that states them. Also:
a source line changed and reloaded changes the roles; `show` and the HTML
show roles and a claim's role ("letter dated"); the adviser example
answers "which actions have a health lead" for every area.

plugins/staffordshire/sources/app-2022-04-01.txt:
  line 22  Accountable Officers from the LA and CCG  Helen Riley & Heather Johnstone
  line 23  SEND and NHS England Advisers             Pat Tate & Deborah Ward
  line 64  a 'Task and Finish Group' ... The group included representatives
           from the PCF, SENDIASS, schools, CCG, Social Care and LA officers
plugins/walsall/sources/app-supporting-document-2022-10.txt:
  2.11 (line 56) a Local Offer Co-ordinator appointed to lead (concern 2),
  a Local Offer Steering Group with members from the PCF, SENDIASS,
  Schools, the Local Authority and Health partners; 5.2 (line 85) the LAIB
  has representation from FACE, SENDIASS, Education, the Local Authority
  and Health partners from the ICB, Health Trust and Mental Health Trust,
  is chaired independently by Vicki Whittaker-Stokes and co-chaired by
  Louise Hudson from SENDIASS; 5.6 (line 89) our DfE and NHS England
  advisors.
plugins/worcestershire/sources/app-2022-2023.txt line 3: Project Sponsors
  (two, "; " between), Business Lead, Programme Lead; each workstream's
  LEAD label names two leads (WCF and CCG) and its Membership list
  (workstream 1: 6 items; 2: 5, and 2 more on line 14; 3: 11; 4: 18);
  action 3.6 commissions Families in Partnership to lead on its work.
"""

import csv
import json
import os
import sys

import jsonschema

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "roles.db")
result = t.run("load", db=db)
checks.equal(result.returncode, 0, "load (stderr: %s)" % result.stderr.strip())
model = t.export(db)
areas = {a["name"]: a for a in model["areas"]}
with open(os.path.join(t.SOURCE_DIR, "schemas", "model.schema.json"), encoding="utf-8") as handle:
    schema = json.load(handle)
try:
    jsonschema.Draft202012Validator(schema).validate(model)
    valid = True
except jsonschema.ValidationError as error:
    valid = error.message
checks.equal(valid, True, "the export with its roles is valid against schemas/model.schema.json")


def plan_roles(area):
    return [r for p in area["plans"] for r in p["roles"]]


def concern_roles(area):
    return [(c["ref"], r) for p in area["plans"] for c in p["concerns"] for r in c["roles"]]


def find(roles, name):
    found = [r for r in roles if r["name"] == name]
    checks.equal(len(found), 1, "one role named %r" % name)
    return found[0] if found else {}


def spot(record, what, **expected):
    for key, value in expected.items():
        checks.equal(record.get(key), value, "%s: %s" % (what, key))


def locator(role):
    return [s["locator"] for s in role.get("sources", [])]


# ---- Staffordshire: the APP's Annex A table ----
staffs = plan_roles(areas["Staffordshire"])
checks.equal(sorted(r["kind"] for r in staffs), ["accountable_officer"] * 2 + ["adviser"] * 2 + ["member"] * 6,
             "Staffordshire: two accountable officers, two advisers, the task group's six members")
# Line 64: "The group included representatives from the PCF, SENDIASS,
# schools, CCG, Social Care and LA officers", the group a 'Task and Finish
# Group'.
task = [r for r in staffs if r["kind"] == "member"]
checks.equal([r["name"] for r in task], ["the PCF", "SENDIASS", "schools", "CCG", "Social Care", "LA officers"],
             "Staffordshire: the task group's members, as written")
checks.equal({r["role"] for r in task}, {"Task and Finish Group"}, "Staffordshire: the group they are members of")
checks.equal([r["organisation_kind"] for r in task],
             ["parent_carer_forum", "sendiass", "education", "health", None, "council"],
             "Staffordshire: the members' organisation kinds (Social Care says none)")
checks.equal({locator(r)[0] for r in task}, {"line 64"}, "Staffordshire: the task group's line")
spot(find(staffs, "Helen Riley"), "Helen Riley", kind="accountable_officer", person="Helen Riley",
     organisation="LA", organisation_kind="council", role="Accountable Officers from the LA and CCG")
spot(find(staffs, "Heather Johnstone"), "Heather Johnstone", kind="accountable_officer",
     organisation="CCG", organisation_kind="health")
spot(find(staffs, "Deborah Ward"), "Deborah Ward", kind="adviser", organisation="NHS England",
     organisation_kind="nhs_england", role="SEND and NHS England Advisers")
# "SEND" names a field, not an employer: its kind stays unknown.
spot(find(staffs, "Pat Tate"), "Pat Tate", kind="adviser", organisation_kind=None)
checks.equal(locator(find(staffs, "Helen Riley")), ["line 22"], "Helen Riley: the line")
checks.equal(locator(find(staffs, "Pat Tate")), ["line 23"], "Pat Tate: the line")

# ---- Walsall ----
walsall = plan_roles(areas["Walsall"])
spot(find(walsall, "Vicki Whittaker-Stokes"), "LAIB chair", kind="chair", role="chaired independently",
     organisation=None)
spot(find(walsall, "Louise Hudson"), "LAIB co-chair", kind="chair", role="co-chaired",
     organisation="SENDIASS", organisation_kind="sendiass")
advisers = sorted((r["organisation"], r["organisation_kind"]) for r in walsall if r["kind"] == "adviser")
checks.equal(advisers, [("DfE", "dfe"), ("NHS England", "nhs_england")], "Walsall: the DfE and NHS England advisors")
walsall_concern = concern_roles(areas["Walsall"])
checks.equal([(ref, r["kind"]) for ref, r in walsall_concern], [("2", "lead")] + [("2", "member")] * 5,
             "Walsall: concern 2's lead and its steering group's five members")
steering = [r for _, r in walsall_concern if r["kind"] == "member"]
checks.equal([(r["name"], r["role"], r["organisation_kind"]) for r in steering],
             [("the PCF", "Local Offer Steering Group", "parent_carer_forum"),
              ("SENDIASS", "Local Offer Steering Group", "sendiass"),
              ("Schools", "Local Offer Steering Group", "education"),
              ("the Local Authority", "Local Offer Steering Group", "council"),
              ("Health partners", "Local Offer Steering Group", "health")], "Walsall: 2.11's steering group")
laib = [r for r in walsall if r["kind"] == "member"]
checks.equal([r["name"] for r in laib],
             ["FACE", "SENDIASS", "Education", "the Local Authority",
              "Health partners from the ICB, Health Trust and Mental Health Trust"], "Walsall: 5.2's representation")
checks.equal({r["role"] for r in laib}, {"Local Area Improvement Board (LAIB)"}, "Walsall: on the board")
checks.equal(laib[0]["organisation_kind"] if laib else "", None, "Walsall: FACE's kind is not said")
if walsall_concern:
    ref, lead = walsall_concern[0]
    checks.equal(ref, "2", "Walsall: the Local Offer Co-ordinator leads concern 2 (the local offer)")
    spot(lead, "Local Offer Co-ordinator", kind="lead", post="Local Offer Co-ordinator", person=None,
         organisation=None)
    checks.equal(locator(lead), ["paragraph 2.11, line 56"], "Local Offer Co-ordinator: the line")

# ---- Worcestershire ----
worcs = areas["Worcestershire"]
plan = plan_roles(worcs)
checks.equal(sorted(r["kind"] for r in plan), ["lead", "lead", "sponsor", "sponsor"],
             "Worcestershire: two sponsors, a business and a programme lead")
spot(find(plan, "Chief Executive, Herefordshire and Worcestershire Clinical Commissioning Group (CCG)"),
     "CCG sponsor", kind="sponsor", post="Chief Executive", organisation_kind="health", role="Project Sponsors")
spot(find(plan, "Early Help Partnership Development Officer"), "programme lead", kind="lead",
     role="Programme Lead", post="Early Help Partnership Development Officer")
by_concern = {}
for ref, role in concern_roles(worcs):
    by_concern.setdefault((ref, role["kind"]), []).append(role)
checks.equal({k: len(v) for k, v in by_concern.items()},
             {("1", "lead"): 2, ("1", "member"): 6, ("2", "lead"): 2, ("2", "member"): 7,
              ("3", "lead"): 2, ("3", "member"): 11, ("4", "lead"): 2, ("4", "member"): 18},
             "Worcestershire: leads and members per workstream")
lead = by_concern.get(("4", "lead"), [{}])[-1]
spot(lead, "workstream 4's health lead", name="Senior Manager for SEND (CCG)", post="Senior Manager for SEND",
     organisation="CCG", organisation_kind="health", role="LEAD WCF AND HEALTH")
# WCC is a glossary term: Worcestershire County Council.
sendiass = [r for r in by_concern.get(("4", "member"), []) if r["name"] == "Operational Manager SENDIASS (WCC)"]
checks.equal([(r["organisation"], r["organisation_kind"]) for r in sendiass], [("WCC", "council")],
             "Worcestershire: WCC judged by its glossary expansion")
# Action 3.6: "commissioning Families in Partnership to lead on this work".
action_roles = [(c["ref"], a["ref"], r) for p in worcs["plans"] for c in p["concerns"] for a in c["actions"]
                for r in a["roles"]]
checks.equal([(c, a, r["kind"], r["name"]) for c, a, r in action_roles], [("3", "6", "lead", "Families in Partnership")],
             "Worcestershire: action 3.6 names its own lead")
checks.equal([a["lead"] for p in worcs["plans"] for c in p["concerns"] for a in c["actions"]
              if c["ref"] == "3" and a["ref"] == "6"], ["Families in Partnership"], "the export's action lead")
# The export's leads and members are the roles' names, stored once.
for p in worcs["plans"]:
    for c in p["concerns"]:
        checks.equal(c["leads"], [r["name"] for r in c["roles"] if r["kind"] == "lead"], "concern %s leads" % c["ref"])

# ---- every source quotes its line ----
for area in model["areas"]:
    folder = os.path.join(t.SOURCE_DIR, "plugins", area["plugin"], "sources")
    for role in plan_roles(area) + [r for _, r in concern_roles(area)]:
        for source in role["sources"]:
            text = open(os.path.join(folder, source["document"]), encoding="utf-8").read()
            checks.check(source["quote"] in text, "%s: quote %r in %s" % (role["name"], source["quote"][:40], source["document"]))

# ---- CSV: a roles table ----
out = os.path.join(work, "csv")
result = t.run("export", "--format", "csv", "-o", out, db=db)
checks.equal(result.returncode, 0, "export csv")
if result.returncode == 0:
    with open(os.path.join(out, "roles.csv"), encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    checks.equal(len(rows), 10 + 15 + 55, "roles.csv: every role, once")
    checks.check(any(r["name"] == "Helen Riley" and r["parent_kind"] == "plan" for r in rows), "roles.csv: Helen Riley of a plan")

# ---- show, HTML: roles and the claim's role ----
shown = t.run("show", "Staffordshire", db=db, env={"COLUMNS": "1000"}).stdout
checks.check("accountable_officer: Helen Riley" in shown, "show: the accountable officer")
checks.check("(letter dated)" in shown, "show: the letter's date claim names its role")
html = os.path.join(work, "out.html")
result = t.run("export", "--format", "html", "-o", html, db=db)
page = open(html, encoding="utf-8").read() if result.returncode == 0 else ""
checks.check("Heather Johnstone" in page and "Accountable Officers from the LA and CCG" in page, "html: the roles")
checks.check("letter dated" in page, "html: the claim's role")

# ---- the adviser's question, for every area ----
answer = t.run("run", os.path.join(t.SOURCE_DIR, "scripts", "examples", "health_leads.lua"), db=db)
checks.equal(answer.returncode, 0, "health_leads.lua runs (stderr: %s)" % answer.stderr.strip())
lines = answer.stdout.splitlines()
for name in areas:
    checks.check(any(line.startswith(name + ":") for line in lines), "health_leads.lua answers for %s" % name)
checks.check("Worcestershire: 37 of 38 actions have a health lead" in lines,
             "Worcestershire: each workstream has a CCG lead; action 3.6's own lead is Families in Partnership")
checks.check(any(line.startswith("Walsall: no action has a health lead") for line in lines), "Walsall: none named")

# ---- reload: a changed line changes the roles ----
folder = os.path.join(work, "plugins")
os.makedirs(folder)
sources = t.copy_plugin("staffordshire", folder)
path = os.path.join(sources, "app-2022-04-01.txt")
os.chmod(path, 0o644)
text = open(path, encoding="utf-8").read()
checks.equal(text.count("Pat Tate & Deborah Ward"), 1, "reload: the advisers' line is there once")
open(path, "w", encoding="utf-8").write(text.replace("Pat Tate & Deborah Ward", "Pat Tate & Deborah Ward & Jo Bloggs"))
result = t.run("load", "staffordshire", db=db, plugins=[folder])
checks.equal(result.returncode, 0, "reload (stderr: %s)" % result.stderr.strip())
reloaded = [a for a in t.export(db)["areas"] if a["name"] == "Staffordshire"][0]
names = [r["name"] for r in plan_roles(reloaded) if r["kind"] == "adviser"]
checks.equal(names, ["Pat Tate", "Deborah Ward", "Jo Bloggs"], "reload: a third adviser")
# Three names for two organisations: none is paired with an organisation.
checks.equal([r["organisation"] for r in plan_roles(reloaded) if r["kind"] == "adviser"], [None] * 3,
             "reload: no organisation guessed when the counts differ")

checks.done()
