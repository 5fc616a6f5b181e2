"""The layers that are not generated from core/include/sendlens/records.def,
held to it: the store a migration makes (PRAGMA table_info, the CHECK lists
and foreign keys), schemas/model.schema.json, the Lua types and
docs/data-model.md. Each failure names the file, the kind and the field, and
the line of records.def it disagrees with; tools/records-sync.py writes a
field appended to the table into the schema, the Lua types and the data
model. (The record structs, emit
wrappers, validation, INSERTs, wire format and export columns are made from
the table, so they cannot drift.)"""

import json
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
sys.path.insert(0, os.path.dirname(__file__))
import records_def  # noqa: E402
import sendlens_test as t  # noqa: E402

SQL_TYPES = {"TEXT": "TEXT", "DATE": "TEXT", "PERIOD": "TEXT", "ENUM": "TEXT", "NUMBER": "REAL",
             "COUNT": "INTEGER", "PARENT": "INTEGER"}
# Columns the host fills, not the plugin: they are no field of a record.
HOST_COLUMNS = {"area": ["plugin", "plugin_version"], "measure": ["indicator"]}
SCHEMA_TYPES = {"DATE": "#/$defs/date", "PERIOD": "#/$defs/period", "NUMBER": "#/$defs/number",
                "COUNT": "#/$defs/count"}

checks = t.Checks()
kinds = records_def.read()
where = lambda kind, field=None: "records.def:%d %s%s" % (  # noqa: E731
    (field or kind)["line"], kind["name"], "." + field["name"] if field else "")


def check_store(db):
    connection = sqlite3.connect(db)
    fact_sql = connection.execute("SELECT sql FROM sqlite_schema WHERE name = 'fact'").fetchone()[0]
    fact_kinds = re.search(r"kind IN \(([^)]*)\)", fact_sql).group(1)
    checks.equal(re.findall(r"'([^']*)'", fact_kinds), [k["name"] for k in kinds],
                 "store: fact.kind's CHECK lists the kinds of records.def")
    for kind in kinds:
        table = connection.execute("PRAGMA table_info(%s)" % kind["name"]).fetchall()
        sql = connection.execute("SELECT sql FROM sqlite_schema WHERE name = ?",
                                 (kind["name"],)).fetchone()
        sql = sql[0] if sql else ""
        names = [row[1] for row in table]
        expected = ([] if kind["name"] == "area" else ["id"]) + \
            [f["name"] for f in records_def.columns(kind)] + HOST_COLUMNS.get(kind["name"], []) + \
            records_def.span_columns(kind)
        checks.equal(sorted(names), sorted(expected), "store: columns of %s (%s)" % (kind["name"], where(kind)))
        info = {row[1]: row for row in table}
        keys = {row[3]: row[2] for row in connection.execute("PRAGMA foreign_key_list(%s)" % kind["name"])}
        for field in records_def.columns(kind):
            row = info.get(field["name"])
            if not row:
                continue
            checks.equal(row[2], SQL_TYPES[field["type"]], "store: type of %s" % where(kind, field))
            not_null = bool(row[3]) or bool(row[5])
            checks.equal(not_null, field["required"], "store: NOT NULL of %s" % where(kind, field))
            if field["type"] == "ENUM":
                found = re.search(r'CHECK \(\s*"?%s"?\s+IN\s*\(([^)]*)\)' % re.escape(field["name"]), sql)
                values = re.findall(r"'([^']*)'", found.group(1)) if found else None
                checks.equal(values, field["values"], "store: CHECK of %s" % where(kind, field))
            if field["type"] == "PARENT":
                parent = field["values"][0] if len(field["values"]) == 1 else "fact"
                checks.equal(keys.get(field["name"]), parent, "store: reference of %s" % where(kind, field))
    connection.close()


def schema_object(schema, kind):
    """The schema of one record of kind: its $defs entry, or where it is nested."""
    defs = schema["$defs"]
    nested = {"comparator": ("measure", "comparators"), "observation": ("measure", "observations"),
              "finding": ("review", "findings")}
    if kind in defs:
        return defs[kind]
    if kind in nested:
        parent, key = nested[kind]
        return defs[parent]["properties"][key]["items"]
    return None


def check_schema_field(obj, kind, field):
    key = field["json"]
    if "." in key:
        outer, key = key.split(".", 1)
        obj = obj["properties"].get(outer, {})
    prop = obj.get("properties", {}).get(key)
    if not checks.check(prop is not None, "schemas/model.schema.json: %s has no property '%s' (%s)"
                        % (kind["name"], field["json"], where(kind, field))):
        return
    checks.check(key in obj.get("required", []), "schemas/model.schema.json: '%s' not required in %s (%s)"
                 % (field["json"], kind["name"], where(kind, field)))
    if field["type"] == "ENUM":
        values = field["values"] + ([] if field["required"] else [None])
        checks.equal(prop.get("enum"), values, "schemas/model.schema.json: enum of %s" % where(kind, field))
    elif field["type"] in SCHEMA_TYPES and not field["required"]:
        checks.equal(prop.get("$ref"), SCHEMA_TYPES[field["type"]],
                     "schemas/model.schema.json: type of %s" % where(kind, field))
    elif field["type"] == "TEXT":
        fine = prop.get("$ref") == "#/$defs/text" if not field["required"] else prop.get("type") == "string"
        checks.check(fine, "schemas/model.schema.json: %s is %s text: %r" % (
            where(kind, field), "required" if field["required"] else "optional", prop))


def check_schema():
    schema = json.load(open(os.path.join(t.SOURCE_DIR, "schemas", "model.schema.json")))
    for kind in kinds:
        obj = schema_object(schema, kind["name"])
        exported = [f for f in kind["fields"] if f["json"]]
        if obj is None:
            checks.check(not exported, "schemas/model.schema.json: no object for %s" % where(kind))
            continue
        for field in exported:
            check_schema_field(obj, kind, field)


def check_lua_types():
    text = open(os.path.join(t.SOURCE_DIR, "scripts", "types", "sendlens.lua")).read()
    block = re.search(r"---@class sendlens\.Measure\n((?:---@field.*\n)+)", text).group(1)
    fields = re.findall(r"---@field (\w+)", block)
    measure = next(k for k in kinds if k["name"] == "measure")
    expected = [f["name"] for f in records_def.columns(measure) if f["type"] != "PARENT"]
    checks.equal(fields, expected + HOST_COLUMNS["measure"],
                 "scripts/types/sendlens.lua: sendlens.Measure's fields (%s)" % where(measure))


def check_docs():
    text = open(os.path.join(t.SOURCE_DIR, "docs", "data-model.md")).read()
    for kind in kinds:
        row = re.search(r"^\| %s \| ([^|]*) \|" % kind["name"], text, re.M)
        if not checks.check(row, "docs/data-model.md: no row for %s" % where(kind)):
            continue
        words = set(re.findall(r"[a-z_]+", row.group(1)))
        for field in records_def.columns(kind):
            checks.check(field["name"] in words, "docs/data-model.md: %s's row does not name %s (%s)"
                         % (kind["name"], field["name"], where(kind, field)))


def main():
    checks.check(len(kinds) == 14 and all(k["fields"][-1]["type"] == "SOURCE" or any(
        f["type"] == "SOURCE" for f in k["fields"]) for k in kinds), "records.def: 14 kinds, each with a source")
    db = os.path.join(t.temp_dir(), "drift.db")
    result = t.run("load", "walsall", db=db)
    checks.equal(result.returncode, 0, "a store is made: " + result.stderr)
    check_store(db)
    check_schema()
    check_lua_types()
    check_docs()
    if checks.failed:
        print("tools/records-sync.py adds a field appended to records.def where it is missing",
              file=sys.stderr)
    checks.done()


main()
