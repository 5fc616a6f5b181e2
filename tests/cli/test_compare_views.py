"""compare --theme and compare --gaps on the three real areas, and the
terminal tables: they fit the width, wrap instead of cutting, and colour
only a terminal without NO_COLOR. The values come from reading the
documents in plugins/*/sources/."""

import json
import os
import pty
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "areas.db")
result = t.run("load", "staffordshire", "walsall", "worcestershire", db=db)
checks.equal(result.returncode, 0, "the three areas load: " + result.stderr)

WALSALL_DOC = "app-supporting-document-2022-10.txt"
LOCAL_OFFER = ("The poor quality of the local offer, which does not meet the requirements "
               "of the code of practice")


def compare(*args, columns=""):
    return t.run("compare", *args, db=db, env={"COLUMNS": columns})


def compare_json(*args):
    result = compare(*args, "--json")
    checks.equal(result.returncode, 0, "compare %s --json: %s" % (" ".join(args), result.stderr))
    return json.loads(result.stdout) if result.returncode == 0 else {}


def widest(text):
    return max((len(line) for line in text.splitlines()), default=0)


def words(text):
    return re.sub(r"\s+", " ", text).strip()


# --theme local_offer: the supporting statement's heading names Walsall's
# weakness (judged insufficient); its concern 2 cites APP 2.1.1 - 2.1.5,
# 2.2.1 and 2.2.3 without stating them, and Walsall's measures belong to
# the plan, not to the concern.
view = compare_json("--theme", "local_offer")
areas = view.get("areas", [])
checks.equal([a["name"] for a in areas], ["Walsall"], "local_offer: only Walsall")
checks.equal(view.get("theme", {}).get("id"), "local_offer", "the theme")
if areas:
    walsall = areas[0]
    checks.equal([(w["text"], w["progress"]) for w in walsall["weaknesses"]],
                 [(LOCAL_OFFER, "insufficient")], "Walsall's local offer weakness, insufficient")
    checks.check(all(s["document"] == WALSALL_DOC for w in walsall["weaknesses"]
                     for s in w["sources"]) and walsall["weaknesses"][0]["sources"],
                 "the weakness's sources are Walsall's supporting statement")
    concerns = walsall["concerns"]
    checks.equal([c["ref"] for c in concerns], ["2"], "Walsall's local offer concern")
    actions = [a for c in concerns for a in c["actions"]]
    checks.equal([a["ref"] for a in actions],
                 ["2.1.1", "2.1.2", "2.1.3", "2.1.4", "2.1.5", "2.2.1", "2.2.3"],
                 "the cited actions (APP 2.1.1 - 2.1.5, 2.2.1, 2.2.3)")
    # 2.11 (line 53) describes APP 2.2.1 alone: "The Corporate transformation
    # of the web platform is underway"; the others are only cited.
    checks.equal([a["ref"] for a in actions if a["text"] is not None], ["2.2.1"],
                 "only the action the plan describes has text")
    checks.check(all(a["sources"] and a["sources"][0]["locator"] for a in actions),
                 "every action has a source and locator")
    # The five key indicators under "Increase Co-production ... in relation
    # to the Local Offer" (lines 116-122) are the local offer concern's.
    checks.equal(len([m for c in concerns for m in c["measures"]]), 5, "the concern's five measures")

result = compare("--theme", "local_offer")
checks.equal(result.returncode, 0, "compare --theme local_offer: " + result.stderr)
out = result.stdout
checks.check("Walsall" in out and "Staffordshire" not in out and "Worcestershire" not in out,
             "the terminal view shows only Walsall")
checks.check("(cited, not stated)" in out, "actions cited but not stated say so")
checks.check("insufficient progress" in out, "the judgement is shown")
checks.check(widest(out) <= 100, "fits the default width of 100 (widest %d)" % widest(out))
checks.check("\033" not in out, "no colour when stdout is not a terminal")

# Narrow: every line within 60, and the weakness's words all there, wrapped.
result = compare("--theme", "local_offer", columns="60")
checks.check(widest(result.stdout) <= 60, "fits COLUMNS=60 (widest %d)" % widest(result.stdout))
cells = " ".join(line[12:] for line in result.stdout.splitlines())
checks.check(LOCAL_OFFER in words(cells), "the weakness text is wrapped, not cut")

# --theme ehcp_quality: all three areas. Staffordshire's letter judges its
# EHC plan weakness insufficient; Worcestershire's concern 4 lists 14
# actions with 5 measures.
view = compare_json("--theme", "ehcp_quality")
by_name = {a["name"]: a for a in view.get("areas", [])}
checks.equal(sorted(by_name), ["Staffordshire", "Walsall", "Worcestershire"],
             "ehcp_quality: three areas")
if len(by_name) == 3:
    checks.equal([w["progress"] for w in by_name["Staffordshire"]["weaknesses"]],
                 ["insufficient"], "Staffordshire's EHC plan weakness: insufficient")
    checks.check(by_name["Walsall"]["weaknesses"][0]["text"].startswith("Poor-quality EHC plans"),
                 "Walsall's weakness in its own words")
    worcestershire = by_name["Worcestershire"]["concerns"]
    checks.equal([(c["ref"], len(c["actions"]), len(c["measures"])) for c in worcestershire],
                 [("4", 14, 5)], "Worcestershire's EHCP concern: 14 actions, 5 measures")
    measures = [m for c in worcestershire for m in c["measures"]]
    checks.check(all(m["name"] and m["sources"] for m in measures),
                 "measures carry a name and a source")
    # Only the audit measure says what it counts ("Percentage of Audits");
    # the others' kind stays unknown rather than guessed.
    checks.equal([(m["kind"], m["unit"]) for m in measures if m["name"].startswith("Percentage")],
                 [("interval", "percent")], "the audit measure is a percentage")
    checks.equal(sum(m["kind"] is None for m in measures), 4, "four measures of unknown kind")
result = compare("--theme", "ehcp_quality", columns="80")
checks.check(widest(result.stdout) <= 80,
             "three columns fit 80 (widest %d)" % widest(result.stdout))

# An unknown theme is a usage error naming it and listing the valid ids.
result = compare("--theme", "nope")
checks.equal(result.returncode, 2, "unknown theme: exit 2")
checks.check("'nope'" in result.stderr and "local_offer" in result.stderr
             and "workforce_capacity" in result.stderr, "names it and lists valid ids")
checks.equal(len(result.stderr.strip().splitlines()), 1, "one line")
result = compare("--theme", "local_offer", "--gaps")
checks.equal(result.returncode, 2, "--theme with --gaps: exit 2")

# --gaps. Walsall lists 17 measures (7 + 5 + 5 under three headings) with
# no baseline or target, and its concerns have none; Worcestershire's 38
# actions have no lead or timescale column, but every concern has measures.
gaps = {a["name"]: a for a in compare_json("--gaps").get("areas", [])}
checks.equal(sorted(gaps), ["Staffordshire", "Walsall", "Worcestershire"], "gaps: three areas")
if len(gaps) == 3:
    walsall = gaps["Walsall"]
    checks.equal(walsall["measures_total"], 17, "Walsall: 17 measures")
    checks.equal([m["missing"] for m in walsall["measures_without_baseline_or_target"]],
                 [["baseline", "target"]] * 17, "Walsall: none has a baseline or target")
    checks.equal([x["theme"] for x in walsall["themes_without_measures"]],
                 [], "Walsall: every theme measured (its project areas' key indicators)")
    checks.equal(walsall["actions_total"], 17, "Walsall: 17 actions")
    checks.equal(gaps["Worcestershire"]["themes_without_measures"], [],
                 "Worcestershire: every theme measured")
    checks.equal(gaps["Worcestershire"]["actions_total"], 38, "Worcestershire: 38 actions")
    checks.equal(len(gaps["Worcestershire"]["actions_without_lead_or_due"]), 38,
                 "Worcestershire: no action has a lead or due date")
    checks.equal([x["theme"] for x in gaps["Staffordshire"]["themes_without_measures"]],
                 # The EHC plan concern answers weakness 4 (annual reviews,
                 # health and care contributions): its themes, unmeasured too.
                 ["annual_reviews", "coproduction", "ehcp_quality", "multiagency_contribution"],
                 "Staffordshire's unmeasured themes")
result = compare("--gaps", columns="70")
checks.equal(result.returncode, 0, "compare --gaps: " + result.stderr)
checks.check("measures with no baseline or no target: 17 of 17" in result.stdout,
             "the terminal says 17 of 17 for Walsall")
checks.check(widest(result.stdout) <= 70, "gaps fit 70 (widest %d)" % widest(result.stdout))

# The matrix uses the same tables: theme id at column 0, then the cells.
result = compare()
checks.check(re.search(r"^coproduction +W:ins", result.stdout, re.M) is not None,
             "matrix row starts with the theme id")
result = compare(columns="60")
checks.check(widest(result.stdout) <= 60, "matrix fits 60 (widest %d)" % widest(result.stdout))
checks.check(all(n in result.stdout for n in ("Staffordshire", "Walsall", "Worcestershire")),
             "matrix names the three areas")


def on_terminal(*args, env):
    """Run sendlens with stdout on a pseudo-terminal; returns its output."""
    leader, follower = pty.openpty()
    full_env = dict(os.environ, COLUMNS="100")
    full_env.pop("NO_COLOR", None)
    full_env.update(env)
    process = subprocess.Popen([t.SENDLENS, "--db", db] + list(args), stdout=follower,
                               stderr=subprocess.DEVNULL, env=full_env)
    os.close(follower)
    output = t.read_terminal(leader)
    process.wait(timeout=60)
    os.close(leader)
    return output


# `areas` is a table too: every count stands under its heading, whatever
# the length of the plugin's name (worcestershire is the longest). The
# counts come from the documents: Walsall's APP cites 17 actions.
lines = t.run("areas", db=db, env={"COLUMNS": "120"}).stdout.splitlines()
heading = lines[0] if lines else ""
column = heading.find("ACT ")
rows = {line.split()[1]: line for line in lines[2:] if line.strip()}
checks.equal(sorted(rows), ["Staffordshire", "Walsall", "Worcestershire"], "areas lists three")
for name, line in rows.items():
    checks.check(column > 0 and line[column - 1] == " " and line[column].isdigit(),
                 "%s: its action count stands under ACT: %r" % (name, line))
checks.check(column > 0 and rows.get("Walsall", "")[column:column + 3].strip() == "17",
             "Walsall: 17 actions under ACT")

checks.check("\033[" in on_terminal("compare", env={}), "a terminal gets a bold heading")
checks.check("\033" not in on_terminal("compare", env={"NO_COLOR": "1"}),
             "NO_COLOR turns colour off on a terminal")
# An action's stated status is shown beside its words (Walsall's APP says the
# family link officer model, 1.1.1, is under way).
theme = json.loads(t.run("compare", "--theme", "ehcp_quality", "--json", db=db).stdout)
walsall = [area for area in theme["areas"] if area["name"] == "Walsall"][0]
statuses = {action["ref"]: action["status"] for concern in walsall["concerns"]
            for action in concern["actions"]}
checks.equal((statuses.get("1.1.1"), statuses.get("1.1.6")), ("in_progress", None),
             "compare --theme: an action's stated status, and none where none is stated")
text = t.run("compare", "--theme", "ehcp_quality", db=db, env={"COLUMNS": "200"}).stdout
checks.check("family link officer model" in text and "[in_progress]" in text,
             "compare --theme prints the status beside the action's words")
checks.done()
