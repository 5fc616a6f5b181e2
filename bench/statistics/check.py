#!/usr/bin/python3
"""bench/statistics/check.py WORK ZIP ENGINE...: the report of
bench/statistics/run.sh, and its check that sendlens stored what DuckDB
read. Python 3 standard library (and node, for DuckDB's side).

Times: each engine's `/usr/bin/time -v` output (WORK/ENGINE.time: wall,
CPU, peak RSS) and hyperfine's runs (WORK/hyperfine.json: its mean is the
wall time); the ratios sendlens/DuckDB and sendlens/pandas; sendlens's
targets (issue 12: at most 0.5x DuckDB's wall time, peak RSS under 64 MiB).

Counts, per data file of the release (ZIP's data/*.csv), DuckDB's tables
(WORK/duckdb.duckdb, read back by duckdb_counts.mjs) against sendlens's
database (WORK/sendlens.db, schema 5: stat_file, stat_column, stat_row,
statistic):
  - rows: DuckDB's count, stat_file.rows and the stat_row rows of the file;
    and pandas' rows when it ran (WORK/pandas.json);
  - every row's line and geography code and time period: stat_row (line =
    id & 2^32-1) against DuckDB's row of that line (the file's order);
  - the roles of the columns: every column after the standard's time and
    geography columns and the filters (breakdown_topic, breakdown) is an
    indicator, except a name repeated in the header ("repeat", whose cells
    must equal the first column's cell for cell, so one copy is stored);
  - per indicator column: the numeric cells, the empty ones and each symbol
    ('x', 'z', ...), and the sum of the numbers: stat_row.cells (the cell
    stat_column names) against DuckDB's column;
  - every figure of `statistic` (value, numerator, denominator): the cell
    of DuckDB's table at its source (the row's line, the column) is a
    number equal to the stored number (no symbol stored), or a symbol equal
    to the stored symbol (no number stored).
Exits 1, with every difference named, when any count differs, an engine
failed or a table is missing; with --require-targets, also when a target
is missed."""

import csv
import io
import json
import math
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from report import read_time  # noqa: E402  (the case benchmark's reader of time -v)

MIB = 1024 * 1024
TARGET_DUCKDB_RATIO = 0.5   # sendlens wall time / DuckDB's, at most
TARGET_RSS_MIB = 64         # sendlens's peak RSS, under
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")
# The Explore education statistics standard's time and geography columns
# (those this release uses and the other geographic levels' codes and names).
STANDARD = {
    "time_period", "time_identifier", "geographic_level", "country_code", "country_name",
    "region_code", "region_name", "new_la_code", "old_la_code", "la_name",
    "lad_code", "lad_name", "pcon_code", "pcon_name", "lsip_code", "lsip_name",
    "opportunity_area_code", "opportunity_area_name", "ward_code", "ward_name",
    "school_urn", "school_laestab", "school_name", "provider_ukprn", "provider_name",
    "trust_id", "trust_name", "sponsor_id", "sponsor_name", "english_devolved_area_code",
    "english_devolved_area_name", "local_enterprise_partnership_code",
    "local_enterprise_partnership_name", "mat_id", "mat_name", "rsc_region_lead_name",
    "institution_id", "institution_name", "planning_area_code", "planning_area_name",
}
FILTERS = {"breakdown_topic", "breakdown"}
HERE = os.path.dirname(os.path.abspath(__file__))


class Problems:
    def __init__(self):
        self.items = []

    def add(self, text):
        self.items.append(text)

    def __bool__(self):
        return bool(self.items)


def classify(text):
    """'#num' for a number as written, '' for an empty cell, else the text (a symbol)."""
    if text is None or text == "":
        return ""
    return "#num" if NUMBER.fullmatch(text) else text


# ---------------------------------------------------------------- times

def read_hyperfine(work):
    path = os.path.join(work, "hyperfine.json")
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as handle:
        results = json.load(handle)["results"]
    return {r["command"]: (r["mean"], r["stddev"] or 0.0, len(r["times"]), min(r["times"]))
            for r in results}


def report_times(work, engines, require_targets, problems):
    hyperfine = read_hyperfine(work)
    results = {}
    for engine in engines:
        base = os.path.join(work, engine)
        if os.path.exists(base + ".failed") or not os.path.exists(base + ".time"):
            problems.add("engine %s failed (see %s.err)" % (engine, base))
            continue
        wall, cpu, rss = read_time(base + ".time")
        spread = "(1 run)"
        best = wall
        if engine in hyperfine:
            wall, stddev, runs, best = hyperfine[engine]
            spread = "+-%.2f (%d runs)" % (stddev, runs)
        results[engine] = {"wall": wall, "spread": spread, "best": best, "cpu": cpu, "rss": rss}
    print("%-9s %8s %-16s %7s %7s %13s %14s" % ("engine", "wall s", "(sd, runs)", "best s", "CPU s",
                                               "peak RSS MiB", "sendlens/this"))
    mine = results.get("sendlens")
    for engine, r in results.items():
        ratio = "%.2f" % (mine["wall"] / r["wall"]) if mine else "-"
        print("%-9s %8.2f %-16s %7.2f %7.2f %13.1f %14s" % (
            engine, r["wall"], r["spread"], r["best"], r["cpu"], r["rss"] / MIB, ratio))
    print("(wall: hyperfine's mean when it ran, best its fastest run; CPU and peak RSS: one run "
          "under /usr/bin/time -v)")
    if not mine:
        print("sendlens targets: not measured (no sendlens result)")
        return
    missed = []
    print("sendlens targets (issue 12):")
    duck = results.get("duckdb")
    if duck:
        ratio = mine["wall"] / duck["wall"]
        met = ratio <= TARGET_DUCKDB_RATIO
        print("  %-40s %6.2f (<= %.1f)  %s   (CPU time: %.2f)" % (
            "wall time / DuckDB's", ratio, TARGET_DUCKDB_RATIO, "PASS" if met else "MISS",
            mine["cpu"] / duck["cpu"]))
        if not met:
            missed.append("sendlens/DuckDB wall time %.2f > %.1f" % (ratio, TARGET_DUCKDB_RATIO))
    else:
        print("  %-40s not measured" % "wall time / DuckDB's")
    pandas = results.get("pandas")
    if pandas:
        print("  %-40s %6.2f (no target; %.1fx faster)  (CPU time: %.2f)" % (
            "wall time / pandas'", mine["wall"] / pandas["wall"], pandas["wall"] / mine["wall"],
            mine["cpu"] / pandas["cpu"]))
    rss = mine["rss"] / MIB
    met = rss < TARGET_RSS_MIB
    print("  %-40s %6.1f (< %d)    %s" % ("peak RSS MiB", rss, TARGET_RSS_MIB,
                                          "PASS" if met else "MISS"))
    if not met:
        missed.append("sendlens peak RSS %.1f MiB >= %d" % (rss, TARGET_RSS_MIB))
    if require_targets:
        for text in missed:
            problems.add("target missed: " + text)


# ---------------------------------------------------------------- counts

def zip_headers(path):
    """{base name: (member, [header names])} of the data files of the zip."""
    headers = {}
    with zipfile.ZipFile(path) as archive:
        for member in sorted(archive.namelist()):
            if member.startswith("data/") and member.endswith(".csv"):
                with archive.open(member) as raw:
                    text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
                    headers[os.path.basename(member)] = (member, next(csv.reader(text)))
    return headers


def expected_roles(header):
    """[(position, role)] for the columns after the standard's: filter,
    indicator, or repeat (a name, in any case, already in the header)."""
    seen, roles = set(), []
    for position, name in enumerate(header, 1):
        key = name.strip().lower()
        if key in STANDARD:
            role = None
        elif key in seen:
            role = "repeat"
        elif key in FILTERS:
            role = "filter"
        elif key == "":
            role = "empty"
        else:
            role = "indicator"
        seen.add(key)
        if role:
            roles.append((position, role))
    return roles


def run_duckdb_counts(duckdb_path, spec, out_dir):
    spec_path = os.path.join(out_dir, "spec.json")
    with open(spec_path, "w", encoding="utf-8") as handle:
        json.dump(spec, handle)
    subprocess.run(["node", os.path.join(HERE, "duckdb_counts.mjs"), duckdb_path, spec_path,
                    out_dir], check=True)

    def read(name):
        with open(os.path.join(out_dir, name), encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    return read("columns.csv"), read("rows.csv"), read("cells.csv")


def check_counts(work, zip_path, problems):
    headers = zip_headers(zip_path)
    db = sqlite3.connect("file:%s?mode=ro" % os.path.join(work, "sendlens.db"), uri=True)
    files = {}
    for file_id, name, document, rows in db.execute(
            "SELECT id, name, document, rows FROM stat_file ORDER BY name"):
        files[os.path.basename(name)] = {"id": file_id, "document": document, "rows": rows}
    extra = sorted(set(files) - set(headers))
    for name in sorted(set(headers) - set(files)):
        problems.add("%s: in the zip's data/, not stored by sendlens" % name)
    compared = sorted(set(headers) & set(files))

    # Columns and their roles.
    columns = {}   # name -> {position: (role, cell, column name)}
    for name in compared:
        f = files[name]
        columns[name] = {p: (role, cell, column) for p, role, cell, column in db.execute(
            "SELECT position, role, cell, name FROM stat_column WHERE file = ?", (f["id"],))}
        header = headers[name][1]
        if len(columns[name]) != len(header):
            problems.add("%s: stat_column has %d columns, the header %d"
                         % (name, len(columns[name]), len(header)))
        for position, role in expected_roles(header):
            stored = columns[name].get(position, (None,))[0]
            if stored != role:
                problems.add("%s: column %d (%s) is %r in stat_column, expected %r"
                             % (name, position, header[position - 1], stored, role))

    # Statistics: the cells of their sources, and DuckDB's cells to compare.
    spec, figures = {}, []
    for name in compared:
        table = name[:-4]
        f = files[name]
        header = headers[name][1]
        positions = set()
        for row in db.execute(
                "SELECT s.id, s.row, s.indicator, s.geography, "
                "s.value, s.value_symbol, s.value_column, "
                "s.numerator, s.numerator_symbol, s.numerator_column, "
                "s.denominator, s.denominator_symbol, s.denominator_column, r.geography "
                "FROM statistic s LEFT JOIN stat_row r ON r.id = s.row WHERE s.file = ?",
                (f["id"],)):
            (sid, row_id, indicator, geography, *cells, row_geography) = row
            if row_id >> 32 != f["id"]:
                problems.add("%s: statistic %d's row %d is not a row of the file" % (name, sid, row_id))
            if row_geography != geography:
                problems.add("%s: statistic %d's geography %r, its row's %r"
                             % (name, sid, geography, row_geography))
            for kind, (number, symbol, column) in zip(("value", "numerator", "denominator"),
                                                      (cells[0:3], cells[3:6], cells[6:9])):
                if column is None:
                    if number is not None or symbol is not None:
                        problems.add("%s: statistic %d has a %s but no column" % (name, sid, kind))
                    continue
                role = columns[name].get(column, (None,))[0]
                if role != "indicator":
                    problems.add("%s: statistic %d's %s column %r is a %r column, not an indicator"
                                 % (name, sid, kind, column, role))
                    continue
                positions.add(column)
                figures.append((table, row_id & 0xFFFFFFFF, column, kind, number, symbol, indicator))
        # The repeated columns, and the first column of their name, cell by cell.
        for position, role in expected_roles(header):
            if role == "repeat":
                key = header[position - 1].strip().lower()
                first = next(p for p, n in enumerate(header, 1) if n.strip().lower() == key)
                positions.update((position, first))
        if positions:
            spec[table] = sorted(positions)

    with tempfile.TemporaryDirectory(prefix="sendlens-bench-") as out_dir:
        duck_columns, duck_rows, duck_cells = run_duckdb_counts(
            os.path.join(work, "duckdb.duckdb"), spec, out_dir)

    # DuckDB's side, by table and position.
    duck_classes, duck_sums, duck_names = {}, {}, {}
    for r in duck_columns:
        key = (r["table"], int(r["position"]))
        duck_classes.setdefault(key, {})[r["class"]] = int(r["cells"])
        duck_sums[key] = duck_sums.get(key, 0.0) + (float(r["sum"]) if r["sum"] else 0.0)
        duck_names[key] = r["name"]
    duck_tables = {t for t, _ in duck_classes}
    for name in compared:
        if name[:-4] not in duck_tables:
            problems.add("%s: no DuckDB table %s" % (name, name[:-4]))
    duck_cell = {(r["table"], int(r["line"]), int(r["position"])): r["text"] for r in duck_cells}
    duck_row = {(r["table"], int(r["line"])): (r["geography"], r["time_period"]) for r in duck_rows}

    pandas_rows = {}
    if os.path.exists(os.path.join(work, "pandas.json")):
        with open(os.path.join(work, "pandas.json"), encoding="utf-8") as handle:
            pandas_rows = json.load(handle)

    summary = []
    for name in compared:
        table = name[:-4]
        f = files[name]
        header = headers[name][1]
        duck_count = sum(duck_classes.get((table, 1), {}).values())
        stored_rows = 0
        indicator_positions = [p for p, (role, _, _) in sorted(columns[name].items())
                               if role == "indicator"]
        mine_classes = {p: {} for p in indicator_positions}
        mine_sums = {p: 0.0 for p in indicator_positions}
        cell_of = {p: columns[name][p][1] for p in indicator_positions}
        line_problems = 0
        for row_id, geography, period, cells in db.execute(
                "SELECT id, geography, period, cells FROM stat_row WHERE id >> 32 = ?", (f["id"],)):
            stored_rows += 1
            line = row_id & 0xFFFFFFFF
            duck = duck_row.get((table, line))
            digits = re.sub(r"[^0-9]", "", period)
            if duck is None or duck[0] != geography or duck[1] != digits:
                line_problems += 1
                if line_problems <= 3:
                    problems.add("%s line %d: sendlens stores %s %s, DuckDB's row of that line is %s"
                                 % (name, line, geography, period, duck))
            values = json.loads(cells, parse_int=str, parse_float=str)
            for p in indicator_positions:
                text = values[cell_of[p]] if cell_of[p] is not None and cell_of[p] < len(values) else None
                if text is not None and not isinstance(text, str):
                    text = json.dumps(text)
                c = classify(text)
                mine_classes[p][c] = mine_classes[p].get(c, 0) + 1
                if c == "#num":
                    mine_sums[p] += float(text)
        if line_problems > 3:
            problems.add("%s: %d rows differ from DuckDB's in line, geography or period"
                         % (name, line_problems))
        if not (duck_count == f["rows"] == stored_rows):
            problems.add("%s: rows: DuckDB %d, stat_file.rows %d, stat_row %d"
                         % (name, duck_count, f["rows"], stored_rows))
        if name in pandas_rows and pandas_rows[name] != duck_count:
            problems.add("%s: rows: pandas %d, DuckDB %d" % (name, pandas_rows[name], duck_count))
        total_mine, total_duck = {}, {}
        for p in indicator_positions:
            duck = duck_classes.get((table, p), {})
            if duck != mine_classes[p]:
                problems.add("%s column %d (%s): cells by class: sendlens %s, DuckDB %s"
                             % (name, p, header[p - 1], mine_classes[p], duck))
            if not math.isclose(mine_sums[p], duck_sums.get((table, p), 0.0),
                                rel_tol=1e-9, abs_tol=1e-6):
                problems.add("%s column %d (%s): sum of the numbers: sendlens %r, DuckDB %r"
                             % (name, p, header[p - 1], mine_sums[p], duck_sums.get((table, p))))
            for c, n in mine_classes[p].items():
                total_mine[c] = total_mine.get(c, 0) + n
            for c, n in duck.items():
                total_duck[c] = total_duck.get(c, 0) + n
        # The repeated columns: the same cells as the first of their name.
        for position, role in expected_roles(header):
            if role != "repeat":
                continue
            key = header[position - 1].strip().lower()
            first = next(p for p, n in enumerate(header, 1) if n.strip().lower() == key)
            differ = sum(1 for line in range(2, duck_count + 2)
                         if duck_cell.get((table, line, position)) != duck_cell.get((table, line, first)))
            if differ:
                problems.add("%s: column %d repeats the name of column %d (%s) but %d of its cells "
                             "differ: it is not a copy" % (name, position, first, header[first - 1], differ))
        summary.append((name, duck_count, f["rows"], stored_rows, len(indicator_positions),
                        total_mine, total_duck))

    # Every figure of `statistic` against DuckDB's cell at its source.
    stat_summary = {}
    bad_figures = 0
    for table, line, column, kind, number, symbol, indicator in figures:
        text = duck_cell.get((table, line, column))
        c = classify(text)
        s = stat_summary.setdefault(table + ".csv", {})
        s[c] = s.get(c, 0) + 1
        if c == "#num":
            ok = symbol is None and number is not None and float(number) == float(text)
        elif c == "":
            ok = number is None and symbol in (None, "")
        else:
            ok = number is None and symbol == text
        if not ok:
            bad_figures += 1
            if bad_figures <= 10:
                problems.add("%s.csv line %d column %d: %s's %s stored as %r (symbol %r), DuckDB "
                             "reads %r" % (table, line, column, indicator, kind, number, symbol, text))
    if bad_figures > 10:
        problems.add("%d figures of statistic differ from DuckDB's cells in all" % bad_figures)

    def show(classes):
        parts = ["%d numbers" % classes.get("#num", 0)]
        parts += ["%d '%s'" % (n, c) for c, n in sorted(classes.items()) if c not in ("#num", "")]
        if classes.get(""):
            parts.append("%d empty" % classes[""])
        return ", ".join(parts)

    print()
    print("%-26s %7s %7s %7s %5s  %s" % ("file", "DuckDB", "stored", "rows", "ind.",
                                        "indicator cells (DuckDB = stat_row.cells)"))
    totals = [0, 0, 0]
    all_cells = {}
    for name, duck_count, file_rows, stored_rows, indicators, mine, duck in summary:
        same = "=" if mine == duck else "DIFFERENT from DuckDB's " + show(duck)
        print("%-26s %7d %7d %7d %5d  %s %s" % (name, duck_count, file_rows, stored_rows, indicators,
                                                show(mine), same))
        totals[0] += duck_count
        totals[1] += file_rows
        totals[2] += stored_rows
        for c, n in mine.items():
            all_cells[c] = all_cells.get(c, 0) + n
    print("%-26s %7d %7d %7d %5s  %s" % ("all %d files" % len(summary), totals[0], totals[1],
                                        totals[2], "", show(all_cells)))
    print("(DuckDB: its rows; stored: stat_file.rows; rows: stat_row's rows of the file; ind.: "
          "indicator columns stored)")
    print()
    print("statistic figures (value, numerator, denominator) checked against DuckDB's cell at "
          "their source: %d" % len(figures))
    for name in sorted(stat_summary):
        print("  %-26s %s" % (name, show(stat_summary[name])))
    for name in extra:
        print("also stored by sendlens, not compared: %s (%d rows)" % (files[name]["document"],
                                                                      files[name]["rows"]))
    db.close()


def main(argv):
    require_targets = "--require-targets" in argv
    args = [a for a in argv if a != "--require-targets"]
    if len(args) < 3:
        sys.exit("usage: check.py [--require-targets] WORK ZIP ENGINE...")
    work, zip_path, engines = args[0], args[1], args[2:]
    problems = Problems()
    report_times(work, engines, require_targets, problems)
    compared = False
    if "sendlens" in engines and "duckdb" in engines and os.path.exists(
            os.path.join(work, "sendlens.db")) and os.path.exists(os.path.join(work, "duckdb.duckdb")):
        check_counts(work, zip_path, problems)
        compared = True
    else:
        print("\ncounts not compared: they need both sendlens and duckdb to have run")
    print()
    if problems:
        for text in problems.items:
            print("FAILED: " + text)
        print("FAILED: %d problem(s)" % len(problems.items))
        return 1
    print("OK: every count stored by sendlens equals DuckDB's" if compared else "OK: every engine ran")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
