#!/usr/bin/env python3
"""tools/records-sync.py: after a field is appended to a record kind in
core/include/sendlens/records.def, write it where the table's readers are
written by hand: schemas/model.schema.json (the property, by its type, and
its place in "required"), docs/data-model.md (the kind's row) and, for a
measure, scripts/types/sendlens.lua (sendlens.Measure). It only adds what is
missing, each beside the field before it, and leaves every byte else as it
was; tests/records/test_drift.py then passes. With --check it writes
nothing and exits 1 when something is missing.

    tools/records-sync.py [--check] [SOURCE_DIR]
"""

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "records"))
import records_def  # noqa: E402

SCHEMA_TYPES = {"TEXT": '{"$ref": "#/$defs/text"}', "DATE": '{"$ref": "#/$defs/date"}',
                "PERIOD": '{"$ref": "#/$defs/period"}', "NUMBER": '{"$ref": "#/$defs/number"}',
                "COUNT": '{"$ref": "#/$defs/count"}'}
LUA_TYPES = {"NUMBER": "number?", "COUNT": "integer?"}
# Where a kind's records sit in the schema when it has no $defs entry.
NESTED = {"comparator": ("measure", "comparators"), "observation": ("measure", "observations"),
          "finding": ("review", "findings")}


def schema_of(field):
    if field["type"] == "ENUM":
        return '{"enum": %s}' % json.dumps(field["values"] + ([] if field["required"] else [None]))
    if field["required"] and field["type"] == "TEXT":
        return '{"type": "string", "minLength": 1}'
    return SCHEMA_TYPES[field["type"]]


def object_start(text, kind):
    """Where kind's object begins in the schema's text."""
    if kind in NESTED:
        parent, key = NESTED[kind]
        at = object_start(text, parent)
        return text.index('"%s": {' % key, at)
    return text.index('\n    "%s": {' % kind)


def add_to_schema(text, kind, field, previous):
    """text with field's property after previous's in kind's object, and its
    name after previous's in the object's "required"."""
    decoder = json.JSONDecoder()
    start = object_start(text, kind["name"])
    found = re.compile(r'\n(\s*)"%s": ' % re.escape(previous["json"])).search(text, start)
    _, end = decoder.raw_decode(text, found.end())
    text = text[:end] + ',\n%s"%s": %s' % (found.group(1), field["json"], schema_of(field)) + text[end:]
    required = text.index('"required": [', start)
    listed = text.find('"%s"' % previous["json"], required, text.index("]", required))
    at = listed + len(previous["json"]) + 2
    return text[:at] + ', "%s"' % field["json"] + text[at:]


def sync_schema(path, kinds, write):
    text = open(path, encoding="utf-8").read()
    schema = json.loads(text)
    missing = []
    for kind in kinds:
        exported = [f for f in kind["fields"] if f["json"] and "." not in f["json"]]
        for i, field in enumerate(exported):
            obj = schema["$defs"].get(kind["name"])
            if kind["name"] in NESTED:
                parent, key = NESTED[kind["name"]]
                obj = schema["$defs"][parent]["properties"][key]["items"]
            if obj is None or field["json"] in obj.get("properties", {}) or i == 0:
                continue
            missing.append("%s: %s.%s" % (path, kind["name"], field["name"]))
            if write:
                text = add_to_schema(text, kind, field, exported[i - 1])
                schema = json.loads(text)
    if write and missing:
        open(path, "w", encoding="utf-8").write(text)
    return missing


def sync_docs(path, kinds, write):
    text = open(path, encoding="utf-8").read()
    missing = []
    for kind in kinds:
        row = re.search(r"^\| %s \| ([^|]*) \|" % kind["name"], text, re.M)
        if not row:
            continue
        words = set(re.findall(r"[a-z_]+", row.group(1)))
        for field in records_def.columns(kind):
            if field["name"] in words:
                continue
            missing.append("%s: %s.%s" % (path, kind["name"], field["name"]))
            cell = row.group(1).rstrip() + ", " + field["name"]
            text = text[:row.start(1)] + cell + text[row.end(1):]
            row = re.search(r"^\| %s \| ([^|]*) \|" % kind["name"], text, re.M)
            words.add(field["name"])
    if write and missing:
        open(path, "w", encoding="utf-8").write(text)
    return missing


def sync_lua(path, kinds, write):
    text = open(path, encoding="utf-8").read()
    block = re.search(r"---@class sendlens\.Measure\n((?:---@field.*\n)+)", text)
    present = re.findall(r"---@field (\w+)", block.group(1))
    measure = next(k for k in kinds if k["name"] == "measure")
    missing, at = [], block.start(1)
    for field in records_def.columns(measure):
        if field["type"] == "PARENT":
            continue
        if field["name"] in present:
            at = text.index("\n", text.index("---@field %s " % field["name"], block.start(1))) + 1
            continue
        missing.append("%s: measure.%s" % (path, field["name"]))
        line = "---@field %s %s %s\n" % (field["name"], LUA_TYPES.get(field["type"], "string?"), field["doc"])
        text = text[:at] + line + text[at:]
        at += len(line)
    if write and missing:
        open(path, "w", encoding="utf-8").write(text)
    return missing


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    root = args[0] if args else os.path.join(HERE, "..")
    kinds = records_def.read(os.path.join(root, "core", "include", "sendlens", "records.def"))
    missing = (sync_schema(os.path.join(root, "schemas", "model.schema.json"), kinds, not check) +
               sync_docs(os.path.join(root, "docs", "data-model.md"), kinds, not check) +
               sync_lua(os.path.join(root, "scripts", "types", "sendlens.lua"), kinds, not check))
    for item in missing:
        print(("missing " if check else "added ") + item)
    return 1 if check and missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
