"""The standard indicators and the worked examples, against values worked
out by hand from the documents (and from fixture_full's synthetic ones)."""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "areas.db")
result = t.run("load", "staffordshire", "walsall", "worcestershire", db=db)
checks.equal(result.returncode, 0, "load: " + result.stderr)
result = t.run("indicators", "--json", db=db)
checks.equal(result.returncode, 0, "standard indicators run: " + result.stderr)
indicators = {i["id"]: i for i in json.loads(result.stdout or "[]")}


def value(indicator, area, period="all", breakdown=""):
    for item in indicators.get(indicator, {}).get("values", []):
        if (item["area"], item["period"], item["breakdown"]) == (area, period, breakdown):
            return item["value"]
    return "absent"


STAFFORDSHIRE, WALSALL, WORCESTERSHIRE = "E10000028", "E08000030", "E10000034"
# Revisit letter: "sufficient progress in addressing six of the eight": 2 of 8.
checks.equal(value("share_weaknesses_insufficient", STAFFORDSHIRE), 25.0, "Staffordshire 2/8")
# Walsall: "sufficient progress against seven of the nine": 2 of 9.
checks.check(abs(value("share_weaknesses_insufficient", WALSALL) - 200 / 9) < 1e-9, "Walsall 2/9")
# Worcestershire's documents hold no inspection: unknown, not 0.
checks.equal(value("share_weaknesses_insufficient", WORCESTERSHIRE), None, "Worcestershire unknown")
# Worcestershire: 9 + 5 + 10 + 14 numbered actions over 4 workstreams.
checks.equal(value("actions_per_concern", WORCESTERSHIRE), 38 / 4, "Worcestershire actions/concern")
# Walsall: 10 APP 1.x.x actions cited under the first concern, 7 APP 2.x.x under the second.
checks.equal(value("actions_per_concern", WALSALL), 17 / 2, "Walsall actions/concern")
# Walsall's 17 key indicators sit under its two concerns (12 under EHC
# plans, 5 under the local offer, by their project areas).
checks.equal(value("measures_per_concern", WALSALL), 17 / 2, "Walsall measures tied to concerns")
# No document gives a baseline or a target: every measure is a gap.
checks.equal(value("measures_without_baseline_or_target", WALSALL), 17, "Walsall gaps")
checks.equal(value("share_measures_without_baseline_or_target", WALSALL), 100.0, "Walsall gap share")
# Per theme: Worcestershire's workstream 4 (14 actions) is the only ehcp_quality concern.
checks.equal(value("actions_per_theme", WORCESTERSHIRE, breakdown="ehcp_quality"), 14,
             "Worcestershire ehcp_quality actions")
checks.equal(value("actions_per_theme", WORCESTERSHIRE, breakdown="coproduction"), 10,
             "Worcestershire coproduction actions")
# No observations yet in the plans: the KPIs have no values at all.
checks.equal(indicators.get("kpi_annual_reviews_on_time", {}).get("values"), [],
             "no KPI values without observations")
# Results are stored with their script (its file name, no local folder: results
# are published) and version.
import sqlite3  # noqa: E402

connection = sqlite3.connect(db)
row = connection.execute("SELECT script, script_version, length(script_hash) FROM indicator_result "
                         "WHERE indicator = 'actions_per_concern' AND area = ?",
                         (WORCESTERSHIRE,)).fetchone()
connection.close()
checks.check(row and row[0] == "plans.lua" and row[1] == "1" and row[2] == 16,
             "stored with its source: %r" % (row,))

# KPIs where observations exist: fixture_full's measure "Percentage of plans
# issued within 20 weeks" maps to ehcp_issued_within_20_weeks, with an actual
# value of 45 in 2023-Q2.
fixture_db = os.path.join(work, "fixture.db")
t.run("load", "fixture_full", db=fixture_db, plugins=[t.TEST_PLUGINS])
result = t.run("indicators", os.path.join(t.SOURCE_DIR, "scripts", "indicators", "kpis.lua"),
               "--json", db=fixture_db)
kpis = {i["id"]: i for i in json.loads(result.stdout or "[]")}
checks.equal([(v["area"], v["period"], v["value"]) for v in
              kpis.get("kpi_ehcp_issued_within_20_weeks", {}).get("values", [])],
             [("E99999991", "2023-Q2", 45)], "KPI from observations")

# The worked examples run and say what the documents say.
examples = os.path.join(t.SOURCE_DIR, "scripts", "examples")
result = t.run("run", os.path.join(examples, "insufficient_weaknesses.lua"), db=db)
checks.equal(result.returncode, 0, "insufficient_weaknesses.lua runs: " + result.stderr)
checks.check(result.stdout.rstrip().endswith("4 weaknesses judged insufficient progress"),
             "2 in Staffordshire and 2 in Walsall: " + result.stdout[-200:])
result = t.run("indicators", os.path.join(examples, "theme_coverage.lua"), "--json", db=db)
checks.equal(result.returncode, 0, "theme_coverage.lua runs: " + result.stderr)
coverage = {v["area"]: v["value"] for v in json.loads(result.stdout)[0]["values"]}
# Staffordshire's open weaknesses (co-production; EHC plan quality, health
# and care contribution, annual reviews) against its concerns: the
# coproduction concern, and the EHC plan concern, which answers weakness 4
# and takes its three themes (issue 13): 4 of 4 themes answered.
checks.equal(coverage.get(STAFFORDSHIRE), 100.0, "Staffordshire theme coverage")
checks.equal(coverage.get(WALSALL), 100.0, "Walsall theme coverage")
checks.equal(coverage.get(WORCESTERSHIRE), None, "Worcestershire: no weaknesses, unknown")
result = t.run("indicators", os.path.join(examples, "measures_by_kind.lua"), "--json", db=db)
checks.equal(result.returncode, 0, "measures_by_kind.lua runs: " + result.stderr)
checks.done()
