#!/usr/bin/env bash
# A new optional field, as a developer adds one, on a copy of the source
# tree: one line appended to the measure kind of records.def and a
# migration adding its column (the .sql file alone: the build finds it and
# counts the schema's version), nothing else. The copy
# builds; a plugin that sets the field stores it and the JSON and CSV
# exports carry it; a plugin built before the field (fixture_full, built
# against the unchanged header) still loads with the field
# NULL, so no ABI number changed; and the drift test fails, naming the
# files still to follow the table (the schema, the Lua types, the data
# model), until tools/records-sync.py writes the field into them.
set -u
source_dir=${SENDLENS_SOURCE_DIR:?SENDLENS_SOURCE_DIR is not set}
python=${SENDLENS_PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=$work/src build=$work/build plugins=$work/plugins
# shellcheck source=tests/kit/kit.sh
source "$source_dir/tests/kit/kit.sh"

if ! copy_tree "$source_dir" "$src"; then
  check "copy the source tree" false
  finish
fi

# ---- the edit: the table line and the migration ----
def=$src/core/include/sendlens/records.def
sed -i '/^SL_END(measure)/i SL_FIELD(measure, frequency, TEXT, OPTIONAL, "", "frequency", "how often it is reported, as written")' "$def"
check "the line is in the table" grep -q "SL_FIELD(measure, frequency" "$def"
version=$(ls "$src/schemas/migrations" | sed -n 's/^\([0-9][0-9][0-9]\)_.*\.sql$/\1/p' | sort -n | tail -1)
next=$((10#$version + 1))
file=$(printf '%03d_measure_frequency' "$next")
printf 'ALTER TABLE measure ADD COLUMN frequency TEXT;\n' >"$src/schemas/migrations/$file.sql"
(cd "$src" && diff -r "$source_dir/core" core >"$work/core.diff")
check "core: only records.def changed" test "$(grep -c '^diff' "$work/core.diff")" -eq 1
(cd "$src" && diff "$source_dir/CMakeLists.txt" CMakeLists.txt >/dev/null)
check "CMakeLists.txt unchanged: the build finds the migration" test $? -eq 0

# ---- the copy builds, warnings as errors (and walsall, for the drift test's store) ----
if ! cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_INSTALL_PREFIX="$work/none" \
  >"$work/cmake.log" 2>&1 || ! cmake --build "$build" --target sendlens sendlens_plugin_walsall -j2 >>"$work/cmake.log" 2>&1; then
  tail -30 "$work/cmake.log" >&2
  check "the copy builds" false
  finish
fi
sendlens=$build/sendlens

# ---- a plugin that sets the field ----
mkdir -p "$plugins/newfield/sources"
printf 'Joint area SEND revisit in Fieldshire\nMeasures are reported every quarter.\n' \
  >"$plugins/newfield/sources/plan.txt"
cat >"$work/newfield.c" <<'C'
#include "sendlens/plugin.h"

#define PLAN(quote) ((sl_source){"plan.txt", "line 2", (quote)})

static int newfield_load(const sl_host_api *api, sl_host *host) {
  SL_PLUGIN_INIT(api);
  sl_id plan;
  sl_area_record area = {.code = "E99999993", .name = "Fieldshire",
                         .source = {"plan.txt", "line 1", "Joint area SEND revisit in Fieldshire"}};
  sl_plan_record app = {.kind = "APP", .source = PLAN("Measures")};
  sl_measure_record measure = {.parent = 0, .name = "Plans on time", .frequency = "quarterly",
                               .source = PLAN("reported every quarter")};
  int rc = sl_read_document(host, "plan.txt", NULL);
  if (rc == SL_OK) rc = sl_emit_area(host, &area, NULL);
  if (rc == SL_OK) rc = sl_emit_plan(host, &app, &plan);
  measure.parent = plan;
  if (rc == SL_OK) rc = sl_emit_measure(host, &measure, NULL);
  return rc;
}

SL_PLUGIN_DEFINE("newfield", "E99999993", "Fieldshire", "0.1.0", newfield_load);
C
check "the plugin builds against the copy's header" \
  cc -std=c11 -Wall -Wextra -Werror -shared -fPIC -I"$src/core/include" -o "$plugins/newfield.so" "$work/newfield.c"

for mode in "" --in-process; do
  db=$work/new$mode.db
  check "load $mode" "$sendlens" --db "$db" --plugins "$plugins" load $mode newfield
  check "the store has the column and the value ($mode)" test \
    "$("$python" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT frequency FROM measure").fetchone()[0])' "$db")" = quarterly
  "$sendlens" --db "$db" export --format json >"$work/export.json"
  check "the JSON export carries it ($mode)" test \
    "$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["areas"][0]["plans"][0]["measures"][0]["frequency"])' "$work/export.json")" = quarterly
done
"$sendlens" --db "$work/new.db" export --format csv -o "$work/csv" 2>"$work/err"
check "the CSV export has the column" grep -q '^id,area,area_name,parent,parent_kind,ref,name,group,kind,unit,direction,baseline,baseline_date,baseline_date_kind,baseline_date_start,baseline_date_end,target,target_date,target_date_kind,target_date_start,target_date_end,frequency,indicator.$' "$work/csv/measures.csv"
check "and the value" grep -q ',quarterly,' "$work/csv/measures.csv"

# ---- a plugin built before the field: same ABI, the field NULL ----
mkdir -p "$work/old"
check "fixture_full builds against the header before the field" \
  cc -std=c11 -shared -fPIC -I"$source_dir/core/include" -o "$work/old/fixture_full.so" \
  "$source_dir/tests/plugins/fixtures/fixture_full.c"
cp -r "$source_dir/tests/plugins/fixtures/fixture_full" "$work/old/"
check "a plugin built before the field loads" "$sendlens" --db "$work/old.db" --plugins "$work/old" load fixture_full
check "its measure's new field is NULL" test \
  "$("$python" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM measure WHERE frequency IS NULL").fetchone()[0])' "$work/old.db")" = 1

# ---- the drift test names what is left to follow the table ----
SENDLENS_SOURCE_DIR=$src SENDLENS=$sendlens "$python" "$src/tests/records/test_drift.py" >"$work/drift.out" 2>&1
status=$?
check "the drift test fails until the rest follows" test "$status" -ne 0
check "it names the schema" grep -q "model.schema.json: measure has no property 'frequency'" "$work/drift.out"
check "it names the Lua types" grep -q "sendlens.lua: sendlens.Measure" "$work/drift.out"
check "it names the data model" grep -q "data-model.md: measure's row does not name frequency" "$work/drift.out"
check "it names the store nowhere (the migration made it)" test "$(grep -c 'store:' "$work/drift.out")" -eq 0

# ---- tools/records-sync.py writes them; then the drift test passes ----
check "records-sync --check lists what is missing" test "$("$python" "$src/tools/records-sync.py" --check "$src" | wc -l)" -eq 3
check "records-sync writes it" "$python" "$src/tools/records-sync.py" "$src"
SENDLENS_SOURCE_DIR=$src SENDLENS=$sendlens "$python" "$src/tests/records/test_drift.py" >"$work/drift.out" 2>&1
status=$?
check "the drift test then passes ($(grep FAILED "$work/drift.out" | head -3))" test "$status" -eq 0
"$sendlens" --db "$work/new.db" export --format json >"$work/export.json"
check "the export is valid against the written schema" "$python" -c '
import json, sys, jsonschema
schema, document = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
jsonschema.Draft202012Validator(schema).validate(document)' "$src/schemas/model.schema.json" "$work/export.json"
finish
