"""The store: round trip field for field, idempotent reload, schema
versions, a load killed mid-transaction, and the JSON export validated
against schemas/model.schema.json by a validator this project does not
write (Debian's python3-jsonschema)."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "store.db")
plugins = [t.TEST_PLUGINS]

result = t.run("load", "fixture_full", db=db, plugins=plugins)
checks.equal(result.returncode, 0, "fixture_full loads: " + result.stderr)
checks.equal(oct(os.stat(db).st_mode & 0o777), "0o600", "database readable by its owner only")
document = t.export(db)
area = document["areas"][0]

# Round trip: each value fixture_full.c emitted, read back.
checks.equal((area["code"], area["la_number"], area["name"], area["region"]),
             ("E99999991", "999", "Testshire", "Nowhere"), "area")
checks.equal(area["sources"], [{"document": "letter.txt", "locator": "line 5",
                                "quote": "Joint area SEND revisit in Testshire"}], "area source")
initial, revisit = area["inspections"]
checks.equal((initial["kind"], initial["published"], initial["weaknesses_found"],
              initial["weaknesses_sufficient"]), ("initial", "2020-04-03", 2, None), "initial")
checks.equal((revisit["kind"], revisit["started"], revisit["ended"], revisit["published"],
              revisit["weaknesses_found"], revisit["weaknesses_sufficient"]),
             ("revisit", "2023-02-06", "2023-02-08", "2023-03-12", 2, 1), "revisit")
weaknesses = revisit["weaknesses"]
checks.equal([(w["ref"], w["text"], w["progress"]) for w in weaknesses],
             [("1", "Leaders did not share a plan.", "sufficient"),
              ("2", "Plans were late and their quality was poor.", "insufficient")], "weaknesses")
checks.equal(len(weaknesses[1]["sources"]), 2, "weakness has its statement and judgement sources")
checks.equal(weaknesses[1]["sources"][1]["quote"],
             "The area has not made sufficient progress to improve this area of significant weakness.",
             "judgement quote")
wsoa, app = area["plans"]
checks.equal((wsoa["kind"], wsoa["approved"]), ("WSOA", "2020-09-09"), "WSOA")
checks.equal((app["kind"], app["title"], app["version"], app["dated"], app["approved"],
              app["period_from"], app["period_to"], app["board"]),
             ("APP", "Synthetic plan", "2.0", "2023-05-01", "2023-06-01", "2023", "2024",
              "Test Board"), "APP")
concern = app["concerns"][0]
checks.equal((concern["ref"], concern["title"], concern["leads"], concern["members"]),
             ("1", "FIRST CONCERN", ["Lead one (X)"], ["Tom & Jerry"]), "concern")
checks.equal([(a["ref"], a["text"]) for a in concern["actions"]],
             [("1", "Do the first thing."), ("1.1.1", None), ("1.1.2", None), ("1.1.3", None)],
             "actions (item number, then an expanded range)")
first = concern["actions"][0]
checks.equal((first["lead"], first["due"], first["status"]),
             ("Lead one (X)", "2023-12-31", "in_progress"), "action fields")
measure = concern["measures"][0]
checks.equal((measure["ref"], measure["name"], measure["group"], measure["kind"], measure["unit"],
              measure["direction"], measure["baseline"], measure["target"], measure["indicator"]),
             ("M1", "Percentage of plans issued within 20 weeks", "Timeliness", "interval",
              "percent", "up", {"value": 40, "date": "2023-03"}, 60, "ehcp_issued_within_20_weeks"),
             "measure (with the indicator the mapping gave it)")
checks.equal([(c["label"], c["value"], c["date"]) for c in measure["comparators"]],
             [("England average 2022", 49.2, "2022")], "comparator")
checks.equal([(o["period"], o["kind"], o["value"], o["state"], o["note"])
              for o in measure["observations"]],
             [("2023-Q2", "actual", 45, None, "first return")], "observation")
review = app["reviews"][0]
checks.equal((review["label"], review["due"], review["held"], review["by"],
              [f["text"] for f in review["findings"]]),
             ("six-month review", None, "2023-12", "DfE", ["progress was seen"]), "review")
checks.equal([(g["term"], g["expansion"]) for g in area["glossary"]],
             [("EHCP", "Education, Health and Care Plan")], "glossary")
conflicts = {(c["record"], c["field"]): [x["value"] for x in c["claims"]] for c in area["conflicts"]}
checks.equal(conflicts, {("plan APP", "dated"): ["2023-05-01", "2023-05-02"]},
             "conflicts: the disagreeing claim only (one claim alone is no conflict)")

# Validated by a third-party validator against the published schema.
try:
    import jsonschema
    schema = json.load(open(os.path.join(t.SOURCE_DIR, "schemas", "model.schema.json")))
    validator = jsonschema.Draft202012Validator(schema)
    errors = list(validator.iter_errors(document))
    checks.check(not errors, "export valid against the schema: %s" % [e.message for e in errors[:3]])
    broken = json.loads(json.dumps(document))
    broken["areas"][0]["inspections"][0]["kind"] = "surprise"
    checks.check(list(validator.iter_errors(broken)), "the schema rejects a wrong kind")
except ImportError:
    checks.check(False, "python3-jsonschema is installed (tools/setup.sh installs it)")

# Idempotent: loading again exports the same bytes.
_, first_text = t.export_text(db)
t.run("load", "fixture_full", db=db, plugins=plugins)
_, second_text = t.export_text(db)
checks.check(first_text == second_text, "second load exports identically")

# A load killed with SIGKILL in the middle of its transaction.
marker = os.path.join(work, "marker")
process = subprocess.Popen(
    # --in-process: the plugin writes the marker, which a plugin in its
    # confined child may not (no file is writable there).
    [t.SENDLENS, "--db", db, "--plugins", t.TEST_PLUGINS, "load", "--in-process", "fixture_bad"],
    env=dict(os.environ, SENDLENS_FIXTURE_MODE="pause", SENDLENS_FIXTURE_MARKER=marker),
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
deadline = time.time() + 60
while not os.path.exists(marker) and time.time() < deadline and process.poll() is None:
    time.sleep(0.05)
checks.check(os.path.exists(marker), "the paused load reached the middle of its transaction")
process.send_signal(signal.SIGKILL)
process.wait()
checks.equal(t.integrity(db), "ok", "integrity_check after kill -9")
_, after_kill = t.export_text(db)
checks.check(after_kill == first_text, "previous content intact after kill -9")

# Schema versions: newer refused, empty migrated, foreign database refused.
newer = os.path.join(work, "newer.db")
connection = sqlite3.connect(newer)
connection.execute("PRAGMA user_version = 99")
connection.commit()
connection.close()
result = t.run("areas", db=newer)
checks.equal(result.returncode, 1, "newer database refused")
checks.check("version 99 is newer" in result.stderr, "newer message: " + result.stderr)
empty = os.path.join(work, "empty.db")
open(empty, "w").close()
result = t.run("areas", db=empty)
checks.equal(result.returncode, 0, "an empty file is migrated: " + result.stderr)
connection = sqlite3.connect(empty)
# The version this build writes, from --version ("store schema N").
store_version = int(t.run("--version").stdout.rsplit("store schema", 1)[1].strip(" )\n"))
checks.check(store_version >= 3, "store version " + str(store_version))
checks.equal(connection.execute("PRAGMA user_version").fetchone()[0], store_version,
             "migrated version")
checks.check(connection.execute("PRAGMA foreign_key_list(weakness)").fetchall(), "foreign keys")
connection.close()
# A version 1 database (as the first release wrote it) is migrated to the
# current version, keeping its content.
old = os.path.join(work, "v1.db")
connection = sqlite3.connect(old)
connection.executescript(open(os.path.join(t.SOURCE_DIR, "schemas", "store.sql")).read())
connection.execute("INSERT INTO area(code, name, plugin, plugin_version) VALUES('E99999993', 'Oldshire', 'old', '1')")
connection.execute("INSERT INTO fact(area, kind, seq) VALUES('E99999993', 'area', 1)")
connection.execute("INSERT INTO source(fact, document, locator, quote) VALUES(1, 'd', 'line 1', 'q')")
connection.execute("PRAGMA user_version = 1")
connection.commit()
connection.close()
result = t.run("areas", "--json", db=old)
checks.equal(result.returncode, 0, "a version 1 database opens: " + result.stderr)
checks.check('"Oldshire"' in result.stdout, "its content is kept")
connection = sqlite3.connect(old)
checks.equal(connection.execute("PRAGMA user_version").fetchone()[0], store_version,
             "v1 migrated to the current version")
checks.equal(connection.execute("SELECT count(*) FROM indicator_result").fetchone()[0], 0,
             "the version 2 table exists")
checks.equal(connection.execute("SELECT count(*) FROM progress_entry").fetchone()[0], 0,
             "the version 3 table exists")
connection.close()
foreign = os.path.join(work, "foreign.db")
connection = sqlite3.connect(foreign)
connection.execute("CREATE TABLE x(y)")
connection.commit()
connection.close()
result = t.run("load", "fixture_full", db=foreign, plugins=plugins)
checks.check(result.returncode == 1 and "not a sendlens database" in result.stderr,
             "foreign database refused: " + result.stderr)
garbage = os.path.join(work, "garbage.db")
open(garbage, "w").write("not sqlite at all, not at all, not at all, not at all, not at all\n" * 20)
result = t.run("areas", db=garbage)
checks.check(result.returncode == 1 and "garbage.db" in result.stderr,
             "a non-SQLite file: " + result.stderr)
checks.done()
