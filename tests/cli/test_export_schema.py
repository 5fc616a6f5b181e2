"""The export of the three real areas, validated against
schemas/model.schema.json by a validator this project does not write
(Debian's python3-jsonschema), and loading twice exports the same bytes."""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402
import jsonschema  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "areas.db")
result = t.run("load", "staffordshire", "walsall", "worcestershire", db=db)
checks.equal(result.returncode, 0, "the three areas load: " + result.stderr)
_, first = t.export_text(db)
document = json.loads(first)
schema = json.load(open(os.path.join(t.SOURCE_DIR, "schemas", "model.schema.json")))
errors = list(jsonschema.Draft202012Validator(schema).iter_errors(document))
checks.check(not errors, "valid: %s" % [(list(e.path)[:6], e.message) for e in errors[:3]])
checks.equal(sorted(a["code"] for a in document["areas"]), ["E08000030", "E10000028", "E10000034"],
             "the three areas")
declared = json.load(open(os.path.join(t.SOURCE_DIR, "schemas", "themes.json")))["themes"]
checks.equal(sorted(x["id"] for x in document["themes"]), sorted(x["id"] for x in declared),
             "the themes of schemas/themes.json")
result = t.run("load", db=db)
checks.equal(result.returncode, 0, "load again: " + result.stderr)
_, second = t.export_text(db)
checks.check(first == second, "a second load exports the same bytes")
# The conflict the design names: three dates for one publication.
staffordshire = next(a for a in document["areas"] if a["code"] == "E10000028")
published = [c for c in staffordshire["conflicts"] if c["field"] == "published"]
checks.equal(sorted(x["value"] for x in published[0]["claims"]) if published else None,
             ["2022-02-23", "2022-02-25", "2022-03"], "the publication date conflict")
checks.done()
