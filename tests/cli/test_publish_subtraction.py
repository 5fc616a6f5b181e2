"""Secondary suppression, tested as an attacker would (issue 15, "Safe to
publish"): case records built so that subtraction between published cells
would give away a count of 1 to 4 (the issue's "36 of 41" with exceptions
and "36 of 40" without, whose difference is one exception; a 5 of 7 whose
rest is 2 late plans...), then every output read back (the indicators
listing and its --json, the JSON, CSV, XLSX and HTML exports, compare's
local figures) and everything an attacker can derive from it worked out:
no count from 1 to 4 may follow."""

import csv
import datetime
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402
import statistics_fixture as fixture  # noqa: E402

HEADER = ("Module,PersonID,RequestID,ReceivedDate,RequestSource,RequestOutcome,"
          "RequestOutcomeDate,AssessmentOutcome,AssessmentOutcomeDate,Week20,StartDate,"
          "CeaseDate,CeaseReason,ReviewDueDate,ReviewHeldDate")
AREA = "E10000028"  # Staffordshire: loaded, with official statistics
WITHIN, EXCL = "ehcp_within_20_weeks", "ehcp_within_20_weeks_excl_exceptions"
REVIEWS = "annual_reviews_on_time"

rows = []


def plan(start, late, exception):
    """A request whose plan was issued on start, 100 or 200 days after it
    was received (within 20 weeks or not), with or without an exception."""
    n = len(rows) + 1
    start = datetime.date.fromisoformat(start)
    received = start - datetime.timedelta(days=200 if late else 100)
    decided = received + datetime.timedelta(days=30)
    rows.append("request,P%d,R%d,%s,parent,assess,%s,plan,%s,%d,%s,,,," % (
        n, n, received, decided, start, 1 if exception else 0, start))
    return n


def plans(start, count, late=False, exception=False):
    return [plan(start, late, exception) for _ in range(count)]


# 2023-Q1: 36 of 41 within 20 weeks; without the one exception (late), 36
# of 40: the difference, 1, is a child's plan with an exception.
q1 = plans("2023-02-15", 36) + plans("2023-02-15", 4, late=True) + \
    plans("2023-02-15", 1, late=True, exception=True)
# 2023-Q2: 52 of 60 and 50 of 58: two exceptions, both within 20 weeks.
plans("2023-05-15", 50)
plans("2023-05-15", 8, late=True)
plans("2023-05-15", 2, exception=True)
# 2023-Q3: 30 of 30 and 27 of 27: three exceptions.
plans("2023-08-15", 27)
plans("2023-08-15", 3, exception=True)
# Reviews due in 2023-Q4 of the first quarter's plans: 18 of 20 on time,
# so 2 late.
for i, n in enumerate(q1[:20]):
    rows.append("review,P%d,R%d,,,,,,,,,,,2023-11-10,%s" % (n, n, "2023-11-01" if i < 18 else ""))

work = t.temp_dir()
cases = os.path.join(work, "attack.csv")
with open(cases, "w", encoding="utf-8") as file:
    file.write(HEADER + "\n" + "\n".join(rows) + "\n")

checks = t.Checks()
db = os.path.join(work, "attack.db")
fixture.published(db)
result = t.run("import-cases", AREA, cases, db=db)
checks.equal(result.returncode, 0, "import-cases: " + result.stderr)
EHC = os.path.join(t.SOURCE_DIR, "scripts", "indicators", "ehc.lua")
listing = t.run("indicators", EHC, db=db)
checks.equal(listing.returncode, 0, "indicators: " + listing.stderr)

# The raw counts, as built above: what the attacker is after.
raw = {(i, p): (n, d) for i, p, n, d in t.query(
    db, "SELECT indicator, period, numerator, denominator FROM indicator_result "
    "WHERE area = ? AND denominator IS NOT NULL", AREA)}
checks.equal({k: raw.get(k) for k in [(WITHIN, "2023-Q1"), (EXCL, "2023-Q1"), (WITHIN, "2023-Q2"),
                                      (EXCL, "2023-Q2"), (WITHIN, "2023-Q3"), (EXCL, "2023-Q3"),
                                      (REVIEWS, "2023-Q4")]},
             {(WITHIN, "2023-Q1"): (36, 41), (EXCL, "2023-Q1"): (36, 40),
              (WITHIN, "2023-Q2"): (52, 60), (EXCL, "2023-Q2"): (50, 58),
              (WITHIN, "2023-Q3"): (30, 30), (EXCL, "2023-Q3"): (27, 27),
              (REVIEWS, "2023-Q4"): (18, 20)},
             "the records count as built")


def cell(text):
    """A published cell: an int, "x", or a float value."""
    if text in ("x", None, ""):
        return "x" if text == "x" else None
    number = float(text)
    return int(number) if number == int(number) else number


def derive(shown):
    """Everything that follows from shown {(indicator, period): (n, d,
    value)}: the cells known, by the single-unknown rule over the relations
    of the records (denominator = numerator + rest; all plans = those
    without an exception + the exceptions, for numerator, denominator and
    rest), and a value with one of its counts giving the other."""
    known = {}
    for (indicator, period), (n, d, value) in shown.items():
        for name, item in (("n", n), ("d", d)):
            if isinstance(item, int):
                known[(indicator, period, name)] = item
        if isinstance(value, (int, float)) and value > 0:
            if isinstance(n, int) and not isinstance(d, int):
                known[(indicator, period, "d")] = round(n * 100 / value)
            if isinstance(d, int) and not isinstance(n, int):
                known[(indicator, period, "n")] = round(value * d / 100)
    relations = []
    for indicator, period in raw:
        relations.append([(indicator, period, "d"), (indicator, period, "n"),
                          (indicator, period, "rest")])
        if indicator == EXCL and (WITHIN, period) in raw:
            for name in ("n", "d", "rest"):
                relations.append([(WITHIN, period, name), (EXCL, period, name),
                                  ("exceptions", period, name)])
    changed = True
    while changed:
        changed = False
        for total, part, other in relations:
            values = [known.get(c) for c in (total, part, other)]
            if values.count(None) != 1:
                continue
            if values[0] is None:
                known[total] = values[1] + values[2]
            elif values[1] is None:
                known[part] = values[0] - values[2]
            else:
                known[other] = values[0] - values[1]
            changed = True
    return known


def attack(shown, what):
    """No small count follows from what an output shows, and the 20-week
    cells are in it at all (an output that dropped them would pass)."""
    checks.check((WITHIN, "2023-Q1") in shown and (EXCL, "2023-Q1") in shown,
                 "%s: the 20-week figures are there" % what)
    leaks = {c: v for c, v in derive(shown).items() if 1 <= v <= 4}
    checks.equal(leaks, {}, "%s: no count from 1 to 4 can be worked out" % what)


# The listing: "numerator/denominator value" per quarter.
shown = {}
for block in listing.stdout.split("\n\n"):
    match = re.match(r"\n?([a-z0-9_]+):", block)
    if not match:
        continue
    for line in block.splitlines():
        parts = line.split()
        if parts and re.match(r"\d{4}-Q\d$", parts[0]) and "/" in parts[1]:
            n, d = parts[1].split("/")
            shown[(match.group(1), parts[0])] = (cell(n), cell(d), cell(parts[2]))
attack(shown, "indicators listing")

values = json.loads(t.run("indicators", "--json", EHC, db=db).stdout)
attack({(i["id"], v["period"]): (v["numerator"], v["denominator"], v["value"])
        for i in values for v in i["values"]}, "indicators --json")

document = t.export(db)
attack({(r["indicator"], r["period"]): (r["numerator"], r["denominator"], r["value"])
        for r in document["indicators"] if r["area"] == AREA}, "export json")

folder = os.path.join(work, "csv")
checks.equal(t.run("export", "--format", "csv", "-o", folder, db=db).returncode, 0, "export csv")
with open(os.path.join(folder, "indicators.csv"), newline="") as file:
    attack({(r["indicator"], r["period"]): (cell(r["numerator"]), cell(r["denominator"]),
                                            cell(r["value"]))
            for r in csv.DictReader(file) if r["area"] == AREA}, "export csv")

import openpyxl  # noqa: E402
book = os.path.join(work, "attack.xlsx")
checks.equal(t.run("export", "--format", "xlsx", "-o", book, db=db).returncode, 0, "export xlsx")
sheet = list(openpyxl.load_workbook(book)["Indicators"].iter_rows(values_only=True))
head = list(sheet[0])
attack({(r[head.index("indicator")], r[head.index("period")]):
        (r[head.index("numerator")], r[head.index("denominator")], r[head.index("value")])
        for r in sheet[1:] if r[head.index("area")] == AREA}, "export xlsx")

# The page: each indicator's small chart of Staffordshire describes every
# period as "PERIOD: VALUE (N of D)".
page = t.run("export", "--format", "html", db=db).stdout
shown = {}
for block in re.split(r'(?=<section class="trend")', page):
    indicator = re.search(r"indicator <code>([a-z0-9_]+)</code>", block)
    figure = re.search(r'<figure class="trend-chart" data-area="%s".*?</figure>' % AREA, block,
                       re.S)
    if not indicator or not figure:
        continue
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", figure.group(0), re.S).group(1)
    for period, value, n, d in re.findall(
            r"(\d{4}-Q\d): (\S+)[^();]*(?:\([^()]*\))? ?\((\w+) of (\w+)\)", desc):
        shown[(indicator.group(1), period)] = (cell(n), cell(d), cell(value.rstrip("%")))
attack(shown, "export html")

result = t.run("compare", "--indicators", "--json", db=db)
statistics = json.loads(result.stdout)
area = next(a for a in statistics["areas"] if a["code"] == AREA)
attack({(item["indicator"], p["period"]): (p["numerator"], p["denominator"], p["value"])
        for item in area["indicators"] for p in item["local"]}, "compare --indicators --json")
checks.done()
