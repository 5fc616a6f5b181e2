"""Indicator results name their script by its file name, never the folder
on the machine that ran it (results are published; issue 15): newly
computed ones, and those stored by an older sendlens, which migration 007
strips of their folder."""

import glob
import os
import re
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


def back_to(connection, version):
    """The store as migration `version + 1` found it: what the migrations
    after it added (tables, views, indexes, columns) is dropped, so that
    they run again cleanly after it."""
    folder = os.path.join(t.SOURCE_DIR, "schemas", "migrations")
    later = sorted(f for f in glob.glob(os.path.join(folder, "*.sql"))
                   if int(os.path.basename(f)[:3]) > version + 1)
    for path in reversed(later):
        sql = re.sub(r"--[^\n]*", "", open(path, encoding="utf-8").read())
        for name in re.findall(r"CREATE (?:UNIQUE )?INDEX (?:IF NOT EXISTS )?(\w+)", sql):
            connection.execute("DROP INDEX IF EXISTS %s" % name)
        for name in re.findall(r"CREATE VIEW (?:IF NOT EXISTS )?(\w+)", sql):
            connection.execute("DROP VIEW IF EXISTS %s" % name)
        for name in re.findall(r"CREATE TABLE (?:IF NOT EXISTS )?(\w+)", sql):
            connection.execute("DROP TABLE IF EXISTS %s" % name)
        for table, column in reversed(re.findall(r"ALTER TABLE (\w+) ADD COLUMN (\w+)", sql)):
            connection.execute("ALTER TABLE %s DROP COLUMN %s" % (table, column))
    connection.execute("PRAGMA user_version = %d" % version)


# Migration 007 strips the folders: the store as it was before it.
MIGRATION = next(int(os.path.basename(f)[:3]) for f in glob.glob(
    os.path.join(t.SOURCE_DIR, "schemas", "migrations", "*_script_names.sql")))
connection = sqlite3.connect(db)
connection.execute("UPDATE indicator_result SET script = '/home/analyst/work/' || script")
back_to(connection, MIGRATION - 1)
connection.commit()
connection.close()
checks.equal(t.run("areas", db=db).returncode, 0, "an older database opens (and migrates)")
scripts = {row[0] for row in t.query(db, "SELECT DISTINCT script FROM indicator_result")}
checks.check(scripts and all("/" not in script for script in scripts) and "plans.lua" in scripts,
             "stored results lose their folder: %r" % scripts)
export = t.run("export", "--format", "html", db=db).stdout
checks.check("/home/analyst" not in export, "the page names no local folder")
checks.done()
