"""The command line: --help and --version, exit codes (0, 1, 2), the
database's default place ($SENDLENS_DB, else ./sendlens.db, never another
folder), and --json on every listing command."""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()

result = t.run("--version")
checks.check(result.returncode == 0 and result.stdout.startswith("sendlens "), "--version")
result = t.run("--help")
checks.check(result.returncode == 0 and "commands:" in result.stdout, "--help")
for command in ["plugins", "load", "areas", "show", "compare", "export"]:
    result = t.run(command, "--help")
    checks.check(result.returncode == 0 and ("usage: sendlens " + command) in result.stdout,
                 command + " --help")
checks.equal(t.run().returncode, 2, "no command is a usage error")
checks.equal(t.run("frobnicate").returncode, 2, "unknown command")
checks.equal(t.run("--frob", "areas").returncode, 2, "unknown global option")
checks.equal(t.run("areas", "--frob").returncode, 2, "unknown command option")
checks.equal(t.run("export", db=os.path.join(work, "x.db")).returncode, 2, "export needs --format")
result = t.run("export", "--format", "yaml", db=os.path.join(work, "x.db"))
checks.check(result.returncode == 2 and "yaml" in result.stderr, "unknown export format")
checks.equal(t.run("show", db=os.path.join(work, "x.db")).returncode, 2, "show needs AREA")
result = t.run("areas", db=os.path.join(work, "missing.db"))
checks.check(result.returncode == 1 and "missing.db" in result.stderr,
             "reading a database that does not exist: " + result.stderr)
checks.check(not os.path.exists(os.path.join(work, "missing.db")), "reading creates no file")

# The default database: ./sendlens.db in the current folder, or $SENDLENS_DB.
env = dict(os.environ)
env.pop("SENDLENS_DB", None)
subprocess.run([t.SENDLENS, "--plugins", t.TEST_PLUGINS, "load", "fixture_full"], cwd=work,
               env=env, capture_output=True, check=False)
checks.check(os.path.exists(os.path.join(work, "sendlens.db")), "default ./sendlens.db")
env["SENDLENS_DB"] = os.path.join(work, "from-env.db")
subprocess.run([t.SENDLENS, "--plugins", t.TEST_PLUGINS, "load", "fixture_full"], cwd=work,
               env=env, capture_output=True, check=False)
checks.check(os.path.exists(env["SENDLENS_DB"]), "$SENDLENS_DB")

db = os.path.join(work, "sendlens.db")
for command in [["plugins"], ["areas"], ["show", "E99999991"], ["show", "fixture_full"],
                ["compare"]]:
    result = t.run(*command, "--json", db=db, plugins=[t.TEST_PLUGINS])
    try:
        json.loads(result.stdout)
        ok = result.returncode == 0
    except ValueError:
        ok = False
    checks.check(ok, " ".join(command) + " --json prints JSON: " + result.stderr)
result = t.run("show", "Nowhere-shire", db=db)
checks.check(result.returncode == 1 and "no area 'Nowhere-shire'" in result.stderr, "show unknown")
shown = t.run("show", "E99999991", db=db).stdout
checks.check("conflicts between documents" in shown and "2023-05-02" in shown,
             "show lists the conflict")
# A measure's values, as fixture_full's plan.txt states them (lines 6-7).
checks.check("      baseline 40 (2023-03); target 60; direction up" in shown,
             "show prints the measure's baseline and target: %r" % shown)
checks.check("      comparator England average 2022: 49.2 (2022)\n        [plan.txt, line 7]" in shown,
             "show prints the comparator with its source")
out = os.path.join(work, "out.json")
checks.equal(t.run("export", "--format", "json", "-o", out, db=db).returncode, 0, "export -o")
checks.equal(json.load(open(out))["schema_version"], 1, "export file")
result = t.run("export", "--format", "json", "-o", os.path.join(work, "no", "such", "dir.json"), db=db)
checks.check(result.returncode == 1 and "cannot write" in result.stderr, "export to a bad path")
checks.done()
