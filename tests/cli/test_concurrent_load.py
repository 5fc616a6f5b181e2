"""Two `sendlens load` at once on the same database: both wait for the other
(each area is one BEGIN IMMEDIATE transaction, with a busy timeout) rather
than fail, and the result is a sound database holding the three areas with
the same export as one load alone."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

AREAS = {"E10000028", "E08000030", "E10000034"}  # Staffordshire, Walsall, Worcestershire

checks = t.Checks()
work = t.temp_dir()


def start_load(db):
    return subprocess.Popen([t.SENDLENS, "--db", db, "load"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def area_codes(db):
    return {area["code"] for area in t.export(db)["areas"]}


def check_concurrent(round_):
    db = os.path.join(work, "concurrent-%d.db" % round_)
    loads = [start_load(db), start_load(db)]
    for number, load in enumerate(loads, 1):
        try:
            out, err = load.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            load.kill()
            out, err = load.communicate()
        checks.equal(load.returncode, 0, "round %d, load %d exit code (stderr: %s)"
                     % (round_, number, err.strip()))
    checks.equal(t.integrity(db), "ok", "round %d: PRAGMA integrity_check" % round_)
    checks.equal(area_codes(db), AREAS, "round %d: areas loaded" % round_)
    return t.export_text(db)


def main():
    single = os.path.join(work, "single.db")
    result = t.run("load", db=single)
    checks.equal(result.returncode, 0, "single load (stderr: %s)" % result.stderr.strip())
    expected = t.export_text(single)
    checks.equal(expected[0], 0, "export of the single load")
    # A few rounds, since which process waits on which is up to the scheduler.
    for round_ in range(3):
        checks.equal(check_concurrent(round_), expected, "round %d: export equals a single load's"
                     % round_)
    checks.done()


main()
