"""Bad input for every real plugin: each document of each area replaced, in
a copy of the plugin, by a damaged version of itself (empty, cut in half,
UTF-16, Latin-1, a 10 MB single line, a NUL byte in the middle) must never
crash `sendlens load`: it exits 0 or 1, and a failure is one stderr line
naming the document and leaves the database exactly as it was. A UTF-8
byte-order mark with CRLF line ends is no damage at all: the host removes
both, so the area loads to the same export as from the original."""

import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

PLUGINS = ("staffordshire", "walsall", "worcestershire")
BIG = 10 * 1024 * 1024
SANITIZER_MARKS = ("AddressSanitizer", "LeakSanitizer", "runtime error:")

checks = t.Checks()
work = t.temp_dir()


def documents(plugin):
    sources = os.path.join(t.BUILD_DIR, "plugins", plugin, "sources")
    return sorted(name for name in os.listdir(sources) if name.endswith(".txt"))


def one_line(text):
    """The document's words on one line, repeated to 10 MB."""
    line = " ".join(text.split()).encode("utf-8") + b" "
    data = line * (BIG // len(line) + 1)
    return data[:BIG].decode("utf-8", errors="ignore").encode("utf-8")


def latin1(text):
    """Latin-1 as Windows writes it (cp1252), which also holds the dashes and
    curly quotes the documents use; None for a document that is ASCII."""
    if all(ord(c) < 128 for c in text):
        return None
    return text.encode("cp1252", errors="replace")


def variants(data):
    """(what, bytes) for each kind of damage."""
    text = data.decode("utf-8")
    middle = len(data) // 2
    found = [
        ("empty", b""),
        ("truncated at half", data[:middle]),
        ("UTF-16 with BOM", text.encode("utf-16")),
        ("latin-1", latin1(text)),
        ("10 MB single line", one_line(text)),
        ("NUL in the middle", data[:middle] + b"\0" + data[middle:]),
    ]
    return [(what, bytes_) for what, bytes_ in found if bytes_ is not None]


def plugin_copy(plugin, name, document, data):
    """A copy of the built plugin with one document replaced by data."""
    folder = os.path.join(work, "%s-%s" % (plugin, name))
    os.makedirs(folder)
    sources = t.copy_plugin(plugin, folder)
    path = os.path.join(sources, document)
    os.chmod(path, 0o644)
    with open(path, "wb") as handle:
        handle.write(data)
    return folder


def loaded_db(name):
    """A database holding every real area, copied from the first one made."""
    base = os.path.join(work, "base.db")
    if not os.path.exists(base):
        result = t.run("load", db=base)
        if result.returncode != 0:
            raise RuntimeError("the real areas do not load: " + result.stderr)
    db = os.path.join(work, name + ".db")
    shutil.copy(base, db)
    return db


def not_crashed(result, what):
    crashed = result.returncode < 0 or result.returncode >= 128
    crashed = crashed or any(mark in result.stderr for mark in SANITIZER_MARKS)
    checks.check(not crashed, "%s: no crash (exit %d, stderr %s)"
                 % (what, result.returncode, result.stderr[-2000:]))
    checks.check(result.returncode in (0, 1), "%s: exit 0 or 1, got %d" % (what, result.returncode))


def check_failure(result, document, db, before, what):
    """A failed load says so in one line naming the document, and stores
    nothing: the export is the one from before."""
    lines = result.stderr.strip().splitlines()
    checks.equal(len(lines), 1, "%s: stderr lines of the failure (%r)" % (what, lines[:5]))
    checks.check(bool(lines) and document in lines[0],
                 "%s: the error names %s: %r" % (what, document, lines[:1]))
    checks.equal(t.export_text(db), before, "%s: export after the failed load" % what)


def check_damage(plugin, document, data, before):
    for index, (what, damaged) in enumerate(variants(data)):
        label = "%s %s %s" % (plugin, document, what)
        name = "%s-%d" % (document, index)
        folder = plugin_copy(plugin, name, document, damaged)
        db = loaded_db("%s-%s" % (plugin, name))
        result = t.run("load", plugin, db=db, plugins=[folder], timeout=240)
        not_crashed(result, label)
        if result.returncode == 1:
            check_failure(result, document, db, before, label)
        shutil.rmtree(folder)
        os.remove(db)


def check_bom_crlf(plugin, document, data, before):
    """BOM and CRLF are what Windows writes; the area must load the same."""
    label = "%s %s BOM+CRLF" % (plugin, document)
    text = data.decode("utf-8").replace("\r\n", "\n").replace("\n", "\r\n")
    folder = plugin_copy(plugin, document + "-bom", document, b"\xef\xbb\xbf" + text.encode("utf-8"))
    db = loaded_db("%s-%s-bom" % (plugin, document))
    result = t.run("load", plugin, db=db, plugins=[folder])
    not_crashed(result, label)
    checks.equal(result.returncode, 0, "%s: load (stderr %s)" % (label, result.stderr.strip()))
    checks.equal(t.export_text(db), before, "%s: export equals the original's" % label)


def main():
    before = t.export_text(loaded_db("reference"))
    checks.equal(before[0], 0, "export of the real areas")
    for plugin in PLUGINS:
        for document in documents(plugin):
            path = os.path.join(t.BUILD_DIR, "plugins", plugin, "sources", document)
            with open(path, "rb") as handle:
                data = handle.read()
            check_bom_crlf(plugin, document, data, before)
            check_damage(plugin, document, data, before)
    shutil.rmtree(work, ignore_errors=True)
    checks.done()


main()
