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


# The host columns beside a PERIOD field NAME: its kind and first and last
# days (core/records.h, sl_record_span_suffixes).
SPAN_SUFFIXES = ["_kind", "_start", "_end"]


def span_columns(kind):
    """The host columns of kind's PERIOD fields, in the table's order."""
    return [f["name"] + suffix for f in columns(kind) if f["type"] == "PERIOD"
            for suffix in SPAN_SUFFIXES]


# The CSV file and XLSX sheet of each kind, and the columns the host adds:
# core/export_tables.c's RECORD_TABLES, which the export tests expect.
EXPORT_TABLES = [("area", "areas.csv", "Areas"), ("inspection", "inspections.csv", "Inspections"),
                 ("weakness", "weaknesses.csv", "Weaknesses"), ("plan", "plans.csv", "Plans"),
                 ("concern", "concerns.csv", "Concerns"), ("role", "roles.csv", "Roles"),
                 ("action", "actions.csv", "Actions"), ("measure", "measures.csv", "Measures"),
                 ("comparator", "comparators.csv", "Comparators"),
                 ("observation", "observations.csv", "Observations"),
                 ("review", "reviews.csv", "Reviews"), ("finding", "findings.csv", "Findings"),
                 ("term", "glossary.csv", "Glossary")]
HOST_COLUMNS = {"area": ["plugin", "plugin_version"], "measure": ["indicator"]}


def export_header(kind):
    """The header of kind's table in the CSV and XLSX exports: the record's
    id, area and area's name, its columns in the table's order (a measure's parent with
    its kind, a period with its kind, start and end), then what the host
    adds."""
    names = [] if kind["name"] == "area" else ["id", "area", "area_name"]
    for field in columns(kind):
        names.append(field["name"])
        if field["type"] == "PARENT" and kind["name"] in ("measure", "role"):
            names.append("parent_kind")
        if field["type"] == "PERIOD":
            names.extend(field["name"] + suffix for suffix in SPAN_SUFFIXES)
    return ",".join(names + HOST_COLUMNS.get(kind["name"], []))


def export_headers(by="file"):
    """{file or sheet: header} of every record kind's table."""
    kinds = {k["name"]: k for k in read()}
    index = 1 if by == "file" else 2
    return {entry[index]: export_header(kinds[entry[0]]) for entry in EXPORT_TABLES}
