"""Indicator results name their script by its file name, never the folder
on the machine that ran it (results are published; issue 15): newly
computed ones, and those stored by an older sendlens, which migration 007
strips of their folder."""

import os
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
db = os.path.join(t.temp_dir(), "names.db")
checks.equal(t.run("load", "worcestershire", db=db).returncode, 0, "load")
checks.equal(t.run("indicators", db=db).returncode, 0, "indicators")
scripts = {row[0] for row in t.query(db, "SELECT DISTINCT script FROM indicator_result")}
checks.check(scripts and all("/" not in script for script in scripts),
             "new results: file names only: %r" % scripts)

# The schema version before migration 007 (the later ones run again on
# their own tables, which they allow).
migrations = os.listdir(os.path.join(t.SOURCE_DIR, "schemas", "migrations"))
before_007 = int(next(f for f in migrations if f.endswith("_script_names.sql"))[:3]) - 1
connection = sqlite3.connect(db)
connection.execute("UPDATE indicator_result SET script = '/home/analyst/work/' || script")
connection.execute("PRAGMA user_version = %d" % before_007)
connection.commit()
connection.close()
checks.equal(t.run("areas", db=db).returncode, 0, "an older database opens (and migrates)")
scripts = {row[0] for row in t.query(db, "SELECT DISTINCT script FROM indicator_result")}
checks.check(scripts and all("/" not in script for script in scripts) and "plans.lua" in scripts,
             "stored results lose their folder: %r" % scripts)
export = t.run("export", "--format", "html", db=db).stdout
checks.check("/home/analyst" not in export, "the page names no local folder")
checks.done()
