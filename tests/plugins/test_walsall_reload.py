"""Walsall plugin: the model comes from the document, not from C. A copy of
the plugin and its document is edited (a key indicator added under a
project area, an action cited, the revisit's judgement changed) and loaded
with --plugins; the model changes exactly so. A broken document fails the
load with one line naming it, and leaves the database as it was."""

import copy
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

DOCUMENT = "app-supporting-document-2022-10.txt"
CODE = "E08000030"

checks = t.Checks()
work = t.temp_dir()


def copy_plugin(name):
    """A fresh copy of the built plugin and its document in work/name."""
    folder = os.path.join(work, name)
    os.makedirs(folder)
    sources = t.copy_plugin("walsall", folder)
    for file in os.listdir(sources):
        os.chmod(os.path.join(sources, file), 0o644)
    return folder, os.path.join(sources, DOCUMENT)


def read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def write(path, text):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def replace_once(text, old, new, what):
    checks.equal(text.count(old), 1, "%s: the edited text is in the document once" % what)
    return text.replace(old, new, 1)


def load(folder, db):
    result = t.run("load", "walsall", db=db, plugins=[folder])
    checks.equal(result.returncode, 0, "load of %s (stderr: %s)" % (os.path.basename(folder), result.stderr.strip()))
    areas = [a for a in t.export(db)["areas"] if a["code"] == CODE] if result.returncode == 0 else []
    return areas[0] if areas else None


def without_sources(value):
    """The model without its sources and locators (an added line shifts
    the lines below it) nor the Lua mapping's ids (they follow wording) nor
    the refs a progress return uses (M1, M2... follow the measures' order)."""
    if isinstance(value, dict):
        return {k: without_sources(v) for k, v in value.items()
                if k not in ("sources", "source", "themes", "indicator", "return_ref")}
    if isinstance(value, list):
        return [without_sources(v) for v in value]
    return value


def app_of(area):
    return next((p for p in area["plans"] if p["kind"] == "APP"), None)


# The document as published, loaded from a copy.
original_folder, _ = copy_plugin("original")
before = load(original_folder, os.path.join(work, "original.db"))

# Edited: a bullet under "Improve the quality of EHC Plans", a citation
# "(APP 1.4.1)" at the end of 2.3 (under the first area of concern),
# "six of the nine" for "seven of the nine" in 1.2, and the words 2.7
# describes APP 1.1.1 with.
NEW_MEASURE = "Number of EHC plans co-produced with families"
edited_folder, document = copy_plugin("edited")
text = read(document)
text = replace_once(text, "- Number and percentage of mediations that lead to tribunal.\n",
                    "- Number and percentage of mediations that lead to tribunal.\n- %s\n" % NEW_MEASURE,
                    "new measure")
text = replace_once(text, "to contribute to the development of their plans.",
                    "to contribute to the development of their plans. (APP 1.4.1)", "new citation")
text = replace_once(text, "sufficient progress against seven of the nine",
                    "sufficient progress against six of the nine", "judgement")
text = replace_once(text, "the implementation of the family link officer model (APP 1.1.1)",
                    "the recruitment of family link officers (APP 1.1.1)", "description")
write(document, text)
after = load(edited_folder, os.path.join(work, "edited.db"))

if before and after:
    revisit = next(i for i in after["inspections"] if i["kind"] == "revisit")
    checks.equal((revisit["weaknesses_found"], revisit["weaknesses_sufficient"]), (9, 6),
                 "revisit: six of the nine sufficient")
    checks.check(any("six of the nine" in s["quote"] for s in revisit["sources"]), "revisit quotes the edit")
    checks.check("six of the nine" in (revisit["outcome"] or ""), "revisit outcome follows the edit")

    measures = [m for c in app_of(after)["concerns"] for m in c["measures"]]
    checks.equal(len(t.walk(after, "measure")), 18, "18 measures")
    groups = [m["group"] for m in measures]
    checks.equal([groups.count(g) for g in dict.fromkeys(groups)], [7, 6, 5], "measures per project area")
    added = [m for m in measures if m["name"] == NEW_MEASURE]
    if checks.equal(len(added), 1, "the added measure"):
        checks.equal((added[0]["group"], added[0]["kind"], added[0]["unit"]),
                     ("Improve the quality of EHC Plans", "interval", "count"), "the added measure's group, kind, unit")
        checks.equal(measures.index(added[0]), 11, "the added measure follows the mediations one")
        checks.check(added[0] in app_of(after)["concerns"][0]["measures"],
                     "the added measure is under the EHC plans concern, as its project area is")
        checks.equal(added[0]["sources"][0]["quote"], NEW_MEASURE, "the added measure quotes its bullet")

    concerns = app_of(after)["concerns"]
    cited = [a for a in concerns[0]["actions"] if a["ref"] == "1.4.1"] if concerns else []
    if checks.equal(len(cited), 1, "APP 1.4.1 under the first area of concern"):
        checks.equal(cited[0]["text"], None, "APP 1.4.1: cited, not stated")
        checks.equal([s["locator"] for s in cited[0]["sources"]], ["paragraph 2.3, line 42"], "APP 1.4.1 source")
        checks.equal(concerns[0]["actions"][-1]["ref"], "1.4.1", "APP 1.4.1 last of the 1.x.x actions")
    checks.equal(len(t.walk(after, "action")), len(t.walk(before, "action")) + 1, "one action more")
    described = [a for c in concerns for a in c["actions"] if a["ref"] == "1.1.1"]
    if checks.equal(len(described), 1, "APP 1.1.1 once"):
        checks.equal((described[0]["text"], described[0]["status"]),
                     ("the recruitment of family link officers", "in_progress"), "APP 1.1.1's description follows the edit")

    # Nothing else changed: undo the three edits on the edited model.
    expected = without_sources(before)
    got = without_sources(copy.deepcopy(after))
    for inspection in got["inspections"]:
        if inspection["kind"] == "revisit":
            inspection["weaknesses_sufficient"] = 7
            inspection["outcome"] = inspection["outcome"].replace("six of the nine", "seven of the nine")
    app = app_of(got)
    for concern in app["concerns"]:
        concern["measures"] = [m for m in concern["measures"] if m["name"] != NEW_MEASURE]
        concern["actions"] = [a for a in concern["actions"] if a["ref"] != "1.4.1"]
        for action in concern["actions"]:
            if action["ref"] == "1.1.1":
                action["text"] = "the implementation of the family link officer model"
    checks.check(got == expected, "nothing else changed")

# A period: the approval's date and the document's own month follow the text.
dated_folder, document = copy_plugin("dated")
text = replace_once(read(document), "approved by the Department for Education on 18th October 2022",
                    "approved by the Department for Education on 1st November 2022", "approval date")
write(document, replace_once(text, "October 2022 (Version 1.0)", "November 2022 (Version 1.0)", "month"))
dated = load(dated_folder, os.path.join(work, "dated.db"))
if before and dated:
    checks.equal((app_of(before)["approved"], app_of(before)["dated"]), ("2022-10-18", "2022-10"),
                 "as published: approved 18th October 2022, dated October 2022")
    checks.equal((app_of(dated)["approved"], app_of(dated)["dated"]), ("2022-11-01", "2022-11"),
                 "edited: approved 1st November 2022, dated November 2022")

# Roles: 5.2's co-chair changed, the steering group of 2.11 given one
# member more; reloaded, the roles follow and nothing else of them moves.
roles_folder, document = copy_plugin("roles")
text = read(document)
text = replace_once(text, "co-chaired by Louise Hudson from SENDIASS", "co-chaired by Sam Patel from FACE",
                    "co-chair")
text = replace_once(text, "with members from the PCF, SENDIASS, Schools,",
                    "with members from the PCF, SENDIASS, Schools, Colleges,", "steering group member")
write(document, text)
roles_after = load(roles_folder, os.path.join(work, "roles.db"))
if before and roles_after:
    def roles_of(area):
        app = app_of(area)
        return [(None, r["kind"], r["name"], r["organisation"]) for r in app["roles"]] + \
            [(c["ref"], r["kind"], r["name"], r["organisation"]) for c in app["concerns"] for r in c["roles"]]
    old, new = roles_of(before), roles_of(roles_after)
    checks.check((None, "chair", "Louise Hudson", "SENDIASS") in old, "roles: the co-chair as published")
    checks.check((None, "chair", "Sam Patel", "FACE") in new, "roles: the co-chair follows the edit")
    checks.check(("2", "member", "Colleges", "Colleges") in new, "roles: the steering group's added member")
    expected = [r for r in old if r[2] != "Louise Hudson"]
    checks.equal([r for r in new if r[2] not in ("Sam Patel", "Colleges")], expected,
                 "roles: nothing else of them changed")

# Broken documents: the load fails with one line naming the document, and
# an area already loaded is left as it was.
db = os.path.join(work, "kept.db")
load(original_folder, db)
code, exported = t.export_text(db)
for name, content in (("empty", b""), ("nul", b"October 2022 (Version 1.0)\n\x00\x00\n- 1.1. In June 2019\n"),
                      ("no-paragraphs", b"October 2022 (Version 1.0)\n\nNothing numbered here.\n")):
    folder, document = copy_plugin(name)
    with open(document, "wb") as handle:
        handle.write(content)
    result = t.run("load", "walsall", db=db, plugins=[folder])
    checks.equal(result.returncode, 1, "%s document: load exit code" % name)
    message = result.stderr.strip()
    checks.check(DOCUMENT in message and "\n" not in message,
                 "%s document: one line naming it: %r" % (name, message))
    checks.equal(t.export_text(db), (code, exported), "%s document: the database is unchanged" % name)

checks.done()
