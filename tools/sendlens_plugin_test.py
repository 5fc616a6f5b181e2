#!/usr/bin/env python3
"""sendlens_plugin_test: test an area plugin, in the tree or out of it.

Installed with the kit as `bin/sendlens-plugin-test` (a command) and as
`share/sendlens/python/sendlens_plugin_test.py` (a module; `pkg-config
--variable=datadir sendlens-plugin` gives the folder holding python/).
Python 3's standard library only. The bundled areas' fidelity tests use it.

As a module: load the plugin into a scratch database, then assert what you
worked out by reading the documents (never copied from the program's
output):

    import sendlens_plugin_test as kit
    checks = kit.Checks()
    area = kit.load("myarea", plugins="myplugins")     # raises kit.LoadError
    checks.equal(kit.counts(area)["weaknesses"], 3, "three weaknesses")
    weakness = kit.find(area, "weakness", ref="2")
    checks.equal(weakness["progress"], "insufficient", "weakness 2's judgement")
    kit.check_sources(checks, area, "myplugins/myarea/sources")
    checks.done()                                       # "N passed, N failed", exit code

As a command, the same from a JSON file of expectations:

    sendlens-plugin-test [--sendlens PATH] [--plugins DIR]... NAME EXPECT.json

    {"area": {"code": "E06000099", "name": "Myarea"},
     "counts": {"inspections": 1, "weaknesses": 3},
     "records": [{"kind": "weakness", "where": {"ref": "2"},
                  "equals": {"progress": "insufficient"}}],
     "sources": true}

"sources": true checks that every source's quote is in its document,
verbatim, starting on the line its locator names. Exit code 0 when every
check passes, 1 when one fails, 2 for bad usage.

The program run is, in order: the `sendlens` argument, $SENDLENS, the
sendlens installed beside this file (bin/ of the same prefix), the first
on PATH; so an installed helper tests with its own install, never another
copy that happens to be on PATH.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

KINDS = ("inspection", "weakness", "plan", "concern", "action", "measure", "observation",
         "review", "finding", "glossary")
PLURALS = {"weakness": "weaknesses", "glossary": "glossary"}


class LoadError(Exception):
    """The plugin did not load; the message is sendlens's stderr."""


class Checks:
    """Named checks; a failed one prints what was expected and goes on."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, condition, what):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print("FAILED: " + what, file=sys.stderr)
        return condition

    def equal(self, actual, expected, what):
        return self.check(actual == expected, "%s: got %r, expected %r" % (what, actual, expected))

    def done(self):
        """Print "N passed, N failed" and exit: 0 only if checks ran and none failed."""
        print("%d passed, %d failed" % (self.passed, self.failed))
        sys.exit(1 if self.failed or not self.passed else 0)


def program(sendlens=None):
    """The sendlens to run (see the module's comment for the order)."""
    if sendlens:
        return sendlens
    if os.environ.get("SENDLENS"):
        return os.environ["SENDLENS"]
    here = os.path.dirname(os.path.realpath(__file__))
    for candidate in (os.path.join(here, "sendlens"),
                      os.path.join(here, "..", "..", "..", "bin", "sendlens")):
        if os.access(candidate, os.X_OK):
            return os.path.normpath(candidate)
    return shutil.which("sendlens") or "sendlens"


def run(args, db, plugins=(), scripts=(), sendlens=None, timeout=300):
    """Run sendlens on db; a CompletedProcess with text stdout and stderr."""
    if isinstance(plugins, str):
        plugins = [plugins]
    if isinstance(scripts, str):
        scripts = [scripts]
    command = [program(sendlens), "--db", db]
    for folder in plugins:
        command += ["--plugins", folder]
    for folder in scripts:
        command += ["--scripts", folder]
    env = dict(os.environ, NO_COLOR="1")
    env.pop("SENDLENS_DB", None)
    return subprocess.run(command + list(args), capture_output=True, text=True,
                          timeout=timeout, env=env)


def load(name, plugins=(), scripts=(), sendlens=None, keep=None):
    """Load plugin NAME into a scratch database and return its area as the
    JSON export has it (plus "_stderr", what the load said). keep=PATH keeps
    the database there instead of deleting it."""
    work = tempfile.mkdtemp(prefix="sendlens-plugin-test-")
    db = keep or os.path.join(work, "scratch.db")
    try:
        loaded = run(["load", name], db, plugins, scripts, sendlens)
        if loaded.returncode != 0:
            raise LoadError("load %s exited %d: %s" % (name, loaded.returncode,
                                                       loaded.stderr.strip()))
        exported = run(["export", "--format", "json"], db, plugins, scripts, sendlens)
        if exported.returncode != 0:
            raise LoadError("export exited %d: %s" % (exported.returncode, exported.stderr.strip()))
        areas = [a for a in json.loads(exported.stdout)["areas"] if a.get("plugin") == name]
        if len(areas) != 1:
            raise LoadError("the export holds %d areas of plugin %s" % (len(areas), name))
        areas[0]["_stderr"] = loaded.stderr
        return areas[0]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def records(area, kind):
    """Every record of a kind in an exported area, in the plugin's order."""
    if kind == "inspection":
        return list(area.get("inspections", []))
    if kind == "weakness":
        return [w for i in area.get("inspections", []) for w in i["weaknesses"]]
    if kind == "plan":
        return list(area.get("plans", []))
    if kind == "concern":
        return [c for p in area.get("plans", []) for c in p["concerns"]]
    if kind == "action":
        return [a for c in records(area, "concern") for a in c["actions"]]
    if kind == "measure":
        return ([m for p in area.get("plans", []) for m in p["measures"]] +
                [m for c in records(area, "concern") for m in c["measures"]] +
                [m for a in records(area, "action") for m in a["measures"]])
    if kind == "observation":
        return [o for m in records(area, "measure") for o in m.get("observations", [])]
    if kind == "review":
        return [r for p in area.get("plans", []) for r in p.get("reviews", [])]
    if kind == "finding":
        return [f for r in records(area, "review") for f in r.get("findings", [])]
    if kind == "glossary":
        return list(area.get("glossary", []))
    raise ValueError("unknown kind %r (one of %s)" % (kind, ", ".join(KINDS)))


def counts(area):
    """{"inspections": n, "weaknesses": n, ...}: every kind, plural."""
    return {PLURALS.get(kind, kind + "s"): len(records(area, kind)) for kind in KINDS}


def find(area, kind, **where):
    """The one record of kind whose fields equal where's; None when not
    exactly one does (so a check on it fails rather than picks one)."""
    found = [r for r in records(area, kind) if all(r.get(k) == v for k, v in where.items())]
    return found[0] if len(found) == 1 else None


def _document(sources_dir, name, cache):
    if name not in cache:
        path = os.path.join(sources_dir, name)
        try:
            with open(path, encoding="utf-8-sig") as handle:
                cache[name] = handle.read().replace("\r\n", "\n").split("\n")
        except OSError:
            cache[name] = None
    return cache[name]


def check_source(checks, source, sources_dir, what, cache=None):
    """The quote is in its document, verbatim, starting on the line its
    locator names ("line 5", "lines 5-7", "paragraph 2.4, line 60")."""
    cache = {} if cache is None else cache
    document = source.get("document") or ""
    lines = _document(sources_dir, document, cache)
    if not checks.check(lines is not None, "%s: document %r is in %s" % (what, document, sources_dir)):
        return
    quote = source.get("quote") or ""
    checks.check(quote and quote in "\n".join(lines),
                 "%s: quote %r verbatim in %s" % (what, quote[:60], document))
    match = re.search(r"lines? (\d+)", source.get("locator") or "")
    if not checks.check(match, "%s: locator %r names a line" % (what, source.get("locator"))):
        return
    first = int(match.group(1))
    span = quote.count("\n") + 1
    checks.check(1 <= first <= len(lines) and quote.split("\n")[0] in lines[first - 1]
                 and quote in "\n".join(lines[first - 1:first - 1 + span]),
                 "%s: %s %s holds the start of %r" % (what, document, source.get("locator"),
                                                      quote[:60]))


def check_record_sources(checks, record, sources_dir, what, cache=None):
    """A record has a source, and each is checked by check_source."""
    sources = record.get("sources") or []
    checks.check(len(sources) >= 1, "%s has a source" % what)
    for index, source in enumerate(sources):
        check_source(checks, source, sources_dir, "%s source %d" % (what, index + 1), cache)


def check_sources(checks, area, sources_dir):
    """Every record of the area has a source quoting its document."""
    cache = {}
    check_record_sources(checks, area, sources_dir, "area", cache)
    for kind in KINDS:
        for index, record in enumerate(records(area, kind)):
            label = record.get("ref") or record.get("kind") or str(index + 1)
            check_record_sources(checks, record, sources_dir, "%s %s" % (kind, label), cache)


def check_expectations(checks, area, expect, sources_dir):
    """Apply an EXPECT.json's checks (the module's comment shows one)."""
    for field, value in (expect.get("area") or {}).items():
        checks.equal(area.get(field), value, "the area's %s" % field)
    found = counts(area)
    for kind, value in (expect.get("counts") or {}).items():
        if checks.check(kind in found, "count of %r: a kind of record (%s)" % (kind, ", ".join(found))):
            checks.equal(found[kind], value, "%s" % kind)
    for index, rule in enumerate(expect.get("records") or []):
        what = "records[%d] (%s %s)" % (index, rule.get("kind"), rule.get("where"))
        record = find(area, rule.get("kind"), **(rule.get("where") or {}))
        if checks.check(record is not None, what + ": exactly one record matches"):
            for field, value in (rule.get("equals") or {}).items():
                checks.equal(record.get(field), value, "%s: %s" % (what, field))
    if expect.get("sources"):
        check_sources(checks, area, sources_dir)


def main(argv):
    usage = "usage: sendlens-plugin-test [--sendlens PATH] [--plugins DIR]... NAME EXPECT.json"
    sendlens, plugins, words = None, [], []
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg in ("-h", "--help"):
            print(usage)
            return 0
        if arg in ("--sendlens", "--plugins"):
            if not args:
                print("sendlens-plugin-test: %s needs a value (%s)" % (arg, usage), file=sys.stderr)
                return 2
            value = args.pop(0)
            if arg == "--sendlens":
                sendlens = value
            else:
                plugins.append(value)
        elif arg.startswith("-"):
            print("sendlens-plugin-test: unknown option '%s' (%s)" % (arg, usage), file=sys.stderr)
            return 2
        else:
            words.append(arg)
    if len(words) != 2:
        print("sendlens-plugin-test: expected NAME EXPECT.json (%s)" % usage, file=sys.stderr)
        return 2
    name, expect_path = words
    try:
        with open(expect_path, encoding="utf-8") as handle:
            expect = json.load(handle)
    except (OSError, ValueError) as error:
        print("sendlens-plugin-test: %s: %s" % (expect_path, error), file=sys.stderr)
        return 2
    checks = Checks()
    try:
        area = load(name, plugins, sendlens=sendlens)
    except LoadError as error:
        checks.check(False, str(error))
        checks.done()
    # The documents are beside the plugin that was loaded: the first found.
    listed = run(["plugins", "--json"], os.devnull, plugins, sendlens=sendlens)
    paths = [p["path"] for p in json.loads(listed.stdout or "[]")
             if p.get("name") == name and p.get("status") == "ok"]
    sources = os.path.join(os.path.dirname(paths[0]), name, "sources") if paths else ""
    check_expectations(checks, area, expect, sources)
    checks.done()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
