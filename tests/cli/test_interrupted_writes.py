"""Nothing lost (issue 15): a writer killed with SIGKILL in the middle of
its transaction leaves the database as it was at the last commit, and every
command can use it at once.

- `import-cases` and `load` are killed once their transaction has written
  to the database's log (the -wal file grown past a megabyte, or, in the
  old rollback-journal mode, the -journal file present and the database
  grown); then every read-only command works and shows the last committed
  state (its output is the same as before the killed write), the next
  writer works, and PRAGMA integrity_check says ok.
- A reader runs while an import is writing (write-ahead logging), rather
  than waiting for its commit.
- A database left by a writer killed in the rollback-journal mode (a hot
  journal, which only a connection that may write can roll back) is read
  by a user who may write it, and a user who may not is told what to do,
  not "attempt to write a readonly database"; so is a user who cannot
  create the write-ahead log's files in the database's folder.

Deterministic: the killed writer is slow by construction (a case file of
tens of thousands of requests; the fixture plugin fixture_slow, which
writes megabytes and then waits), and is killed only once its write has
begun."""

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
os.chmod(work, 0o755)  # a reader of another user must reach the files
data = os.path.join(work, "data")
db = os.path.join(work, "store.db")
SMALL, BIG = "E99000001", "E99000002"


def generate():
    gen = os.path.join(t.SOURCE_DIR, "tools", "gen-cases")
    for area, requests in ((SMALL, 300), (BIG, 40000)):
        subprocess.run([sys.executable, gen, "--out", data, "--area-codes", area, "--requests",
                        str(requests), "--years", "5", "--jobs", "1"], check=True,
                       capture_output=True)
    return os.path.join(data, SMALL + ".csv"), os.path.join(data, BIG + ".csv")


def start(*args):
    """A sendlens writer in its own process group (the plugin child too)."""
    return subprocess.Popen([t.SENDLENS, "--db", db] + list(args), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def write_begun(path, size_before):
    """Whether a transaction has written to path's log: the -wal grown past
    a megabyte (the page cache spilt), or a journal beside a grown file."""
    wal = path + "-wal"
    if os.path.exists(wal) and os.path.getsize(wal) > (1 << 20):
        return True
    return os.path.exists(path + "-journal") and os.path.getsize(path) > size_before


def wait_for_write(process, path):
    size_before = os.path.getsize(path)
    deadline = time.time() + 60
    while process.poll() is None and time.time() < deadline:
        if write_begun(path, size_before):
            return True
        time.sleep(0.002)
    return False


def kill_during(what, *args):
    checks.check(not os.path.exists(db + "-wal") or os.path.getsize(db + "-wal") == 0,
                 what + ": no write-ahead log left from before (the last writer closed cleanly)")
    process = start(*args)
    begun = wait_for_write(process, db)
    checks.check(begun, what + ": killed after its transaction began writing, before its end")
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def readers():
    """What every read-only command prints, to compare before and after."""
    outputs = {}
    for name, args in (("areas", ["areas"]), ("show", ["show", "E10000028"]),
                       ("compare", ["compare"]), ("compare --gaps", ["compare", "--gaps"]),
                       ("export json", ["export", "--format", "json"])):
        result = t.run(*args, db=db)
        outputs[name] = (result.returncode, result.stdout, result.stderr.strip())
    return outputs


def check_readers(what, expected):
    for name, output in readers().items():
        checks.equal(output[0], 0, "%s: %s exits 0 (stderr: %s)" % (what, name, output[2]))
        checks.check("readonly database" not in output[2], "%s: %s: %s" % (what, name, output[2]))
        checks.check(output[1] == expected[name][1],
                     "%s: %s shows the last committed state" % (what, name))


def check_import_killed(small, big):
    before = readers()
    checks.equal(before["areas"][0], 0, "areas before the kill")
    checks.check(BIG not in before["areas"][1], "the big area is not imported yet")
    kill_during("import-cases", "import-cases", BIG, big)
    check_readers("after kill -9 of import-cases", before)
    checks.equal(t.integrity(db), "ok", "after kill -9 of import-cases: integrity_check")
    result = t.run("import-cases", BIG, big, db=db)
    checks.equal(result.returncode, 0, "the next import-cases (stderr: %s)" % result.stderr)
    checks.check(BIG in t.run("areas", db=db).stdout, "the next import-cases is stored")
    result = t.run("indicators", db=db)
    checks.equal(result.returncode, 0, "indicators after it (stderr: %s)" % result.stderr)


def check_load_killed():
    before = readers()
    kill_during("load", "--plugins", t.TEST_PLUGINS, "load", "--plugin-seconds", "120",
                "fixture_slow")
    check_readers("after kill -9 of load", before)
    checks.check("Slowshire" not in t.run("areas", db=db).stdout, "the killed load stored nothing")
    checks.equal(t.integrity(db), "ok", "after kill -9 of load: integrity_check")
    result = t.run("load", "E10000034", db=db)
    checks.equal(result.returncode, 0, "the next load (stderr: %s)" % result.stderr)


def check_reader_during_write(big):
    """A reader is not held up by a writer: it answers while the import is
    still writing."""
    process = start("import-cases", BIG, big)
    begun = wait_for_write(process, db)
    checks.check(begun, "reader during a write: the import has begun writing")
    result = t.run("areas", db=db)
    still_writing = process.poll() is None
    checks.equal(result.returncode, 0, "areas during an import (stderr: %s)" % result.stderr)
    checks.check(still_writing, "areas answered while the import was still writing")
    checks.equal(process.wait(timeout=120), 0, "the import read during finishes")


def as_other_user():
    """A reader who may read the database but not write it or its folder:
    nobody, when the test runs as root (root may write anything); else this
    user, with the permissions taken away (given back by restore)."""
    if os.geteuid() == 0:
        def drop():
            os.setgid(65534)
            os.setgroups([])
            os.setuid(65534)
        return drop, lambda: None
    os.chmod(work, 0o555)
    return None, lambda: os.chmod(work, 0o755)


def run_as_other(path, *args):
    for name in os.listdir(work):
        if name.startswith(os.path.basename(path)):
            os.chmod(os.path.join(work, name), 0o644)
    preexec, restore = as_other_user()
    try:
        return subprocess.run([t.SENDLENS, "--db", path] + list(args), capture_output=True,
                              text=True, timeout=120, preexec_fn=preexec)
    finally:
        restore()


def check_read_only_folder():
    """The database in WAL mode, closed cleanly (no -wal, no -shm): a
    reader who cannot create them either reads or is told why."""
    result = run_as_other(db, "areas")
    checks.check("readonly database" not in result.stderr,
                 "a reader without write access to the folder: " + result.stderr.strip())
    if result.returncode != 0:
        checks.check("cannot read" in result.stderr and "-wal" in result.stderr,
                     "a reader without write access is told why: " + result.stderr.strip())


def hot_journal_copy(name):
    """A copy of the database in the rollback-journal mode, with a writer
    killed after its journal went to disk and the file was changed: a hot
    journal. Made by Python's sqlite3, the way an older sendlens left it."""
    path = os.path.join(work, name)
    source = sqlite3.connect(db)
    target = sqlite3.connect(path)
    source.backup(target)
    source.close()
    target.execute("PRAGMA journal_mode = DELETE")
    target.close()
    writer = ("import os, sqlite3, sys\n"
              "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
              "c.execute('BEGIN IMMEDIATE')\n"
              "c.execute('DELETE FROM case_import')\n"
              "c.execute('CREATE TABLE junk(x)')\n"
              "c.execute('INSERT INTO junk WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT "
              "i + 1 FROM n WHERE i < 10000) SELECT randomblob(1000) FROM n')\n"
              "os.kill(os.getpid(), 9)\n")
    subprocess.run([sys.executable, "-c", writer, path])
    checks.check(os.path.exists(path + "-journal"), name + ": a journal is left behind")
    return path


def check_hot_journal():
    expected = t.run("areas", db=db).stdout
    path = hot_journal_copy("hot-other.db")
    result = run_as_other(path, "areas")
    checks.check(result.returncode != 0 and "readonly database" not in result.stderr
                 and "-journal" in result.stderr,
                 "a reader who cannot roll a hot journal back is told what to do: "
                 + result.stderr.strip())
    path = hot_journal_copy("hot-owner.db")
    result = t.run("areas", db=path)
    checks.equal(result.returncode, 0, "the owner reads past a hot journal (stderr: %s)"
                 % result.stderr.strip())
    checks.equal(result.stdout, expected, "the owner reads the last committed state")
    checks.check(not os.path.exists(path + "-journal"), "the hot journal was rolled back")
    checks.equal(t.integrity(path), "ok", "integrity_check after the roll back")


def main():
    small, big = generate()
    for args in (["load"], ["import-cases", SMALL, small], ["indicators"]):
        result = t.run(*args, db=db)
        checks.equal(result.returncode, 0, "setup: %s (stderr: %s)" % (args[0], result.stderr))
    check_import_killed(small, big)
    check_load_killed()
    check_reader_during_write(big)
    check_read_only_folder()
    check_hot_journal()
    checks.done()


main()
