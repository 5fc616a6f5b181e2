"""What changed since the last review (issue 16): `sendlens show AREA --since
PERIOD` compares the return for PERIOD (or the latest ending on or before
it) with the latest one: the actions whose status changed (from, to, both
returns' periods as written and by span), the measures that moved towards
or away from their target ("no target" where the plan sets none), the
actions overdue as at the latest return's last day (or --as-of), and the
summary line "N of M actions reported in PERIOD: ...". The same as JSON
(schemas/changes.schema.json) and as a section of each area card on the
HTML page.

Every expectation is worked out here from this test's own return files,
the fixtures' documents (through the JSON export of the plan) and the
calendar, never copied from the program's output. Two fixture areas:
Testshire (fixture_full: four actions, one due 2023-12-31, a measure M1
with target 60, better up) and Kpishire (fixture_kpi: five measures with
targets, no direction; one target blanked here to make a measure without
one, one name made hostile)."""

import html.parser
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402
import jsonschema  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "changes.db")
result = t.run("load", "fixture_full", db=db, plugins=[t.TEST_PLUGINS])
checks.equal(result.returncode, 0, "fixture_full loads: " + result.stderr)

# Kpishire with 2.1's target blanked ("n/a") and 1.2's name hostile.
HOSTILE = 'reviews <img src=x onerror="alert(1)"> &'
# A file name may hold what a plan may not: an escape sequence.
HOSTILE_FILE = '<img src=x onerror="alert(1)"> & \x1b[31mred k2.csv'
folder = os.path.join(work, "plugins")
os.mkdir(folder)
sources = t.copy_plugin("fixture_kpi", folder, plugin_dir=t.TEST_PLUGINS)
table_path = os.path.join(sources, "kpi-table.txt")
os.chmod(table_path, 0o644)
text = open(table_path, encoding="utf-8").read()
edited = text.replace("\t40%\t50%\t60%\t", "\t40%\t50%\tn/a\t").replace(
    "% of annual reviews completed", "% of annual " + HOSTILE)
checks.check(edited.count("\n") == text.count("\n") and edited != text, "the edits apply")
with open(table_path, "w", encoding="utf-8") as out:
    out.write(edited)
result = t.run("load", "fixture_kpi", db=db, plugins=[folder])
checks.equal(result.returncode, 0, "edited fixture_kpi loads: " + result.stderr)

# The declared statuses, in their order (core/include/sendlens/records.def).
records_def = open(os.path.join(t.SOURCE_DIR, "core", "include", "sendlens", "records.def"),
                   encoding="utf-8").read()
STATUSES = re.search(r'SL_FIELD\(action, status, ENUM, OPTIONAL, "([^"]+)"', records_def).group(1).split()
schema = json.load(open(os.path.join(t.SOURCE_DIR, "schemas", "changes.schema.json")))
validator = jsonschema.Draft202012Validator(schema)


def write(name, period, rows):
    """A return: rows of (ref, kind, status, value)."""
    path = os.path.join(work, name)
    with open(path, "w", encoding="utf-8") as out:
        out.write("Period,Ref,Kind,Status,Value,Note\n")
        for ref, kind, status, value in rows:
            out.write('"%s",%s,%s,%s,%s,\n' % (period, ref, kind, status, value))
    return path


def show(*args):
    return t.run("show", *args, db=db, env={"COLUMNS": "200"})


def changes_json(area, since, *more):
    result = show(area, "--since", since, "--json", *more)
    checks.equal(result.returncode, 0, "show %s --since %s --json: %s" % (area, since, result.stderr))
    if result.returncode:
        return None
    tree = json.loads(result.stdout)
    errors = list(validator.iter_errors(tree))
    checks.check(not errors, "valid against changes.schema.json: %s" %
                 [(list(e.path), e.message) for e in errors[:3]])
    return tree


# --- Testshire: statuses, the overdue action, the summary -----------------

# Three returns, each period written its own way; their spans from the
# calendar (docs/periods.md: a financial year from 1 April). Imported out
# of order, and their text sorts otherwise ("2024-Q1" < "Dec 2023").
R1 = ("Dec 2023", "month", "2023-12-01", "2023-12-31", "t1.csv",
      {"1": "not_started", "1.1.1": "in_progress", "1.1.2": "in_progress"}, 44)
R2 = ("2024-Q1", "quarter", "2024-01-01", "2024-03-31", "t2.csv",
      {"1": "in_progress", "1.1.1": "in_progress", "1.1.2": "in_progress", "1.1.3": "not_started"}, 48)
R3 = ("Q1 FY 2024-25", "quarter", "2024-04-01", "2024-06-30", "t3.csv",
      {"1": "in_progress", "1.1.1": "completed", "1.1.3": "in_progress"}, 41)

before = show("fixture_full", "--since", "Dec 2023")
checks.equal(before.returncode, 1, "no return yet: fails")
checks.check(before.stderr.startswith("sendlens: show: ") and "no progress return" in before.stderr
             and before.stderr.count("\n") == 1, "one line saying there is no return: " + before.stderr)


def import_return(spec):
    period, _, _, _, name, statuses, value = spec
    rows = [(ref, "action", status, "") for ref, status in statuses.items()]
    rows.append(("M1", "measure", "", str(value)))
    result = t.run("import-progress", "fixture_full", write(name, period, rows), db=db)
    checks.equal(result.returncode, 0, "%s imports: %s" % (period, result.stderr))


import_return(R3)
only = show("fixture_full", "--since", "Dec 2023")
checks.equal(only.returncode, 1, "one return: nothing to compare")
checks.check(only.stderr.startswith("sendlens: show: ") and "nothing to compare yet" in only.stderr
             and R3[0] in only.stderr and only.stderr.count("\n") == 1,
             "one line saying there is nothing to compare yet: " + only.stderr)
import_return(R1)
import_return(R2)

area = next(a for a in t.export(db)["areas"] if a["code"] == "E99999991")
actions = {a["return_ref"]: a for a in t.walk(area, "action") if a.get("return_ref")}
total_actions = len(list(t.walk(area, "action")))
m1 = next(m for m in t.walk(area, "measure") if m.get("return_ref") == "M1")


def expected_changes(base, latest):
    return [(ref, base[5].get(ref), status) for ref, status in latest[5].items()
            if base[5].get(ref) != status]


def expected_summary(latest):
    counts = [(s, list(latest[5].values()).count(s)) for s in STATUSES]
    words = ", ".join("%d %s" % (n, s.replace("_", " ")) for s, n in counts if n)
    return "%d of %d actions reported in %s: %s" % (len(latest[5]), total_actions, latest[0], words)


def movement(before, after, target, direction):
    if target is None:
        return "no target"
    if before == after:
        return "unchanged"
    if (direction == "up" and after >= target) or (direction == "down" and after <= target):
        return "met"
    a, b = abs(target - before), abs(target - after)
    return "towards" if b < a else "away" if b > a else "same distance"


def return_of(spec):
    return {"period": spec[0], "kind": spec[1], "start": spec[2], "end": spec[3], "document": spec[4]}


def day_after(iso):
    import datetime
    return (datetime.date.fromisoformat(iso) + datetime.timedelta(days=1)).isoformat()


def expected_overdue(latest_statuses_by_ref, as_of):
    """Actions due (the plan's due date, as the export gives it) before
    as_of and not completed in the latest return reporting them."""
    out = []
    for ref, action in actions.items():
        due = action.get("due")
        if not due or due >= as_of:
            continue
        status = latest_statuses_by_ref.get(ref, action.get("status"))
        if status != "completed":
            out.append((ref, due, status))
    return out


def latest_status(specs):
    """Each ref's status in the latest (by span) return reporting it."""
    known = {}
    for spec in sorted(specs, key=lambda s: (s[2], s[3])):
        known.update(spec[5])
    return known


# The return for each --since: the latest ending on or before its last day.
for since, base in [("Dec 2023", R1), ("2024-01-15", R1), ("Feb 2024", R1), ("2024-Q1", R2),
                    ("Q4 FY 2023-24", R2)]:
    tree = changes_json("fixture_full", since)
    if not tree:
        continue
    what = "--since %s" % since
    checks.equal(tree["since"], return_of(base), what + ": the earlier return, as written and by span")
    checks.equal(tree["latest"], return_of(R3), what + ": the latest return, by span")
    checks.equal(tree["nothing_to_compare"], None, what + ": something to compare")
    checks.equal([(c["ref"], c["from"], c["to"]) for c in tree["status_changes"]],
                 expected_changes(base, R3), what + ": the status changes, from and to")
    change = next((c for c in tree["status_changes"] if c["from"]), None)
    checks.check(change and change["from_source"]["document"] == base[4]
                 and change["to_source"]["document"] == R3[4]
                 and change["to_source"]["quote"] == R3[5][change["ref"]],
                 what + ": each status with its file and cell: %r" % change)
    checks.equal([(m["ref"], m["from"], m["to"], m["target"], m["movement"]) for m in tree["measures"]],
                 [("M1", base[6], R3[6], m1["target"],
                   movement(base[6], R3[6], m1["target"], m1.get("direction")))],
                 what + ": M1 moved away from its target")
    checks.equal(tree["summary"]["text"], expected_summary(R3), what + ": the summary line")
    checks.equal((tree["summary"]["actions"], tree["summary"]["reported"]),
                 (total_actions, len(R3[5])), what + ": the summary's counts")
    checks.equal(tree["as_of"], R3[3], what + ": overdue judged at the latest return's last day")
    checks.equal([(o["ref"], o["due"], o["status"]) for o in tree["overdue"]],
                 expected_overdue(latest_status([R1, R2, R3]), R3[3]), what + ": the overdue actions")
checks.check(expected_overdue(latest_status([R1, R2, R3]), R3[3]),
             "the test has an overdue action to find")
checks.equal(tree and tree["actions_with_due"], len([a for a in actions.values() if a.get("due")]),
             "the count of actions with a due date")
# The last review held, for context: the latest "held" of the plan's reviews.
reviews = [r for r in t.walk(area, "review") if r.get("held")]
last = max(reviews, key=lambda r: r["held"]) if reviews else None
checks.check(last, "fixture_full's plan records a review held")
checks.equal(tree and tree["last_review"] and (tree["last_review"]["label"], tree["last_review"]["held"]),
             last and (last["label"], last["held"]), "the last review held")

# --as-of: the due day itself is not past; the day after is.
due = actions["1"]["due"]
tree = changes_json("fixture_full", "Dec 2023", "--as-of", due)
checks.equal(tree and [o["ref"] for o in tree["overdue"]], [], "--as-of the due day: not overdue")
tree = changes_json("fixture_full", "Dec 2023", "--as-of", day_after(due))
checks.equal(tree and [o["ref"] for o in tree["overdue"]], ["1"], "--as-of the day after: overdue")
checks.equal(tree and tree["as_of"], day_after(due), "--as-of is the day judged at")

# The text: both periods, each change, the summary, the overdue action.
text = show("fixture_full", "--since", "Dec 2023")
checks.equal(text.returncode, 0, "show --since: " + text.stderr)
out = text.stdout
checks.check(R1[0] in out and R3[0] in out and R1[2] in out and R3[3] in out,
             "the text names both returns as written and by span")
checks.check(expected_summary(R3) in out, "the text has the summary line")
for ref, before_status, after_status in expected_changes(R1, R3):
    line = next((l for l in out.splitlines() if l.startswith(ref + " ")), "")
    checks.check((before_status or "not reported").replace("_", " ") in line
                 and after_status.replace("_", " ") in line,
                 "the text shows %s from %s to %s: %r" % (ref, before_status, after_status, line))
checks.check(re.search(r"overdue as at %s" % R3[3], out) and due in out, "the text lists the overdue action")
plain = show("fixture_full")
checks.check(("latest: " + expected_summary(R3)) in plain.stdout,
             "show without --since ends its returns with the summary line")

# Bad --since: one line naming the command and the period, exit 1.
for bad, words in [("Winter 2023", "Winter 2023"), ("Nov 2023", "no progress return"),
                   ("FY 2024-25", "is the latest")]:
    result = show("fixture_full", "--since", bad)
    checks.equal(result.returncode, 1, "--since %s fails" % bad)
    checks.check(result.stderr.startswith("sendlens: show: ") and words in result.stderr
                 and result.stderr.count("\n") == 1 and not result.stdout,
                 "--since %s: one line: %r" % (bad, result.stderr))
result = show("fixture_full", "--as-of", "2024-06-30")
checks.equal(result.returncode, 2, "--as-of without --since is a usage error")

# --- Kpishire: measures towards and away from their targets ---------------

kpi = next(a for a in t.export(db)["areas"] if a["code"] == "E99999994")
measures = {m["return_ref"]: m for m in t.walk(kpi, "measure")}
checks.equal(measures["2.1"]["target"], None, "2.1 has no target in the edited table")
K1 = ("Q1 2023/24", "quarter", "2023-09-01", "2023-11-30", "k1.csv",
      {"1.1": 45, "1.2": 70, "1.3": 90, "2.1": 40, "2.2": 55})
K2 = ("Q2 2023/24", "quarter", "2023-12-01", "2024-02-29", HOSTILE_FILE,
      {"1.1": 52, "1.2": 65, "1.3": 60, "2.1": 45, "2.2": 58})
for spec in (K1, K2):
    rows = [(ref, "measure", "", str(value)) for ref, value in spec[5].items()]
    result = t.run("import-progress", "fixture_kpi", write(spec[4], spec[0], rows), db=db)
    checks.equal(result.returncode, 0, "%s imports: %s" % (spec[0], result.stderr))
tree = changes_json("fixture_kpi", "Q1 2023/24")
expected = [(ref, K1[5][ref], K2[5][ref], measures[ref]["target"],
             movement(K1[5][ref], K2[5][ref], measures[ref]["target"], measures[ref].get("direction")))
            for ref in measures]
checks.check({e[4] for e in expected} >= {"towards", "away", "no target"},
             "the test moves a measure towards, one away, one without a target")
checks.equal(tree and [(m["ref"], m["from"], m["to"], m["target"], m["movement"])
                       for m in tree["measures"]], expected, "Kpishire's measures and how they moved")
checks.equal(tree and tree["summary"]["text"],
             "0 of 0 actions reported in %s" % K2[0], "a plan without actions: 0 of 0")
checks.equal(tree and tree["status_changes"], [], "no action, no status change")
checks.equal(tree and (tree["actions_with_due"], tree["overdue"]), (0, []),
             "a plan without due dates: nothing overdue")
checks.equal(tree and tree["last_review"], None, "Kpishire's documents record no review held")

# Hostile text from a plan and a file name: no escape reaches the terminal.
text = show("fixture_kpi", "--since", "Q1 2023/24")
checks.equal(text.returncode, 0, "Kpishire's text: " + text.stderr)
checks.check("\x1b" not in text.stdout and "annual reviews" in text.stdout,
             "control characters in the plan and the file name print as '?'")
checks.check(re.search(r"1\.2 .*annual reviews.*70.*65.*75.*away", text.stdout),
             "the text shows 1.2 going from 70 to 65, away from its target 75")
checks.check("no action of the plan has a due date" in text.stdout,
             "the text says why nothing can be overdue")


# --- The HTML page ----------------------------------------------------------

class Sections(html.parser.HTMLParser):
    """The text and the elements of each changes section."""

    def __init__(self):
        super().__init__()
        self.sections, self.depth, self.current = [], 0, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "changes" in (attrs.get("class") or "").split():
            self.current = {"id": attrs.get("aria-labelledby"), "text": "", "tags": [], "titles": []}
            self.sections.append(self.current)
            self.depth = 0
        if self.current is not None:
            self.depth += tag == "section"
            self.current["tags"].append(tag)
            if "title" in attrs:
                self.current["titles"].append(attrs["title"])

    def handle_endtag(self, tag):
        if self.current is not None and tag == "section":
            self.depth -= 1
            if self.depth == 0:
                self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current["text"] += data


page_path = os.path.join(work, "page.html")
result = t.run("export", "--format", "html", "-o", page_path, db=db)
checks.equal(result.returncode, 0, "export html: " + result.stderr)
page = open(page_path, encoding="utf-8").read()
parser = Sections()
parser.feed(page)
checks.equal(len(parser.sections), 2, "a changes section per area card")
names = [a["name"] for a in t.export(db)["areas"]]
by_name = dict(zip(names, parser.sections))
testshire, kpishire = by_name.get("Testshire"), by_name.get(kpi["name"])
if testshire and kpishire:
    words = " ".join(testshire["text"].split())
    checks.check(expected_summary(R3) in words, "the page's Testshire summary: " + words[:200])
    checks.check("compared with the %s return" % R2[0] in words,
                 "the page compares the latest return with the one before it")
    for ref, before_status, after_status in expected_changes(R2, R3):
        checks.check(re.search(r"%s .*from %s \(%s\).* to %s \(%s\)" % (
            re.escape(ref), (before_status or "not reported").replace("_", " "), re.escape(R2[0]),
            after_status.replace("_", " "), re.escape(R3[0])), words),
            "the page shows %s's change" % ref)
    checks.check("Overdue as at " + R3[3] in words, "the page lists the overdue actions")
    checks.check("Last review of the plan: %s, held %s." % (last["label"], last["held"]) in words,
                 "the page names the last review held")
    ktext = " ".join(kpishire["text"].split())
    checks.check('annual reviews <img src=x onerror="alert(1)"> & ' in ktext,
                 "the hostile measure name reads as text on the page: " + ktext[:300])
    checks.check(HOSTILE_FILE in kpishire["text"],
                 "the hostile file name reads as text on the page")
    checks.check("img" not in kpishire["tags"] and "script" not in kpishire["tags"],
                 "no element comes from the hostile text: %r" % sorted(set(kpishire["tags"])))
    checks.check('onerror="alert(1)"' not in page, "the hostile text's quotes are escaped")
checks.done()
