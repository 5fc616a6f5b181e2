"""sendlens check-plugin: each conformance check passes for a good plugin
and the three real areas, and each fails, with its reason, for a plugin
broken in that one way; a failure is reported once (never again as a
leak), a bare file name is a file, and a log a report names is kept."""

import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
fixtures = t.TEST_PLUGINS
CHECKS = ["descriptor and ABI", "loads", "emits only valid records", "every record has a source",
          "two loads give the same result", "no leaks"]


def verdicts(path, **env):
    result = t.run("check-plugin", path, env=env, timeout=300)
    found = {}
    for line in result.stdout.splitlines():
        verdict, _, rest = line.partition("  ")
        for name in CHECKS:
            if rest == name or rest.startswith(name + ":"):
                checks.check(name not in found, "%s reported once: %r" % (name, result.stdout))
                found[name] = (verdict.strip(), rest)
    return result.returncode, found


quiet = {"ASAN_OPTIONS": "detect_leaks=0:handle_segv=0:handle_abort=0"}
for plugin in [os.path.join(fixtures, "fixture_full.so")] + [
        os.path.join(t.BUILD_DIR, "plugins", name + ".so")
        for name in ("staffordshire", "walsall", "worcestershire")]:
    code, found = verdicts(plugin)
    name = os.path.basename(plugin)
    checks.equal(code, 0, name + " conforms: %r" % found)
    for check in CHECKS:
        checks.check(found.get(check, ("?",))[0] in ("pass", "skip"), "%s: %s: %r" % (name, check, found.get(check)))

code, found = verdicts(os.path.join(fixtures, "fixture_wrong_abi.so"))
checks.check(code == 1 and found.get("descriptor and ABI", ("",))[0] == "FAIL" and
             "ABI 99" in found["descriptor and ABI"][1], "wrong ABI: %r" % found)
code, found = verdicts(os.path.join(fixtures, "fixture_bad.so"), SENDLENS_FIXTURE_MODE="measure_kind")
checks.check(code == 1 and found.get("loads", ("",))[0] == "pass" and
             found.get("emits only valid records", ("",))[0] == "FAIL" and
             "'ordinal'" in found["emits only valid records"][1], "invalid record: %r" % found)
checks.equal(found.get("no leaks", ("",))[0], "skip", "an invalid record is not reported as a leak")
code, found = verdicts(os.path.join(fixtures, "fixture_crash.so"), SENDLENS_FIXTURE_MODE="segv", **quiet)
checks.check(code == 1 and found.get("loads", ("",))[0] == "FAIL" and "crashed" in found["loads"][1],
             "crash: %r" % found)
marker = os.path.join(work, "counter")
code, found = verdicts(os.path.join(fixtures, "fixture_bad.so"), SENDLENS_FIXTURE_MODE="unstable",
                       SENDLENS_FIXTURE_MARKER=marker)
checks.check(code == 1 and found.get("two loads give the same result", ("",))[0] == "FAIL",
             "not repeatable: %r" % found)
checks.check(found.get("no leaks", ("",))[0] != "FAIL",
             "a failed check is not reported as a leak too: %r" % (found.get("no leaks"),))

# A bare file name is the file in the current folder, not a library to look up.
bare = subprocess.run([t.SENDLENS, "check-plugin", "fixture_full.so"], cwd=fixtures,
                      capture_output=True, text=True, timeout=300)
checks.check(bare.returncode == 0 and "pass  descriptor and ABI: fixture_full" in bare.stdout,
             "check-plugin fixture_full.so, run in its folder: %r %r" % (bare.stdout, bare.stderr))
missing = t.run("check-plugin", "no_such_plugin.so")
checks.check(missing.returncode == 1 and "FAIL  descriptor and ABI: no_such_plugin.so: No such file"
             in missing.stdout, "a missing file: %r" % missing.stdout)

# A leak fails "no leaks", and the log it names is still there to read.
if shutil.which("valgrind") and "ASAN_OPTIONS" not in os.environ:
    code, found = verdicts(os.path.join(fixtures, "fixture_bad.so"), SENDLENS_FIXTURE_MODE="leak")
    verdict, why = found.get("no leaks", ("?", ""))
    checks.check(code == 1 and verdict == "FAIL" and "see " in why, "a leak: %r" % found)
    log = why.split("see ", 1)[-1]
    if checks.check(os.path.isfile(log), "the log it names exists: %r" % log):
        with open(log) as handle:
            checks.check("definitely lost" in handle.read(), "the log tells of the lost block")
        shutil.rmtree(os.path.dirname(log))
checks.equal(t.run("check-plugin").returncode, 2, "FILE.so is required")
checks.done()
