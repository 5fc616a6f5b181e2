"""Outputs carry no local paths (issue 15: chart captions and the
workbook's script column printed the full path of the script on the
machine that ran it). The database, the scripts, a plugin with its sources
folder and a case file all live under a folder whose name holds a unique
marker; every output (the indicators listing and --json, show, compare and
its --json, compare --indicators, the JSON, CSV, XLSX and HTML exports) is
searched for the marker and for the folder."""

import glob
import os
import shutil
import sys
import uuid
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

MARKER = "privatefolder" + uuid.uuid4().hex[:12]
checks = t.Checks()
home = os.path.join(t.temp_dir(), MARKER, "analyst work")
scripts = os.path.join(home, "scripts")
plugins = os.path.join(home, "plugins")
os.makedirs(scripts)
os.makedirs(plugins)
for path in glob.glob(os.path.join(t.SOURCE_DIR, "scripts", "indicators", "*.lua")):
    shutil.copy(path, scripts)
t.copy_plugin("fixture_full", plugins, t.TEST_PLUGINS)
# A careless script: it puts an error message (which names the script's
# file) into a published note.
with open(os.path.join(scripts, "careless.lua"), "w") as file:
    file.write("""VERSION = "1"
indicator {
  id = "careless", title = "Careless", unit = "count", direction = "none",
  compute = function(ctx)
    local ok, message = pcall(function() error("no such measure") end)
    return 1, "skipped: " .. tostring(message)
  end,
}
""")
cases = os.path.join(home, "cases.csv")
shutil.copy(os.path.join(t.SOURCE_DIR, "tests", "data", "cases", "ehc_small.csv"), cases)
db = os.path.join(home, "store.db")

result = t.run("load", "fixture_full", db=db, plugins=[plugins])
checks.equal(result.returncode, 0, "load from the private folder: " + result.stderr)
result = t.run("import-cases", "E06000099", cases, db=db)
checks.equal(result.returncode, 0, "import-cases: " + result.stderr)
script_files = sorted(glob.glob(os.path.join(scripts, "*.lua")))
outputs = {}
result = t.run("indicators", *script_files, db=db, plugins=[plugins])
checks.equal(result.returncode, 0, "indicators: " + result.stderr)
outputs["indicators"] = result.stdout
outputs["indicators --json"] = t.run("indicators", "--json", *script_files, db=db,
                                     plugins=[plugins]).stdout
area = t.query(db, "SELECT code FROM area")[0][0]
outputs["show"] = t.run("show", area, db=db, plugins=[plugins], env={"COLUMNS": "1000"}).stdout
outputs["show --json"] = t.run("show", "--json", area, db=db, plugins=[plugins], env={"COLUMNS": "1000"}).stdout
outputs["compare"] = t.run("compare", db=db, plugins=[plugins]).stdout
outputs["compare --json"] = t.run("compare", "--json", db=db, plugins=[plugins]).stdout
outputs["export json"] = t.run("export", "--format", "json", db=db, plugins=[plugins]).stdout
outputs["export html"] = t.run("export", "--format", "html", db=db, plugins=[plugins]).stdout
folder = os.path.join(t.temp_dir(), "csv")
checks.equal(t.run("export", "--format", "csv", "-o", folder, db=db).returncode, 0, "export csv")
for name in sorted(os.listdir(folder)):
    with open(os.path.join(folder, name), encoding="utf-8") as file:
        outputs["csv " + name] = file.read()
book = os.path.join(t.temp_dir(), "book.xlsx")
checks.equal(t.run("export", "--format", "xlsx", "-o", book, db=db).returncode, 0, "export xlsx")
with zipfile.ZipFile(book) as archive:
    for name in archive.namelist():
        outputs["xlsx " + name] = archive.read(name).decode("utf-8", "replace")

checks.check(len(outputs) > 20 and all(outputs.values()),
             "every output was written: %r" % [k for k, v in outputs.items() if not v])
checks.check("ehc.lua" in outputs["export html"] and "ehc.lua" in outputs["csv indicators.csv"],
             "scripts are named, by their file name")
checks.check("skipped: careless.lua:5: no such measure" in outputs["csv indicators.csv"],
             "a note naming the script keeps its file name and line, not its folder")
for name, text in outputs.items():
    for needle in (MARKER, home, "analyst work"):
        checks.check(needle not in text, "%s: no %r" % (name, needle))
checks.done()
