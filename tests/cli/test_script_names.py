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

connection = sqlite3.connect(db)
version = connection.execute("PRAGMA user_version").fetchone()[0]
connection.execute("UPDATE indicator_result SET script = '/home/analyst/work/' || script")
# 6: the version before migration 007, the one this test is about (not
# version - 1: a later migration would then be the only one run again).
checks.check(version >= 7, "the store is at least version 7: %d" % version)
connection.execute("PRAGMA user_version = 6")
connection.commit()
connection.close()
checks.equal(t.run("areas", db=db).returncode, 0, "an older database opens (and migrates)")
scripts = {row[0] for row in t.query(db, "SELECT DISTINCT script FROM indicator_result")}
checks.check(scripts and all("/" not in script for script in scripts) and "plans.lua" in scripts,
             "stored results lose their folder: %r" % scripts)
export = t.run("export", "--format", "html", db=db).stdout
checks.check("/home/analyst" not in export, "the page names no local folder")
checks.done()
