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

# Results as an older sendlens stored them, then migration 007's own SQL
# (run here: lowering user_version would re-run every later migration too).
connection = sqlite3.connect(db)
connection.execute("UPDATE indicator_result SET script = '/home/analyst/work/' || script")
with open(os.path.join(t.SOURCE_DIR, "schemas", "migrations", "007_script_names.sql")) as file:
    connection.executescript(file.read())
connection.commit()
connection.close()
checks.equal(t.run("areas", db=db).returncode, 0, "the database still opens")
scripts = {row[0] for row in t.query(db, "SELECT DISTINCT script FROM indicator_result")}
checks.check(scripts and all("/" not in script for script in scripts) and "plans.lua" in scripts,
             "stored results lose their folder: %r" % scripts)
export = t.run("export", "--format", "html", db=db).stdout
checks.check("/home/analyst" not in export, "the page names no local folder")
checks.done()
