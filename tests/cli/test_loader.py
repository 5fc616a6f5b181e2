"""The plugin loader: good and bad plugins, each refusal asserted by its
message and by an unchanged database (issue: core runtime)."""

import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "store.db")

# Descriptor-level refusals, each one line naming the file and the reason.
listing = t.run("plugins", "--json", plugins=[t.TEST_PLUGINS])
checks.equal(listing.returncode, 0, "plugins exit code")
import json  # noqa: E402

entries = {os.path.basename(e["path"]): e for e in json.loads(listing.stdout)}
wrong = entries.get("fixture_wrong_abi.so", {})
checks.equal(wrong.get("status"), "refused", "wrong ABI refused")
checks.check("ABI 99" in (wrong.get("reason") or "") and "ABI 1" in (wrong.get("reason") or ""),
             "wrong ABI reason names both versions: %r" % wrong.get("reason"))
nosym = entries.get("fixture_no_symbol.so", {})
checks.check("no 'sendlens_plugin' symbol" in (nosym.get("reason") or ""),
             "missing symbol reason: %r" % nosym.get("reason"))
empty = entries.get("fixture_empty_field.so", {})
checks.check("'area_code' is empty" in (empty.get("reason") or ""),
             "empty field reason: %r" % empty.get("reason"))
checks.equal(entries.get("fixture_full.so", {}).get("status"), "ok", "good fixture usable")

# Not a shared object: a text file named like a plugin, beside a good one.
fake_dir = os.path.join(work, "fake")
os.mkdir(fake_dir)
with open(os.path.join(fake_dir, "fake.so"), "w") as handle:
    handle.write("this is not an ELF file\n")
t.copy_plugin("fixture_full", fake_dir, t.TEST_PLUGINS)
result = t.run("load", db=db, plugins=[fake_dir])
fake_lines = [l for l in result.stderr.splitlines() if "fake.so" in l]
checks.equal(len(fake_lines), 1, "one line for the fake plugin")
checks.check(fake_lines and "not a loadable shared object" in fake_lines[0],
             "fake plugin reason: %r" % fake_lines)
checks.equal(result.returncode, 1, "load exits 1 when a plugin is refused")
checks.check("loaded fixture_full" in result.stdout, "the good plugin still loads: " + result.stdout)
areas = t.run("areas", "--json", db=db)
checks.check("E99999991" in [a["code"] for a in json.loads(areas.stdout)],
             "the good plugin's area is stored")

# load by name of a refused plugin says why.
result = t.run("load", "fixture_wrong_abi", db=db, plugins=[t.TEST_PLUGINS])
checks.equal(result.returncode, 1, "load of a refused plugin fails")
checks.check("ABI 99" in result.stderr, "its reason: " + result.stderr)
result = t.run("load", "no_such_area", db=db, plugins=[t.TEST_PLUGINS])
checks.check(result.returncode == 1 and "no plugin for area 'no_such_area'" in result.stderr,
             "unknown area: " + result.stderr)

# Invalid records: one line naming plugin, record and field; nothing stored.
_, before = t.export_text(db)
cases = {
    "weakness_progress": ["fixture_bad:", "weakness", "field 'progress'", "'partial'"],
    "bad_date": ["fixture_bad:", "inspection", "field 'started'", "2023-02-30"],
    "missing_source": ["fixture_bad:", "weakness", "field 'source'", "missing quote"],
    "quote_not_in_document": ["fixture_bad:", "weakness", "is not in letter.txt"],
    "unread_document": ["fixture_bad:", "weakness", "'other.txt' was not read"],
    "bad_parent": ["fixture_bad:", "weakness", "field 'inspection'", "is a area, not a inspection"],
    "missing_text": ["fixture_bad:", "weakness", "field 'text'", "missing"],
    "plan_kind": ["fixture_bad:", "plan", "field 'kind'", "'XYZ'"],
    "measure_kind": ["fixture_bad:", "measure", "field 'kind'", "'ordinal'"],
    "measure_baseline": ["fixture_bad:", "measure", "field 'baseline'", "'forty' is not a number"],
    "observation_period": ["fixture_bad:", "observation", "field 'period'", "2022-Q5"],
    "no_area": ["fixture_bad:", "before the area"],
    "area_code": ["fixture_bad:", "area", "field 'code'", "E00000000"],
    "plugin_fail": ["fixture_bad:", "letter.txt: line 3: no date where one was expected"],
    "returns_error": ["fixture_bad:", "returned 7"],
    "traversal": ["fixture_bad:", "is not a document name"],
}
for mode, words in cases.items():
    result = t.run("load", "fixture_bad", db=db, plugins=[t.TEST_PLUGINS],
                   env={"SENDLENS_FIXTURE_MODE": mode})
    lines = result.stderr.strip().splitlines()
    checks.equal(result.returncode, 1, mode + ": exit code")
    checks.equal(len(lines), 1, mode + ": one error line (%r)" % lines)
    for word in words:
        checks.check(word in result.stderr, "%s: %r in %r" % (mode, word, result.stderr))
    _, after = t.export_text(db)
    checks.check(after == before, mode + ": database unchanged")

# The same plugin without a mode loads, replacing the area: proof the cases
# above failed for their record, not for the plugin.
result = t.run("load", "fixture_bad", db=db, plugins=[t.TEST_PLUGINS])
checks.equal(result.returncode, 0, "fixture_bad without a fault loads: " + result.stderr)
checks.equal(t.integrity(db), "ok", "integrity after all")
shutil.rmtree(work)
checks.done()
