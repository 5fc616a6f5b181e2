"""Publication metadata (issue 16: "title, publisher, date, data as at,
sendlens version, the sources with their public URLs where the documents
have one"). A made-up area (fixture_published) whose sources/sources.json
gives plan.txt a public address and annex.txt none, a progress return and a
hand-made official statistics file are loaded under a folder whose name
holds a unique marker; every output (JSON, HTML, XLSX, CSV) must carry the
title, publisher, publication date, data as at (computed here from what was
loaded), the versions and the sources, escape a hostile title, neutralise
a formula-like one in the workbook, and never show the local folder.
SOURCE_DATE_EPOCH and --date set the publication date. A bad sources.json
(bad JSON, a javascript: address, an unknown key, a document that is not
there) is refused with one line naming the file and the place, and nothing
of the load is stored; so is a statistics mapping's javascript: address."""

import csv
import datetime
import html
import json
import os
import re
import shutil
import sys
import uuid
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

import jsonschema  # noqa: E402
import openpyxl  # noqa: E402

checks = t.Checks()
MARKER = "pubfolder" + uuid.uuid4().hex[:12]
home = os.path.join(t.temp_dir(), MARKER, "analyst work")
plugins = os.path.join(home, "plugins")
os.makedirs(plugins)
sources = t.copy_plugin("fixture_published", plugins, t.TEST_PLUGINS)
db = os.path.join(home, "store.db")

# What the fixture's documents say, read here, not from the program.
manifest = json.load(open(os.path.join(sources, "sources.json"), encoding="utf-8"))
PLAN_URL = manifest["documents"]["plan.txt"]["url"]
plan_lines = open(os.path.join(sources, "plan.txt"), encoding="utf-8").read().split("\n")
plan_date = datetime.datetime.strptime(
    re.search(r"dated (\d+ \w+ \d{4})", plan_lines[2]).group(1), "%d %B %Y").date()
checks.check(PLAN_URL.startswith("https://") and "&" in PLAN_URL,
             "the fixture's address is https and holds an & to escape")

result = t.run("load", "fixture_published", db=db, plugins=[plugins])
checks.equal(result.returncode, 0, "the fixture loads: " + result.stderr)

# A progress return for 2024-Q2 (ends 30 June 2024) and a hand-made
# statistics file for the calendar year 2024 (ends 31 December 2024).
return_path = os.path.join(home, "return-2024-q2.csv")
with open(return_path, "w", encoding="utf-8") as out:
    out.write("Period,Ref,Kind,Status,Value,Note\n2024-Q2,1.1,action,in_progress,,\n")
result = t.run("import-progress", "fixture_published", return_path, db=db)
checks.equal(result.returncode, 0, "the progress return imports: " + result.stderr)
RETURN_END = datetime.date(2024, 6, 30)
stats_path = os.path.join(home, "timeliness_20_week.csv")
with open(stats_path, "w", encoding="utf-8") as out:
    out.write("time_period,time_identifier,geographic_level,country_code,country_name,"
              "region_code,region_name,new_la_code,old_la_code,la_name,breakdown_topic,breakdown,"
              "plans_issued_den,plans_issued_within_20_weeks,pc_plans_issued_within_20_weeks\n"
              "2024,Calendar year,National,E92000001,England,,,,,,All EHC plans issued,"
              "All EHC plans issued,1000,500,50\n")
result = t.run("import-statistics", stats_path, db=db)
checks.equal(result.returncode, 0, "the statistics file imports: " + result.stderr)
STATS_END = datetime.date(2024, 12, 31)
# The publication the bundled mapping declares for that file.
mapping = open(os.path.join(t.SOURCE_DIR, "scripts", "statistics", "dfe_ehcp.lua"),
               encoding="utf-8").read()
STATS_URL = re.search(r'publication \{[^}]*url = "([^"]+)"', mapping).group(1)
STATS_LICENCE = re.search(r'publication \{[^}]*licence = "([^"]+)"', mapping).group(1)

DATA_AS_AT = max(plan_date, RETURN_END, STATS_END)
checks.equal(DATA_AS_AT, STATS_END, "the statistics are the latest data loaded")
EPOCH = 1767225600 + 86400 * 40  # 10 February 2026, 00:00 UTC
PUBLISHED = datetime.datetime.fromtimestamp(EPOCH, datetime.timezone.utc).date().isoformat()
TITLE = '<script>alert("t")</script> & <b>West Midlands</b>'
PUBLISHER = "West Midlands SEND partnership <i>"
env = {"SOURCE_DATE_EPOCH": str(EPOCH)}
version = t.run("--version").stdout.split()[1]
schema_version = t.query(db, "PRAGMA user_version")[0][0]
out_dir = os.path.join(home, "out")
os.makedirs(out_dir)


def export(fmt, path, *extra, environment=env):
    args = ["export", "--format", fmt, "--title", TITLE, "--publisher", PUBLISHER, *extra]
    if path:
        args += ["-o", path]
    result = t.run(*args, db=db, env=environment)
    checks.equal(result.returncode, 0, "export --format %s: %s" % (fmt, result.stderr))
    return result


# ---- JSON ----
text = export("json", None).stdout
document = json.loads(text) if text else {}
schema = json.load(open(os.path.join(t.SOURCE_DIR, "schemas", "model.schema.json")))
errors = list(jsonschema.Draft202012Validator(schema).iter_errors(document))
checks.equal([e.message for e in errors][:3], [], "the JSON export still meets its schema")
pub = document.get("publication", {})
checks.equal(pub.get("title"), TITLE, "json: the title as given")
checks.equal(pub.get("publisher"), PUBLISHER, "json: the publisher as given")
checks.equal(pub.get("published"), PUBLISHED, "json: published on SOURCE_DATE_EPOCH's day")
checks.equal(pub.get("published_from"), "SOURCE_DATE_EPOCH", "json: and says so")
checks.equal(pub.get("sendlens_version"), version, "json: the version --version prints")
checks.equal(pub.get("store_schema_version"), schema_version, "json: the store's user_version")
as_at = pub.get("data_as_at") or {}
checks.equal((as_at.get("date"), as_at.get("basis"), as_at.get("as_written")),
             (DATA_AS_AT.isoformat(), "official statistics", "2024"),
             "json: data as at the end of the statistics' latest period, and which it is")
dates = {d["basis"]: d["date"] for d in pub.get("data_dates", [])}
checks.equal(dates, {"plans and inspections": plan_date.isoformat(),
                     "progress returns": RETURN_END.isoformat(),
                     "official statistics": STATS_END.isoformat()},
             "json: the latest date of each kind of data")
documents = {s["document"]: s for s in pub.get("sources", []) if s["kind"] == "document"}
checks.equal(sorted(documents), ["annex.txt", "plan.txt"], "json: both documents cited")
checks.equal(documents.get("plan.txt", {}).get("url"), PLAN_URL, "json: plan.txt's address")
checks.equal(documents.get("plan.txt", {}).get("licence"),
             manifest["documents"]["plan.txt"]["licence"], "json: plan.txt's licence")
checks.equal(documents.get("annex.txt", {}).get("url", "absent"), None,
             "json: annex.txt has no address (null, not made up)")
statistics = [s for s in pub.get("sources", []) if s["kind"] == "statistics"]
checks.equal([(s["url"], s["licence"], s["files"]) for s in statistics],
             [(STATS_URL, STATS_LICENCE, ["timeliness_20_week.csv"])],
             "json: the statistics' publication with its address, licence and file")
returns = [s for s in pub.get("sources", []) if s["kind"] == "progress_return"]
checks.equal([(s["document"], s["period"]) for s in returns],
             [("return-2024-q2.csv", "2024-Q2")], "json: the progress return by file name")

# ---- HTML ----
page_path = os.path.join(out_dir, "page.html")
export("html", page_path)
page = open(page_path, encoding="utf-8").read()
escaped = html.escape(TITLE, quote=True).replace("&#x27;", "&#39;")
checks.check("<script>alert" not in page and "<b>West" not in page and "<i>" not in page,
             "html: the hostile title and publisher are not markup")
checks.check("<title>%s</title>" % escaped in page, "html: <title> is the escaped title")
checks.check("<h1>%s</h1>" % escaped in page, "html: <h1> is the escaped title")
checks.check(html.escape(PUBLISHER) in page, "html: the publisher, escaped")
checks.check('<time datetime="%s">' % PUBLISHED in page, "html: the publication date")
checks.check(re.search(r'<dt>Data as at</dt><dd><time datetime="%s">' % DATA_AS_AT.isoformat(),
                       page), "html: data as at")
head = page.split("</header>")[0]
checks.check("official statistics" in head.split("Data as at")[1], "html: says which data")
checks.check("sendlens " + version in head, "html: the sendlens version at the top")
footer = page.split("<footer>")[-1]
href = html.escape(PLAN_URL, quote=True)
checks.check('<a href="%s">%s</a>' % (href, href) in footer,
             "html: plan.txt's address in the footer, escaped in href and text")
checks.check(("&" in PLAN_URL) and PLAN_URL not in footer, "html: the raw & never appears")
annex = footer.split("annex.txt")[1].split("</li>")[0]
checks.check("No public address recorded" in annex, "html: annex.txt has no address, said so")
checks.check('href="%s"' % html.escape(STATS_URL, quote=True) in footer,
             "html: the statistics' address")

# ---- XLSX: a formula-like title stays text ----
FORMULA = '=HYPERLINK("https://evil.example/","click")'
book_path = os.path.join(out_dir, "book.xlsx")
result = t.run("export", "--format", "xlsx", "-o", book_path, "--title", FORMULA, "--publisher",
               PUBLISHER, db=db, env=env)
checks.equal(result.returncode, 0, "export --format xlsx: " + result.stderr)
book = openpyxl.load_workbook(book_path)
checks.equal(book.sheetnames[0], "README", "xlsx: README first")
readme = [[c for c in row] for row in book["README"].iter_rows(values_only=True)]
labelled = {row[0]: row[1] for row in readme if row and row[0]}
checks.equal(labelled.get("Title"), "'" + FORMULA, "xlsx: the formula-like title after a quote")
checks.equal(labelled.get("Publisher"), PUBLISHER, "xlsx: the publisher")
checks.check(str(labelled.get("Published", "")).startswith(PUBLISHED), "xlsx: the date")
checks.check(str(labelled.get("Data as at", "")).startswith("2024 (official statistics: "
                                                            "2024-01-01 to 2024-12-31"),
             "xlsx: data as at, and which it is: %r" % labelled.get("Data as at"))
checks.check("sendlens " + version in str(labelled.get("Produced with")), "xlsx: the version")
checks.check(any(PLAN_URL in row for row in readme), "xlsx: plan.txt's address")
checks.check(any(STATS_URL in row for row in readme), "xlsx: the statistics' address")
with zipfile.ZipFile(book_path) as archive:
    xml = {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}
checks.check(not any("<f>" in text or "<f " in text for text in xml.values()),
             "xlsx: no cell holds a formula")

# ---- CSV ----
csv_dir = os.path.join(out_dir, "csv")
export("csv", csv_dir)
with open(os.path.join(csv_dir, "publication.csv"), newline="", encoding="utf-8") as file:
    fields = {row["field"]: row["value"] for row in csv.DictReader(file)}
checks.equal(fields.get("Title"), TITLE, "csv: the title")
checks.check(fields.get("Published", "").startswith(PUBLISHED), "csv: the date")
with open(os.path.join(csv_dir, "publication_sources.csv"), newline="", encoding="utf-8") as file:
    rows = list(csv.DictReader(file))
checks.equal([r["url"] for r in rows if r["document"] == "plan.txt"], [PLAN_URL],
             "csv: plan.txt's address")

# ---- no local path anywhere ----
outputs = {"json": text, "html": page}
outputs.update({"xlsx " + name: body for name, body in xml.items()})
for name in os.listdir(csv_dir):
    outputs["csv " + name] = open(os.path.join(csv_dir, name), encoding="utf-8").read()
user_home = os.path.expanduser("~")
for name, body in outputs.items():
    checks.check(MARKER not in body and home not in body, name + ": no local folder")
    if len(user_home) > 1:
        checks.check(user_home + "/" not in body, name + ": not the user's home")

# ---- the publication date ----
for environment, extra, expected, what in [
        ({"SOURCE_DATE_EPOCH": "86400"}, [], "1970-01-02", "SOURCE_DATE_EPOCH=86400"),
        ({"SOURCE_DATE_EPOCH": str(EPOCH)}, ["--date", "2025-03-31"], "2025-03-31",
         "--date before SOURCE_DATE_EPOCH"),
        ({"SOURCE_DATE_EPOCH": ""}, [], datetime.datetime.now(datetime.timezone.utc).date()
         .isoformat(), "no SOURCE_DATE_EPOCH: today (UTC)")]:
    result = t.run("export", "--format", "json", *extra, db=db, env=environment)
    published = json.loads(result.stdout).get("publication", {}).get("published") \
        if result.stdout else None
    checks.equal(published, expected, what)
result = t.run("export", "--format", "json", db=db, env={"SOURCE_DATE_EPOCH": "soon"})
checks.equal((result.returncode, result.stdout), (1, ""), "a bad SOURCE_DATE_EPOCH fails")
checks.check("SOURCE_DATE_EPOCH" in result.stderr and len(result.stderr.splitlines()) == 1,
             "in one line naming it: " + result.stderr)
for bad in ["2025-02-30", "31/03/2025", ""]:
    result = t.run("export", "--format", "json", "--date", bad, db=db)
    checks.equal(result.returncode, 2, "--date %r is a usage error" % bad)
result = t.run("export", "--format", "json", "--title", "a\x1b[31mred", db=db)
checks.equal(result.returncode, 2, "a title with a control character is a usage error")

# ---- a bad sources.json: one line, nothing stored ----
before = t.query(db, "SELECT count(*) FROM fact")[0][0]
good = open(os.path.join(sources, "sources.json"), encoding="utf-8").read()
BAD = [
    ('{"documents": {"plan.txt": {"url": "https://x.example/",}}}', "line 1 column",
     "trailing comma"),
    ('{"documents": {"plan.txt": {"url": "javascript:alert(document.cookie)"}}}',
     'documents."plan.txt".url', "a javascript: address"),
    ('{"documents": {"plan.txt": {"url": "JavaScript://%0aalert(1)"}}}',
     'documents."plan.txt".url', "javascript: in another case"),
    ('{"documents": {"plan.txt": {"url": "data:text/html,<script>alert(1)</script>"}}}',
     'documents."plan.txt".url', "a data: address"),
    ('{"documents": {"plan.txt": {"url": "https://x.example/\\" onmouseover=\\"alert(1)"}}}',
     'documents."plan.txt".url', "an address breaking out of its attribute"),
    ('{"documents": {"plan.txt": {"url": "https://user@evil.example/"}}}',
     'documents."plan.txt".url', "an address with user information"),
    ('{"documents": {"plan.txt": {"URL": "https://x.example/"}}}', "unknown key 'URL'",
     "a misspelt key"),
    ('{"documents": {"missing.txt": {"title": "x"}}}', 'documents."missing.txt"',
     "a document not in sources/"),
    ('{"documents": {"../plan.txt": {"title": "x"}}}', 'documents."../plan.txt"',
     "a way out of sources/"),
    ('{"documents": {"plan.txt": {"title": 7}}}', 'documents."plan.txt".title', "a number"),
    ('{"documents": {"plan.txt": {"title": "a\\u0007b"}}}', 'documents."plan.txt".title',
     "a control character"),
    ('{"document": {}}', "unknown key 'document'", "a misspelt top key"),
    ('[]', "not an object", "not an object"),
]
for content, place, what in BAD:
    with open(os.path.join(sources, "sources.json"), "w", encoding="utf-8") as out:
        out.write(content)
    result = t.run("load", "fixture_published", db=db, plugins=[plugins])
    lines = result.stderr.strip().splitlines()
    checks.equal(result.returncode, 1, what + ": the load fails")
    checks.check(len(lines) >= 1 and "fixture_published: sources.json: " in lines[0] and
                 place in lines[0] and MARKER not in result.stderr,
                 what + ": one line naming the file and the place: %r" % result.stderr)
    checks.equal(t.query(db, "SELECT count(*) FROM fact")[0][0], before,
                 what + ": the stored area is as it was")
    checks.equal(t.query(db, "SELECT url FROM source_document WHERE name = 'plan.txt'"),
                 [(PLAN_URL,)], what + ": its description too")
with open(os.path.join(sources, "sources.json"), "w", encoding="utf-8") as out:
    out.write(good)
result = t.run("load", "fixture_published", db=db, plugins=[plugins])
checks.equal(result.returncode, 0, "the good manifest loads again: " + result.stderr)

# No manifest at all: the load is fine and says nothing it does not know.
os.remove(os.path.join(sources, "sources.json"))
bare = os.path.join(home, "bare.db")
result = t.run("load", "fixture_published", db=bare, plugins=[plugins])
checks.equal(result.returncode, 0, "no sources.json: the load works")
bare_sources = t.export(bare).get("publication", {}).get("sources")
checks.check(bare_sources and all(s["url"] is None and s["licence"] is None
                                  for s in bare_sources),
             "no sources.json: no address, no licence")

# ---- a statistics mapping with a javascript: address ----
lua = os.path.join(home, "evil.lua")
with open(lua, "w", encoding="utf-8") as out:
    out.write('publication { id = "evil", title = "Evil", url = "javascript:alert(1)" }\n')
fresh = os.path.join(home, "stats.db")
result = t.run("import-statistics", stats_path, "--mapping", lua, db=fresh)
checks.equal(result.returncode, 1, "a mapping's javascript: address fails the import")
checks.check("evil.lua:1" in result.stderr and "url" in result.stderr and
             len(result.stderr.strip().splitlines()) == 1,
             "in one line naming the mapping file and line: " + result.stderr)
checks.check(not os.path.exists(fresh) or
             t.query(fresh, "SELECT count(*) FROM stat_file")[0][0] == 0, "nothing stored")
shutil.rmtree(os.path.dirname(os.path.dirname(home)), ignore_errors=True)
checks.done()
