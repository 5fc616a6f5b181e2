"""A progress return's bytes are checked before any cell is read (issue
15): a NUL byte is refused at its cell rather than silently cutting the
text there, a file in another encoding is refused naming the byte, and a
UTF-16 file is named as such, its undecoded bytes never quoted; nothing is
stored."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "bytes.db")
checks.equal(t.run("load", "walsall", db=db).returncode, 0, "load walsall")
HEADER = b"Period,Ref,Kind,Status,Value,Note\n"


def refused(name, data, place, words):
    path = os.path.join(work, name)
    with open(path, "wb") as out:
        out.write(data)
    result = t.run("import-progress", "walsall", path, db=db)
    message = result.stderr.strip()
    checks.equal(result.returncode, 1, name + ": refused")
    checks.check(message == "sendlens: import-progress: %s:%s: %s" % (path, place, words),
                 name + ": %r" % message)
    checks.check(message.isprintable(), name + ": the message quotes no undecoded byte")
    checks.equal(t.query(db, "SELECT count(*) FROM progress_return")[0][0], 0,
                 name + ": nothing stored")


refused("nul.csv", HEADER + b"2024-Q1,1.1,action,in_progress,,a\x00b\n", "2:6",
        "a NUL byte in the cell")
refused("latin1.csv", HEADER + b"2024-Q1,1.1,action,in_progress,,caf\xe9\n", "2:6",
        "not UTF-8 (byte 0xe9; save the file as UTF-8, it may be in another encoding)")
refused("utf16.csv", HEADER.decode().encode("utf-16-le").join([b"\xff\xfe", b""]), "1:1",
        "the file is UTF-16 (little-endian) text; save it as UTF-8")
checks.done()
