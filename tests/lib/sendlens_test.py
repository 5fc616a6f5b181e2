"""sendlens_test: what the Python tests share. Runs the sendlens binary the
build made ($SENDLENS) in temporary folders, and counts checks so each test
ends with the line ctest's readers expect: "N passed, N failed"."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

# The kit's test helper (tools/sendlens_plugin_test.py, installed for
# plugin authors): its Checks and its walk over an exported area are ours.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import sendlens_plugin_test as kit  # noqa: E402

SENDLENS = os.environ.get("SENDLENS", "")
BUILD_DIR = os.environ.get("SENDLENS_BUILD_DIR", "")
SOURCE_DIR = os.environ.get("SENDLENS_SOURCE_DIR", "")
TEST_PLUGINS = os.environ.get("SENDLENS_TEST_PLUGIN_DIR", "")


Checks = kit.Checks


def run(*args, db=None, plugins=(), env=None, timeout=120, check=None):
    """Run sendlens; returns CompletedProcess with text stdout/stderr."""
    command = [SENDLENS]
    if db:
        command += ["--db", db]
    for folder in plugins:
        command += ["--plugins", folder]
    command += list(args)
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=full_env)


def export(db, **kwargs):
    """The JSON export of db, parsed."""
    result = run("export", "--format", "json", db=db, **kwargs)
    if result.returncode != 0:
        raise RuntimeError("export failed: " + result.stderr)
    return json.loads(result.stdout)


def export_text(db):
    result = run("export", "--format", "json", db=db)
    return result.returncode, result.stdout


def integrity(db):
    connection = sqlite3.connect(db)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


def query(db, sql, *args):
    """The rows of one query on db, read directly with Python's sqlite3."""
    connection = sqlite3.connect(db)
    try:
        return connection.execute(sql, args).fetchall()
    finally:
        connection.close()


def read_terminal(fd):
    """All a pseudo-terminal's leader end gives until the follower side is
    closed (Linux then raises EIO), as text."""
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def temp_dir():
    return tempfile.mkdtemp(prefix="sendlens-test-")


def copy_plugin(name, destination, plugin_dir=None):
    """Copy a built plugin, its own mapping rules (NAME.lua, when it ships
    them) and its sources (followed through the links) to destination/;
    returns the sources folder, so a test can edit a document there."""
    plugin_dir = plugin_dir or os.path.join(BUILD_DIR, "plugins")
    shutil.copy(os.path.join(plugin_dir, name + ".so"), destination)
    rules = os.path.join(plugin_dir, name + ".lua")
    if os.path.exists(rules):
        shutil.copy(rules, destination)
    sources = os.path.join(destination, name, "sources")
    shutil.copytree(os.path.join(plugin_dir, name, "sources"), sources)
    return sources


def walk(area, kind):
    """Every record of a kind in an exported area, in order."""
    return kit.records(area, kind)
