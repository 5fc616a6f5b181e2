"""Crash isolation: plugins run in a child process. One that crashes,
aborts, exits, hangs past its time limit or exhausts its memory limit is
reported by name with what happened; the other areas in the same command
still load; the failed area's stored data is unchanged."""

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "store.db")
plugins = [t.TEST_PLUGINS]
checks.equal(t.run("load", "fixture_full", db=db, plugins=plugins).returncode, 0, "fixture_full")
_, before = t.export_text(db)
# A plugin's own exit() runs the sanitizer's leak check in the child; that
# report is the plugin's, not the host's, so it is switched off here.
quiet = {"ASAN_OPTIONS": "detect_leaks=0:handle_segv=0:handle_abort=0"}

CASES = {
    "segv": (["crashed (signal 11"], []),
    "abort": (["crashed (signal 6"], []),
    "exit": (["exited with status 3 before finishing"], []),
    "hang": (["did not finish within 2 s"], ["--plugin-seconds", "2"]),
    "memory": (["used more than its memory limit of 200 MiB"], ["--plugin-memory", "200"]),
}
for mode, (words, flags) in CASES.items():
    started = time.time()
    result = t.run("load", "fixture_crash", "staffordshire", *flags, db=db, plugins=plugins,
                   env=dict(quiet, SENDLENS_FIXTURE_MODE=mode), timeout=120)
    elapsed = time.time() - started
    errors = result.stderr.strip().splitlines()
    checks.equal(result.returncode, 1, mode + ": exit code")
    checks.equal(len(errors), 1, mode + ": one error line: %r" % errors)
    line = errors[0] if errors else ""
    checks.check(line.startswith("sendlens: load: fixture_crash: "), mode + ": names the plugin: " + line)
    for word in words:
        checks.check(word in line, "%s: says %r: %r" % (mode, word, line))
    checks.check("loaded staffordshire" in result.stdout, mode + ": the other area still loads")
    checks.check(elapsed < 60, "%s: done in %.1f s" % (mode, elapsed))
    document = t.export(db)
    testshire = [a for a in document["areas"] if a["code"] == "E99999991"]
    import json  # noqa: E402

    checks.check(testshire and json.dumps(testshire[0], sort_keys=True) ==
                 json.dumps(json.loads(before)["areas"][0], sort_keys=True),
                 mode + ": the failed area's stored data is unchanged")
    checks.equal(t.integrity(db), "ok", mode + ": integrity")

# The same plugin without a fault loads, through the same child process path.
result = t.run("load", "fixture_crash", db=db, plugins=plugins)
checks.equal(result.returncode, 0, "fixture_crash without a fault: " + result.stderr)
# --in-process runs the plugin in sendlens itself (for debugging) and gives
# the same records as the child does.
a, b = os.path.join(work, "a.db"), os.path.join(work, "b.db")
t.run("load", "staffordshire", "walsall", "worcestershire", db=a)
t.run("load", "staffordshire", "walsall", "worcestershire", "--in-process", db=b)
checks.check(t.export_text(a)[1] == t.export_text(b)[1] and t.export_text(a)[1].count('"code"') >= 3,
             "child and in-process loads store the same")
checks.equal(t.run("load", "--plugin-seconds", "soon", db=a).returncode, 2, "a bad limit is usage")
checks.done()
