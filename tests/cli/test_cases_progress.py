"""import-cases's progress on stderr: drawn only on a terminal and only once
an import has taken a second. The file is a named pipe that the test feeds
in two halves a second and a half apart, so the import's length does not
depend on the machine's speed; the size of a pipe is unknown, so progress
is the megabytes read. The same import with stderr on a pipe shows
nothing, and a fast one on a terminal shows nothing either."""

import csv
import io
import os
import pty
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

SMALL = os.path.join(t.SOURCE_DIR, "tests", "data", "cases", "ehc_small.csv")
COMMENT, HEADER = open(SMALL, encoding="utf-8").read().splitlines()[:2]
COLUMNS = HEADER.split(",")


def requests(first, count):
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    for n in range(first, first + count):
        row = dict.fromkeys(COLUMNS, "")
        row.update(Module="request", PersonID="CHILD-%07d" % n, RequestID="REQ-%07d" % n,
                   ReceivedDate="2023-01-02", RequestSource="parent", RequestOutcome="refused",
                   RequestOutcomeDate="2023-01-20", Week20="0")
        writer.writerow(row)
    return out.getvalue().encode()


# 12,000 rows a half: several of the reader's batches on either side of
# the pause, so the import hears of progress after it.
HALVES = [(COMMENT + "\n" + HEADER + "\n").encode() + requests(0, 12000), requests(12000, 12000)]


def feed(path, pause):
    with open(path, "wb") as pipe:
        pipe.write(HALVES[0])
        pipe.flush()
        time.sleep(pause)
        pipe.write(HALVES[1])


def import_through_pipe(db, area, on_terminal, pause):
    """Import from a named pipe fed with a pause; returns (exit, stdout,
    what stderr received)."""
    fifo = os.path.join(work, area + ".csv")
    os.mkfifo(fifo)
    feeder = threading.Thread(target=feed, args=(fifo, pause))
    feeder.start()
    command = [t.SENDLENS, "--db", db, "import-cases", area, fifo]
    if on_terminal:
        leader, follower = pty.openpty()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=follower)
        os.close(follower)
        stderr = t.read_terminal(leader)
        stdout = process.stdout.read().decode()
        process.wait(timeout=60)
        os.close(leader)
    else:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        process, stdout, stderr = result, result.stdout, result.stderr
    feeder.join()
    return process.returncode, stdout, stderr


checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "cases.db")

code, stdout, stderr = import_through_pipe(db, "E06000001", True, 1.5)
checks.equal(code, 0, "import from a named pipe: " + stderr)
checks.check("24000 rows (24000 requests, 0 reviews)" in stdout, "all rows: " + stdout)
checks.check("\rimporting: " in stderr and " MB read" in stderr,
             "a terminal sees the megabytes read once the import has taken a second: %r"
             % stderr)
checks.check(stderr.endswith("\n") and stderr.count("\n") == 1,
             "and the line is ended once, at the end: %r" % stderr[-80:])
shown = [float(part.split(" MB")[0]) for part in stderr.split("importing: ")[1:]]
checks.check(shown and all(a <= b for a, b in zip(shown, shown[1:])) and shown[-1] > 0,
             "the megabytes only grow: %r" % shown)

code, stdout, stderr = import_through_pipe(db, "E06000002", False, 1.5)
checks.equal((code, stderr), (0, ""), "stderr on a pipe: nothing, however long it takes")

code, stdout, stderr = import_through_pipe(db, "E06000003", True, 0)
checks.equal((code, stderr), (0, ""), "a terminal, but under a second: nothing")

checks.equal(t.query(db, "SELECT count(*) FROM case_import"), [(3,)], "three imports stored")
checks.done()
