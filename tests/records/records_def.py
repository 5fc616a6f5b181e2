"""records_def: core/include/sendlens/records.def read as data, for the tests
that hold the other layers to it. The file is one macro call a line, so a
line is parsed on its own: SL_RECORD(kind, KIND, doc), SL_FIELD(kind, name,
type, presence, values, json, doc), SL_END(kind)."""

import os
import re

ARGUMENT = r'\s*("(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*)\s*'
CALL = re.compile(r'^(SL_RECORD|SL_FIELD|SL_END)\((.*)\)\s*$')


def _arguments(text):
    found, at = [], 0
    while at < len(text):
        match = re.compile(ARGUMENT).match(text, at)
        if not match:
            raise ValueError("cannot read %r" % text[at:])
        value = match.group(1)
        found.append(bytes(value[1:-1], "utf-8").decode("unicode_escape") if value[0] == '"' else value)
        at = match.end()
        if at < len(text):
            if text[at] != ",":
                raise ValueError("expected a comma in %r" % text)
            at += 1
    return found


def read(path=None):
    """The kinds, in order: [{"name", "KIND", "doc", "fields": [{...}], "line"}]."""
    if path is None:
        path = os.path.join(os.environ.get("SENDLENS_SOURCE_DIR", ""), "core", "include",
                            "sendlens", "records.def")
    kinds = []
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        match = CALL.match(line.strip())
        if not match:
            continue
        macro, arguments = match.group(1), _arguments(match.group(2))
        if macro == "SL_RECORD":
            kinds.append({"name": arguments[0], "KIND": arguments[1], "doc": arguments[2],
                          "fields": [], "line": number})
        elif macro == "SL_FIELD":
            kind, name, type_, presence, values, json_key, doc = arguments
            assert kinds and kinds[-1]["name"] == kind, "%s:%d: field outside its kind" % (path, number)
            kinds[-1]["fields"].append({"name": name, "type": type_, "required": presence == "REQUIRED",
                                        "values": values.split(), "json": json_key, "doc": doc,
                                        "line": number})
    return kinds


def columns(kind):
    """The kind's fields that are columns of its table (all but the source)."""
    return [f for f in kind["fields"] if f["type"] != "SOURCE"]
