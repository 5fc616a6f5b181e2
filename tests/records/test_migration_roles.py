"""Migration 008 (roles): a store of schema version 7, made here from
schemas/store.sql and the migrations before 008, holding a concern's lead
and member (table member) and an action's lead (action.lead), is migrated
on open: fact is rebuilt (its kind CHECK gains 'role') with every row,
source and reference kept, the leads and member become roles stored once
(member emptied, action.lead NULL; the action's lead a fact of its own
with the action's source), and the export lists them where it did."""

import glob
import os
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "v7.db")
schemas = os.path.join(t.SOURCE_DIR, "schemas")

connection = sqlite3.connect(db)
connection.executescript(open(os.path.join(schemas, "store.sql"), encoding="utf-8").read())
for path in sorted(glob.glob(os.path.join(schemas, "migrations", "*.sql"))):
    if int(os.path.basename(path)[:3]) <= 7:
        connection.executescript(open(path, encoding="utf-8").read())
connection.executescript("""
PRAGMA user_version = 7;
INSERT INTO area(code, name, plugin, plugin_version) VALUES ('E99999999', 'Testshire', 'test', '1');
INSERT INTO fact(id, area, kind, seq) VALUES (1, 'E99999999', 'area', 1), (2, 'E99999999', 'plan', 2),
  (3, 'E99999999', 'concern', 3), (4, 'E99999999', 'member', 4), (5, 'E99999999', 'member', 5),
  (6, 'E99999999', 'action', 6);
INSERT INTO plan(id, kind) VALUES (2, 'APP');
INSERT INTO concern(id, plan, ref, title) VALUES (3, 2, '1', 'A concern');
INSERT INTO member(id, concern, role, name) VALUES (4, 3, 'lead', 'Head of SEND (LA)'),
  (5, 3, 'member', 'Parent Carer Forum');
INSERT INTO action(id, concern, ref, text, lead) VALUES (6, 3, '1.1', 'Do it', 'Designated Clinical Officer');
INSERT INTO source(fact, document, locator, quote) VALUES (1, 'd.txt', 'line 1', 'a'),
  (2, 'd.txt', 'line 2', 'b'), (3, 'd.txt', 'line 3', 'c'), (4, 'd.txt', 'line 4', 'Head of SEND (LA)'),
  (5, 'd.txt', 'line 5', 'Parent Carer Forum'), (6, 'd.txt', 'line 6', 'Do it, Designated Clinical Officer');
""")
connection.commit()
connection.close()

result = t.run("areas", db=db)
checks.equal(result.returncode, 0, "a version-7 store opens (stderr: %s)" % result.stderr.strip())
rows = t.query(db, "SELECT r.parent, r.kind, r.name, f.kind FROM role r JOIN fact f ON f.id = r.id ORDER BY r.parent, r.id")
checks.equal(rows, [(3, "lead", "Head of SEND (LA)", "role"), (3, "member", "Parent Carer Forum", "role"),
                    (6, "lead", "Designated Clinical Officer", "role")], "leads and member moved to role")
checks.equal(t.query(db, "SELECT count(*) FROM member"), [(0,)], "member emptied: stored once")
checks.equal(t.query(db, "SELECT lead FROM action"), [(None,)], "action.lead moved: stored once")
checks.equal(t.query(db, "SELECT s.quote FROM role r JOIN source s ON s.fact = r.id WHERE r.parent = 6"),
             [("Do it, Designated Clinical Officer",)], "the action's lead keeps the action's source")
checks.equal(t.query(db, "SELECT count(*) FROM source"), [(7,)], "every source kept, one added")
checks.equal(t.query(db, "PRAGMA foreign_key_check"), [], "no broken reference")
checks.equal(t.query(db, "PRAGMA user_version")[0][0] >= 8, True, "schema version 8 or later")
fact_sql = t.query(db, "SELECT sql FROM sqlite_schema WHERE name = 'fact'")[0][0]
checks.check("'role'" in fact_sql, "fact.kind's CHECK lists role")
checks.equal(t.query(db, "SELECT count(*) FROM progress_target"), [(1,)], "the view on fact made again")
area = t.export(db)["areas"][0]
concern = area["plans"][0]["concerns"][0]
checks.equal((concern["leads"], concern["members"]), (["Head of SEND (LA)"], ["Parent Carer Forum"]),
             "the export's leads and members")
checks.equal(concern["actions"][0]["lead"], "Designated Clinical Officer", "the export's action lead")
# The cascade still works on the rebuilt fact: deleting the area removes all.
connection = sqlite3.connect(db)
connection.execute("PRAGMA foreign_keys = ON")
connection.execute("DELETE FROM area")
connection.commit()
left = connection.execute("SELECT (SELECT count(*) FROM fact) + (SELECT count(*) FROM role) + "
                          "(SELECT count(*) FROM source)").fetchone()[0]
connection.close()
checks.equal(left, 0, "deleting the area cascades through the rebuilt fact")
checks.done()
