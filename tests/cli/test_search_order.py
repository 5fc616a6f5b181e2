"""Where plugins and scripts are found (docs/plugin-guide.md, "Where
sendlens looks"): a plugin of the same name in two folders is resolved by
the search order (the earlier folder wins; `plugins` says "shadowed",
`load` notes it and exits 0); `--scripts DIR` adds to the bundled scripts,
a file there replacing the bundled one of the same path; an area's own
rules come from --scripts, else the plugin's NAME.lua beside its .so, else
the bundled mapping/areas/; a later load that finds none of the rules that
mapped an area says so; an error in an area's rules names that file."""

import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "areas.db")


def themes_of(db, code, kind, ref):
    rows = t.query(db, "SELECT t.theme, t.rule FROM theme_assignment t JOIN fact f ON f.id = t.fact "
                       "LEFT JOIN weakness w ON w.id = f.id LEFT JOIN concern c ON c.id = f.id "
                       "WHERE f.area = ? AND f.kind = ? AND coalesce(w.ref, c.ref) = ?", code, kind, ref)
    return dict(rows)


# ---- a plugin in two folders --------------------------------------------------
mine = os.path.join(work, "mine")
os.mkdir(mine)
t.copy_plugin("walsall", mine)
listing = json.loads(t.run("plugins", "--json", plugins=[mine]).stdout)
walsalls = [(p["path"], p["status"], p["reason"]) for p in listing if p["name"] == "walsall"]
bundled = os.path.join(t.BUILD_DIR, "plugins", "walsall.so")
checks.equal(walsalls, [(os.path.join(mine, "walsall.so"), "ok", None),
                        (bundled, "shadowed", os.path.join(mine, "walsall.so"))],
             "plugins --json: --plugins DIR's walsall is used, the bundled one shadowed by it")
result = t.run("load", db=db, plugins=[mine])
checks.equal(result.returncode, 0, "load with a plugin in two folders exits 0: " + result.stderr)
notes = [line for line in result.stderr.splitlines() if line]
checks.equal(notes, ["sendlens: load: note: %s is not loaded: %s comes first" %
                     (bundled, os.path.join(mine, "walsall.so"))], "one note on stderr for it")
checks.equal(result.stdout.count("loaded walsall "), 1, "walsall is loaded once")
checks.equal(t.query(db, "SELECT count(*) FROM area"), [(3,)], "three areas stored")
checks.equal(t.run("load", "walsall", db=db, plugins=[mine]).stderr, "",
             "load walsall by name: the first found, no note")

# ---- the plugin's own rules, beside its .so ------------------------------------
# Walsall's concern 2 (the local offer) gets a theme only its own file gives.
with open(os.path.join(mine, "walsall.lua"), "w") as handle:
    handle.write('return { assign = { { id = "offer-communicated", kind = "concern", ref = "2",\n'
                 '  theme = "communication_families", why = "local offer" } } }\n')
result = t.run("load", "walsall", db=db, plugins=[mine])
checks.equal(result.returncode, 0, "load walsall with its own walsall.lua: " + result.stderr)
checks.equal(themes_of(db, "E08000030", "concern", "2").get("communication_families"),
             "walsall.lua:offer-communicated", "the plugin's walsall.lua assigns a theme, named by its file")

# ---- --scripts DIR adds; its files win ------------------------------------------
extra = os.path.join(work, "extra")
os.makedirs(os.path.join(extra, "mapping", "areas"))
os.makedirs(os.path.join(extra, "indicators"))
with open(os.path.join(extra, "mapping", "areas", "walsall.lua"), "w") as handle:
    handle.write('return { assign = { { id = "offer-workforce", kind = "concern", ref = "2",\n'
                 '  theme = "workforce_capacity", why = "local offer" } } }\n')
result = t.run("--scripts", extra, "load", "walsall", db=db, plugins=[mine])
checks.equal(result.returncode, 0, "load --scripts DIR: " + result.stderr)
given = themes_of(db, "E08000030", "concern", "2")
checks.equal(given.get("workforce_capacity"), "areas/walsall.lua:offer-workforce",
             "--scripts DIR's areas/walsall.lua comes before the plugin's walsall.lua")
checks.check("communication_families" not in given, "... and replaces it: %r" % given)
checks.equal(given.get("local_offer"), "rules.lua:local-offer",
             "the bundled rules.lua still maps (DIR has none): %r" % given)
# Staffordshire keeps its themes under a --scripts DIR that knows nothing of it.
result = t.run("--scripts", extra, "load", "staffordshire", db=db)
checks.equal(t.query(db, "SELECT count(*) FROM theme_assignment t JOIN fact f ON f.id = t.fact "
                         "WHERE f.area = 'E10000028'")[0][0] > 0, True,
             "--scripts DIR without rules.lua: the bundled rules map Staffordshire")

# A later load without the plugin's file or --scripts: not silent.
os.remove(os.path.join(mine, "walsall.lua"))
result = t.run("load", "walsall", db=db, plugins=[mine])
checks.equal(result.returncode, 0, "load walsall again without its rules: " + result.stderr)
checks.check("note: walsall's themes were mapped with its own rules last time" in result.stderr,
             "... notes that its own rules are gone: %r" % result.stderr)
checks.check("workforce_capacity" not in themes_of(db, "E08000030", "concern", "2"),
             "... and the theme they gave is gone")
result = t.run("load", "walsall", db=db, plugins=[mine])
checks.equal(result.stderr, "", "the next load has nothing to note")

# Indicators: DIR's file is added to the bundled ones, and one of the same
# name replaces the bundled file.
with open(os.path.join(extra, "indicators", "extra.lua"), "w") as handle:
    handle.write('VERSION = "1"\nindicator { id = "extra_areas", title = "Areas", unit = "count",\n'
                 '  direction = "none", compute = function(ctx) return 1 end }\n')
# DIR's plans.lua is the bundled one with another VERSION, so the results
# say which ran (they name a script by its file name alone: no local folder).
with open(os.path.join(t.SOURCE_DIR, "scripts", "indicators", "plans.lua")) as bundled:
    plans = bundled.read()
with open(os.path.join(extra, "indicators", "plans.lua"), "w") as handle:
    handle.write(plans.replace('VERSION = "1"', 'VERSION = "from-dir"', 1))
layered_run = t.run("--scripts", extra, "indicators", "--json", db=db)
checks.equal(layered_run.returncode, 0, "indicators with --scripts DIR: " + layered_run.stderr)
scripts = {}
for item in json.loads(layered_run.stdout or "[]"):
    scripts[item["id"]] = (item["script"], item["version"])
checks.equal(scripts.get("extra_areas"), ("extra.lua", "1"),
             "DIR's extra.lua is added: %r" % scripts)
checks.equal(scripts.get("actions_per_concern"), ("plans.lua", "from-dir"),
             "DIR's plans.lua replaces the bundled one")
checks.equal(scripts.get("kpi_annual_reviews_on_time"), ("kpis.lua", "1"),
             "the bundled kpis.lua still runs: %r" % scripts)

# ---- an error in an area's rules names the area's file ---------------------------
bad = os.path.join(work, "bad")
os.makedirs(os.path.join(bad, "mapping", "areas"))
bad_file = os.path.join(bad, "mapping", "areas", "walsall.lua")
for rules, expected in [
        ('return { assign = { { kind = "concern", ref = "2", theme = "coproduction" } } }',
         "assign[1]: 'id' is required"),
        ('return { themes = { { id = "x", theme = "coproduction", patterns = { "[" } } } }',
         "themes[1]: patterns[1]: malformed pattern"),
        ('return { assign = { { id = "x", kind = "concern", ref = 6, theme = "coproduction" } } }',
         "assign[1]: 'ref' must be a string"),
        ('return { asign = {} }', "unknown list 'asign'")]:
    with open(bad_file, "w") as handle:
        handle.write(rules + "\n")
    before = t.query(db, "SELECT count(*) FROM theme_assignment")
    result = t.run("--scripts", bad, "load", "walsall", db=db)
    checks.equal(result.returncode, 1, "bad area rules fail the load: " + expected)
    checks.check(result.stderr.startswith("sendlens: load: ") and bad_file + ": " + expected in result.stderr
                 and "engine.lua" not in result.stderr, "the error names %s: %r" % (bad_file, result.stderr))
    checks.equal(t.query(db, "SELECT count(*) FROM theme_assignment"), before, "nothing changed")
# ---- a copy of the program outside its build is an install --------------------
# It looks beside itself (bin/../lib/sendlens/plugins, bin/../share/sendlens),
# never into the build it came from.
fake = os.path.join(work, "prefix")
os.makedirs(os.path.join(fake, "bin"))
os.makedirs(os.path.join(fake, "share"))
os.symlink(t.SOURCE_DIR, os.path.join(fake, "share", "sendlens"))  # schemas/, scripts/
copy = os.path.join(fake, "bin", "sendlens")
shutil.copy(t.SENDLENS, copy)
empty_db = os.path.join(work, "copy.db")


def run_copy(*args):
    return subprocess.run([copy, "--db", empty_db] + list(args), capture_output=True, text=True,
                          timeout=120)


result = run_copy("load")
bundled_there = os.path.join(fake, "lib", "sendlens", "plugins")
said = re.search(r"no plugins found in any folder \(no bundled folder: (\S+)\)", result.stderr)
checks.check(result.returncode == 1 and said and os.path.normpath(said.group(1)) == bundled_there,
             "a copied program without plugins says where it looked: " + result.stderr)
os.makedirs(bundled_there)
t.copy_plugin("walsall", bundled_there)
listing = json.loads(run_copy("plugins", "--json").stdout)
checks.equal([p["path"] for p in listing], [os.path.join(bundled_there, "walsall.so")],
             "the copy lists the plugins beside it, none of the build's")
result = run_copy("load")
checks.check(result.returncode == 0 and "loaded walsall" in result.stdout, "and loads them: " + result.stderr)
checks.done()
