"""A plugin built against the previous header still loads, and its records
are stored unchanged: fixture_abi1 is fixture_full's source as it was under
ABI 1 (records without a size, emit returning handles), compiled against
that header (tests/plugins/fixtures/abi1/). Loaded in a child process and in
the host's own, it must store exactly what the current fixture_full stores
from the same documents: every row of every record table, every source and
claim, and the same JSON export."""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

TABLES = ["inspection", "weakness", "plan", "concern", "member", "action", "measure",
          "comparator", "observation", "review", "finding", "term"]

checks = t.Checks()
work = t.temp_dir()


def loaded(plugin, *flags):
    db = os.path.join(work, "%s%s.db" % (plugin, "".join(flags)))
    result = t.run("load", *flags, plugin, db=db, plugins=[t.TEST_PLUGINS])
    checks.equal(result.returncode, 0, "%s %s loads: %s" % (plugin, " ".join(flags), result.stderr))
    return db


def rows(db):
    """Every stored record, by kind and emission order, without row ids."""
    found = {}
    for table in TABLES:
        columns = [c[1] for c in t.query(db, "PRAGMA table_info(%s)" % table) if c[1] != "id"]
        found[table] = t.query(db, "SELECT f.seq, %s FROM %s r JOIN fact f ON f.id = r.id ORDER BY f.seq"
                               % (", ".join('r."%s"' % c for c in columns), table))
    found["area"] = t.query(db, "SELECT code, la_number, name, region FROM area")
    found["source"] = t.query(db, "SELECT f.seq, s.document, s.locator, s.quote FROM source s "
                                  "JOIN fact f ON f.id = s.fact ORDER BY s.id")
    found["claim"] = t.query(db, "SELECT f.seq, c.field, c.value, c.document, c.locator, c.quote "
                                 "FROM claim c JOIN fact f ON f.id = c.fact ORDER BY c.id")
    return found


def exported(db):
    document = t.export(db)
    for area in document["areas"]:
        area.pop("plugin", None)
    return json.dumps(document, sort_keys=True)


listing = json.loads(t.run("plugins", "--json", plugins=[t.TEST_PLUGINS]).stdout)
entry = next((p for p in listing if p.get("name") == "fixture_abi1"), {})
checks.equal((entry.get("abi"), entry.get("status")), (1, "ok"), "listed as ABI 1 and ok: %r" % entry)

current = loaded("fixture_full")
expected = rows(current)
checks.check(sum(len(v) for v in expected.values()) > 30, "fixture_full stores its records")
for flags in ((), ("--in-process",)):
    old = loaded("fixture_abi1", *flags)
    found = rows(old)
    for kind in expected:
        checks.equal(found[kind], expected[kind], "ABI 1 %s: %s rows as the current plugin's" % (
            " ".join(flags) or "isolated", kind))
    checks.equal(exported(old), exported(current), "ABI 1 %s: the same export" % (" ".join(flags) or "isolated"))

# check-plugin, the author's conformance check, passes it too.
checked = t.run("check-plugin", os.path.join(t.TEST_PLUGINS, "fixture_abi1.so"), timeout=300)
checks.check(checked.returncode == 0 and "ABI 1" in checked.stdout,
             "check-plugin passes the ABI-1 plugin: %r %r" % (checked.stdout[-400:], checked.stderr[-400:]))
checks.done()
