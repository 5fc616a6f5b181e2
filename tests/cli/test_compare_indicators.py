"""compare --indicators on hand-made files in the Explore education
statistics format (tests/lib/statistics_fixture.py), imported by
import-statistics: ranks and quartiles direction-aware with ties, changes,
England and the region, the groups (region, partnership, a --group CSV;
pooled or mean; symbols never numbers), a bad group file refused at its
line, the terminal view within 60 and 120 columns, and compare --theme
with the official series. Every expected value is worked out by hand below.

Quartile = 4 * (rank - 1) // n + 1 (statistics_compare.h).

ehcp_within_20_weeks (higher is better), the local authorities' values:
  2023: Newcastle 90, Walsall 60.2, Birmingham 60.2, Durham 45,
        Staffordshire 28.1, Worcestershire 27.5, Sunderland 10; Coventry x.
        n = 7; ranks 1, 2, 2, 4, 5, 6, 7 (the tie shares 2, the next is 4);
        quartiles 1, 1, 1, 2, 3, 3, 4.
  2024: Walsall 84.2, Newcastle 84.2, Coventry 50, Worcestershire 37.2,
        Staffordshire 35.3, Durham 35.3, Birmingham 20, Sunderland 5.
        n = 8; ranks 1, 1, 3, 4, 5, 5, 7, 8; quartiles 1, 1, 2, 2, 3, 3, 4, 4.
weeks_to_plan (lower is better), 2024: Staffordshire 10, Worcestershire
  10, Walsall 20, Birmingham 30: ranks 1, 1, 3, 4; quartiles 1, 1, 3, 4.
placements_made_up (neither): no rank, no quartile.
"""

import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402
import statistics_fixture as fixture  # noqa: E402
import jsonschema  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "hand.db")
lines = fixture.hand(db, work)

STAFFORDSHIRE, WALSALL, WORCESTERSHIRE = "E10000028", "E08000030", "E10000034"


def write(name, text):
    path = os.path.join(work, name)
    with open(path, "w") as out:
        out.write(text)
    return path


NEIGHBOURS = write("neighbours.csv", "code,name\nE08000025,Birmingham\n331,Coventry\n"
                                     " E06000047 , County Durham\n")


def compare_json(*args):
    result = t.run("compare", "--indicators", "--json", *args, db=db)
    checks.equal(result.returncode, 0, "compare --indicators --json %s: %s" % (args, result.stderr))
    return json.loads(result.stdout) if result.returncode == 0 else {}


def series(owner, indicator):
    for item in owner.get("indicators", []):
        if item["indicator"] == indicator:
            return {point["period"]: point for point in item["series"]}
    return {}


def area(view, code):
    return next((a for a in view.get("areas", []) if a["code"] == code), {})


def group(view, ident):
    return next((g for g in view.get("groups", []) if g["id"] == ident), {})


def picked(point, *keys):
    return tuple(point.get(key) for key in keys) if point else None


RANKED = ("value", "rank", "ranked", "quartile", "change", "england", "region")

# ---- the loaded areas: ranks, quartiles, changes, England and region ----
view = compare_json("--group", NEIGHBOURS)
checks.equal([a["code"] for a in view.get("areas", [])], [STAFFORDSHIRE, WALSALL, WORCESTERSHIRE],
             "the three loaded areas, by name")
timely = {code: series(area(view, code), "ehcp_within_20_weeks")
          for code in (STAFFORDSHIRE, WALSALL, WORCESTERSHIRE)}
checks.equal(picked(timely[STAFFORDSHIRE].get("2023"), *RANKED), (28.1, 5, 7, 3, None, 50.3, 40),
             "Staffordshire 2023: rank 5 of 7, Q3, no change (no 2022)")
checks.equal(picked(timely[STAFFORDSHIRE].get("2024"), *RANKED), (35.3, 5, 8, 3, 7.2, 46.4, 45),
             "Staffordshire 2024: rank 5 of 8 (tied with Durham), Q3, +7.2")
checks.equal(picked(timely[WALSALL].get("2023"), *RANKED), (60.2, 2, 7, 1, None, 50.3, 40),
             "Walsall 2023: rank 2 shared with Birmingham, Q1")
checks.equal(picked(timely[WALSALL].get("2024"), *RANKED), (84.2, 1, 8, 1, 24, 46.4, 45),
             "Walsall 2024: rank 1 shared with Newcastle, +24")
checks.equal(picked(timely[WORCESTERSHIRE].get("2023"), *RANKED), (27.5, 6, 7, 3, None, 50.3, 40),
             "Worcestershire 2023: rank 6, Q3")
checks.equal(picked(timely[WORCESTERSHIRE].get("2024"), *RANKED), (37.2, 4, 8, 2, 9.7, 46.4, 45),
             "Worcestershire 2024: rank 4, Q2, +9.7")
worcestershire = timely[WORCESTERSHIRE].get("2024", {})
checks.equal((worcestershire.get("numerator"), worcestershire.get("numerator_symbol"),
              worcestershire.get("denominator")), (None, "c", 250),
             "a suppressed numerator is its symbol, never 0")
checks.equal([(s["cell"], s["line"], s["column"]) for s in worcestershire.get("sources", [])],
             [("value", lines[(WORCESTERSHIRE, 2024)], "pc_plans_issued_within_20_weeks"),
              ("numerator", lines[(WORCESTERSHIRE, 2024)], "plans_issued_within_20_weeks"),
              ("denominator", lines[(WORCESTERSHIRE, 2024)], "plans_issued_den")],
             "each published cell's source, the symbol's too: line and column")
checks.check(all(s["document"] == fixture.TIMELINESS for s in worcestershire.get("sources", [])),
             "the source names the file without a folder")

# The view is the interchange schema's "statistics" object, a named group too.
schema = json.load(open(os.path.join(t.SOURCE_DIR, "schemas", "model.schema.json")))
statistics_schema = dict(schema["$defs"]["statistics"], **{"$defs": schema["$defs"]})
errors = list(jsonschema.Draft202012Validator(statistics_schema).iter_errors(view))
checks.check(not errors, "--json is the schema's statistics object: %s"
             % [(list(e.path)[:8], e.message) for e in errors[:3]])

# ---- any local authority, by code, number or name; ties and symbols ----
others = compare_json("--area", "E08000025", "--area", "840", "--area", "coventry",
                      "--area", "Sunderland")
named = {a["name"]: series(a, "ehcp_within_20_weeks") for a in others.get("areas", [])}
checks.equal(sorted(named), ["Birmingham", "County Durham", "Coventry", "Sunderland"],
             "--area by GSS code, DfE number and name (any case)")
checks.equal(picked(named.get("Birmingham", {}).get("2023"), "rank", "quartile"), (2, 1),
             "Birmingham 2023 shares rank 2 with Walsall")
checks.equal(picked(named.get("County Durham", {}).get("2023"), "rank", "quartile"), (4, 2),
             "after a tie of two at 2, County Durham is 4th (Q2)")
checks.equal(picked(named.get("County Durham", {}).get("2024"), "rank", "quartile", "change"),
             (5, 3, -9.7), "County Durham 2024: 5th, tied with Staffordshire; -9.7")
checks.equal(picked(named.get("Sunderland", {}).get("2024"), "rank", "ranked", "quartile"),
             (8, 8, 4), "the last of 8 is Q4")
coventry = named.get("Coventry", {})
checks.equal(picked(coventry.get("2023"), "value", "symbol", "rank", "quartile", "change"),
             (None, "x", None, None, None), "Coventry 2023: x, not a number, not ranked")
checks.equal(picked(coventry.get("2024"), "value", "rank", "quartile", "change"),
             (50, 3, 2, None), "Coventry 2024: 3rd, and no change from a symbol")
checks.equal(others.get("groups", [{}])[0].get("id"), fixture.WEST_MIDLANDS,
             "the region of the first area is a group")
checks.equal(sorted(g["id"] for g in others.get("groups", [])),
             sorted([fixture.WEST_MIDLANDS, fixture.NORTH_EAST, "partnership"]),
             "groups: each region once, and the partnership")

# ---- lower is better, and neither ----
weeks = {code: series(area(view, code), "weeks_to_plan").get("2024")
         for code in (STAFFORDSHIRE, WALSALL, WORCESTERSHIRE)}
checks.equal({code: picked(point, "rank", "ranked", "quartile") for code, point in weeks.items()},
             {STAFFORDSHIRE: (1, 4, 1), WORCESTERSHIRE: (1, 4, 1), WALSALL: (3, 4, 3)},
             "lower is better: the two lowest share rank 1; Walsall 3rd of 4, Q3")
birmingham = compare_json("--area", "330")
checks.equal(picked(series(area(birmingham, "E08000025"), "weeks_to_plan").get("2024"), "rank",
                    "quartile"), (4, 4), "the highest weeks is last: rank 4, Q4")
indicators = {i["id"]: i for i in view.get("indicators", [])}
checks.equal(sorted(indicators), ["ehcp_within_20_weeks", "placements_made_up", "weeks_to_plan"],
             "the imported indicators")
checks.equal(indicators.get("placements_made_up", {}).get("ranking"),
             "not ranked: neither higher nor lower is better", "a direction of none says so")
placements = series(area(view, STAFFORDSHIRE), "placements_made_up").get("2024")
checks.equal(picked(placements, "value", "rank", "ranked", "quartile"), (40, None, None, None),
             "neither: no rank, no quartile")
checks.equal([(p["period"], p["ranked"]) for p in indicators["ehcp_within_20_weeks"]["periods"]],
             [("2023", 7), ("2024", 8)], "the periods in order, with how many were ranked")

# ---- the groups ----
partnership = series(group(view, "partnership"), "ehcp_within_20_weeks")
# 2023: every member publishes both counts: (281 + 602 + 55) / (1000 + 1000 + 200)
# = 938 / 2200 = 42.636 -> 42.6 (the mean would be 38.6).
checks.equal(picked(partnership.get("2023"), "value", "method", "partial", "change"),
             (42.6, "pooled", False, None), "partnership 2023: pooled")
# 2024: Worcestershire's numerator is c, so the mean: (35.3 + 84.2 + 37.2) / 3 = 52.23 -> 52.2.
checks.equal(picked(partnership.get("2024"), "value", "method", "partial", "change"),
             (52.2, "mean", False, 9.6), "partnership 2024: the mean, one count being c")
checks.equal(sorted(m["code"] for m in group(view, "partnership").get("members", [])),
             sorted([STAFFORDSHIRE, WALSALL, WORCESTERSHIRE]), "the partnership's members")
neighbours = series(group(view, "neighbours"), "ehcp_within_20_weeks")
# 2023: Coventry is x: the mean of Birmingham 60.2 and Durham 45 = 52.6, partial.
checks.equal(picked(neighbours.get("2023"), "value", "method", "partial", "members_with_value"),
             (52.6, "mean", True, 2), "neighbours 2023: the mean of two, partial")
checks.equal(neighbours.get("2023", {}).get("missing"),
             [{"code": "E08000026", "name": "Coventry", "symbol": "x"}],
             "neighbours 2023: Coventry listed as missing, with its symbol")
# 2024: (200 + 100 + 353) / (1000 + 200 + 1000) = 653 / 2200 = 29.68 -> 29.7; 29.7 - 52.6.
checks.equal(picked(neighbours.get("2024"), "value", "method", "partial", "change"),
             (29.7, "pooled", False, -22.9), "neighbours 2024: pooled, and its change")
checks.equal([m["code"] for m in group(view, "neighbours").get("members", [])],
             ["E08000025", "E08000026", "E06000047"],
             "the group file's codes and numbers, resolved in order")
region = series(group(view, fixture.WEST_MIDLANDS), "ehcp_within_20_weeks")
checks.equal(picked(region.get("2024"), "value", "method", "change"), (45, "published", 5),
             "the region's group value is its published figure")
placements_group = series(group(view, "partnership"), "placements_made_up").get("2024")
checks.equal(picked(placements_group, "value", "partial", "missing"),
             (35, True, [{"code": WORCESTERSHIRE, "name": "Worcestershire", "symbol": "z"}]),
             "z is missing, not 0: the mean of 40 and 30, partial")
checks.check(not any(isinstance(p.get("value"), (int, float)) and p.get("symbol")
                     for a in view.get("areas", []) for i in a["indicators"]
                     for p in i["series"]), "no figure has both a number and a symbol")

# ---- a group file: header optional, bad lines refused at their place ----
bare = write("bare.csv", "E08000025\n")
checks.equal([m["name"] for m in group(compare_json("--group", bare), "bare").get("members", [])],
             ["Birmingham"], "a group file without a header or names")


def refused(name, text, line, words):
    path = write(name + ".csv", text)
    result = t.run("compare", "--indicators", "--group", path, db=db)
    message = result.stderr.strip()
    checks.equal(result.returncode, 1, name + ": exit code")
    checks.equal(len(message.splitlines()), 1, name + ": one line: " + message)
    checks.check(message.startswith("sendlens: compare: %s:%s" % (path, line)),
                 name + ": names %s:%s: %s" % (path, line, message))
    for word in words:
        checks.check(word in message, "%s: says %r: %s" % (name, word, message))
    checks.equal(result.stdout, "", name + ": prints nothing else")


refused("typo", "code\nE08000025\nE0800002X\n", "3:", ["'E0800002X'", "neither a GSS code"])
refused("unknown", "330\n999\n", "2:", ["no local authority '999'"])
refused("twice", "330\nE08000025\n", "2:", ["already in the group"])
refused("wide", "330,Birmingham,extra\n", "1:", ["3 columns"])
refused("empty_code", "code,name\n330,Birmingham\n,Coventry\n", "3:", ["no code"])
refused("no_codes", "code,name\n", " ", ["no local authority codes"])
result = t.run("compare", "--group", NEIGHBOURS, db=db)
checks.equal(result.returncode, 2, "--group without --indicators is a usage error")
result = t.run("compare", "--indicators", "--gaps", db=db)
checks.equal(result.returncode, 2, "--indicators with --gaps is a usage error")
result = t.run("compare", "--indicators", "--area", "Nowhere", db=db)
checks.check(result.returncode == 1 and "no local authority 'Nowhere'" in result.stderr,
             "an unknown --area is named: " + result.stderr)

# ---- the terminal view ----
for columns in (60, 120):
    result = t.run("compare", "--indicators", "--group", NEIGHBOURS, db=db,
                   env={"COLUMNS": str(columns)})
    checks.equal(result.returncode, 0, "terminal view at %d: %s" % (columns, result.stderr))
    widest = max(len(line) for line in result.stdout.splitlines())
    checks.check(widest <= columns, "fits %d columns (widest line %d)" % (columns, widest))
    flat = re.sub(r"\s+", " ", result.stdout)
    for text in ("ehcp_within_20_weeks", "#5 Q3", "#2 Q1", "+24", "42.6", "pooled", "52.6",
                 "partial", "E08000026 Coventry (x)", "higher is better", "lower is better",
                 "not ranked"):
        checks.check(text in flat, "%d columns: says %r" % (columns, text))
wide = t.run("compare", "--indicators", db=db, env={"COLUMNS": "200"}).stdout
row = next((line for line in wide.splitlines() if line.startswith("2024 ") and "84.2" in line), "")
checks.equal(row.split(), ["2024", "35.3", "84.2", "37.2", "46.4", "45", "52.2"],
             "2024's values in a row: the three areas, England, West Midlands, the partnership")
checks.check("(8 LAs)" in wide, "how many authorities were ranked")

# ---- compare --theme: the weakness, the plan and the official series ----
theme = t.run("compare", "--theme", "ehcp_timeliness", "--json", db=db)
checks.equal(theme.returncode, 0, "compare --theme ehcp_timeliness --json: " + theme.stderr)
theme_view = json.loads(theme.stdout) if theme.returncode == 0 else {}
for item in theme_view.get("areas", []):
    official = {i["indicator"]: i for i in item.get("official", [])}
    checks.equal(sorted(official), ["ehcp_within_20_weeks"],
                 "%s: the official series of the theme's indicators" % item["code"])
walsall = next((a for a in theme_view.get("areas", []) if a["code"] == WALSALL), {})
checks.equal([picked(p, "period", "value", "england", "region", "rank") for p in
              walsall.get("official", [{}])[0].get("series", [])],
             [("2023", 60.2, 50.3, 40, 2), ("2024", 84.2, 46.4, 45, 1)],
             "Walsall's official series beside its weakness")
text = t.run("compare", "--theme", "ehcp_timeliness", db=db, env={"COLUMNS": "200"}).stdout
flat = re.sub(r"\s+", " ", text)
checks.check("official figures" in flat and
             "2024: 84.2 +24 #1 of 8 Q1; England 46.4, West Midlands 45" in flat,
             "compare --theme prints the official series with England and the region")
checks.check("insufficient progress" in flat, "beside the weakness and its judgement")
other_theme = t.run("compare", "--theme", "local_offer", "--json", db=db)
checks.check(all(a.get("official") == [] for a in json.loads(other_theme.stdout)["areas"]),
             "a theme no indicator measures has no official series")
checks.done()
