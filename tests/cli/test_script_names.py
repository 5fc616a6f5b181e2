"""Indicator results name their script by its file name, never the folder
on the machine that ran it (results are published; issue 15): newly
computed ones, and those stored by an older sendlens, which the migration
`*_script_names.sql` strips of their folder."""

import glob
import os
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
folder = t.temp_dir()
db = os.path.join(folder, "names.db")
checks.equal(t.run("load", "worcestershire", db=db).returncode, 0, "load")
checks.equal(t.run("indicators", db=db).returncode, 0, "indicators")
scripts = {row[0] for row in t.query(db, "SELECT DISTINCT script FROM indicator_result")}
checks.check(scripts and all("/" not in script for script in scripts),
             "new results: file names only: %r" % scripts)

# A store as the sendlens before that migration made it: the schema files
# up to the one before it, run as they are (not a later store rewound, which
# would depend on every later migration), holding that store's results with
# the folder an older sendlens kept.
migrations = os.path.join(t.SOURCE_DIR, "schemas", "migrations")
MIGRATION = next(int(os.path.basename(f)[:3])
                 for f in glob.glob(os.path.join(migrations, "*_script_names.sql")))
older = os.path.join(folder, "older.db")
connection = sqlite3.connect(older)
connection.executescript(open(os.path.join(t.SOURCE_DIR, "schemas", "store.sql"),
                              encoding="utf-8").read())
for path in sorted(glob.glob(os.path.join(migrations, "[0-9][0-9][0-9]_*.sql"))):
    if int(os.path.basename(path)[:3]) < MIGRATION:
        connection.executescript(open(path, encoding="utf-8").read())
connection.execute("PRAGMA user_version = %d" % (MIGRATION - 1))
connection.execute("ATTACH DATABASE ? AS newer", (db,))


def common_columns(table):
    def names(schema):
        return [row[1] for row in connection.execute("PRAGMA %s.table_info(%s)" % (schema, table))]
    newer = set(names("newer"))
    return [name for name in names("main") if name in newer]


for table in ("area", "indicator_result"):
    columns = ", ".join(common_columns(table))
    connection.execute("INSERT INTO main.%s(%s) SELECT %s FROM newer.%s"
                       % (table, columns, columns, table))
connection.execute("UPDATE indicator_result SET script = '/home/analyst/work/' || script")
connection.commit()
connection.execute("DETACH DATABASE newer")
connection.close()
checks.check(t.query(older, "SELECT count(*) FROM indicator_result WHERE script LIKE '/home/%'")
             [0][0] > 0, "the older store holds results with a folder")

checks.equal(t.run("areas", db=older).returncode, 0, "an older database opens (and migrates)")
scripts = {row[0] for row in t.query(older, "SELECT DISTINCT script FROM indicator_result")}
checks.check(scripts and all("/" not in script for script in scripts) and "plans.lua" in scripts,
             "stored results lose their folder: %r" % scripts)
export = t.run("export", "--format", "html", db=older).stdout
checks.check("/home/analyst" not in export, "the page names no local folder")
checks.done()
