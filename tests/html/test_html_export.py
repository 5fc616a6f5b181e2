"""test_html_export: `export --format html` on the three real areas, with
the DfE release the project carries imported. The page is read twice:
statically with html.parser (no script, nothing fetched, every chart with
alt text, the matrix's headers, a line chart per official indicator and
area with England and the region as reference lines and its data table),
and in headless Chromium through check_page.mjs (no console error, no
request but the file itself, the matrix cells and the charts' words saying
what `compare --json` and `compare --indicators --json` say)."""

import html
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from html.parser import HTMLParser

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_browser as b  # noqa: E402
import sendlens_test as t  # noqa: E402

AREAS = ("staffordshire", "walsall", "worcestershire")
HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(t.BUILD_DIR, "html-export")
URL_ATTRIBUTES = {"src", "href", "xlink:href", "srcset", "action", "poster", "data", "background"}
EXTERNAL = re.compile(r"^\s*(https?:|//|ftp:)", re.I)


class Page(HTMLParser):
    """What the static checks need from the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.lang, self.external, self.style = [], None, [], ""
        self.sections, self.citations = [], []  # ids of open <section>s; addresses cited
        self.svgs = []  # [role, has a <title> child]
        self.stack, self.heading_levels = [], []
        self.matrix_headers, self._in_th = [], False
        self.ids, self.references = [], []  # id="..."; aria-labelledby and #fragments

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "section":
            self.sections.append(attrs.get("id"))
        for name, value in attrs.items():
            if name in URL_ATTRIBUTES and value and EXTERNAL.match(value):
                # A source's public address is a citation a reader may
                # follow, in the footer's list of sources; nothing fetched.
                if tag == "a" and name == "href" and "sources" in self.sections:
                    self.citations.append(value)
                else:
                    self.external.append((tag, name, value))
        if "id" in attrs:
            self.ids.append(attrs["id"])
        self.references += (attrs.get("aria-labelledby") or "").split()
        if (attrs.get("href") or "").startswith("#"):
            self.references.append(attrs["href"][1:])
        if tag == "svg":
            self.svgs.append([attrs.get("role"), False])
        if tag == "title" and self.stack and self.stack[-1] == "svg":
            self.svgs[-1][1] = True
        if re.fullmatch(r"h[1-6]", tag):
            self.heading_levels.append(int(tag[1]))
        self._in_th = tag == "th" and attrs.get("scope") == "col" and "data-area" in attrs
        if self._in_th:
            self.matrix_headers.append("")
        if tag not in ("meta", "br", "rect", "line", "link", "img", "input", "hr"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "section" and self.sections:
            self.sections.pop()
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass
        if tag == "th":
            self._in_th = False

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "style":
            self.style += data
        if self._in_th:
            self.matrix_headers[-1] += data


def static_checks(checks, text, area_names):
    page = Page()
    page.feed(text)
    page.close()
    checks.equal(page.lang, "en", "<html lang>")
    checks.equal(page.tags.count("script"), 1, "one <script> in the page: the inline filter")
    checks.equal(page.external, [], "src/href pointing outside the page")
    checks.check(all(re.match(r"https?://", url) for url in page.citations),
                 "the sources cite http(s) addresses only: %r" % page.citations)
    checks.check("url(" not in page.style and "@import" not in page.style,
                 "the CSS fetches nothing (no url(), no @import)")
    checks.check(len(page.svgs) >= 3, "a chart per indicator: %d svg" % len(page.svgs))
    checks.check(all(role == "img" and title for role, title in page.svgs),
                 "every <svg> has role=img and a <title>: %r" % page.svgs)
    checks.equal(sorted(h.strip() for h in page.matrix_headers), sorted(area_names),
                 "matrix column headers")
    checks.equal(sorted({i for i in page.ids if page.ids.count(i) > 1}), [], "duplicate ids")
    checks.equal(sorted(set(page.references) - set(page.ids)), [],
                 "aria-labelledby and #links pointing nowhere")
    levels = page.heading_levels
    checks.check(levels and levels[0] == 1 and levels.count(1) == 1, "one <h1>, first")
    checks.check(all(b <= a + 1 for a, b in zip(levels, levels[1:])),
                 "headings never skip a level: %r" % levels)
    for tag in ("table", "caption", "section", "figure", "figcaption"):
        checks.check(tag in page.tags, "the page has a <%s>" % tag)


def fail_setup(message):
    print("FAILED: " + message, file=sys.stderr)
    print("0 passed, 1 failed")
    sys.exit(1)


def browse(page_path):
    modules = b.node_modules()
    os.makedirs(OUT_DIR, exist_ok=True)
    result = subprocess.run(["node", os.path.join(HERE, "check_page.mjs"), modules, page_path,
                             OUT_DIR], capture_output=True, text=True, timeout=400)
    if result.returncode != 0:
        fail_setup("check_page.mjs failed: " + result.stderr[-2000:])
    return json.loads(result.stdout)


def cell_checks(checks, report, matrix):
    codes = {area["name"]: area["code"] for area in matrix["areas"]}
    cells = report["cells"]

    def cell(theme, name):
        return cells.get(theme, {}).get(codes[name], "")

    # What `sendlens compare` prints for these three areas (checked by hand).
    checks.check("insufficient progress" in cell("coproduction", "Staffordshire"),
                 "coproduction: Staffordshire insufficient, got %r"
                 % cell("coproduction", "Staffordshire"))
    checks.check("Plan concern" in cell("coproduction", "Worcestershire"),
                 "coproduction: Worcestershire has a concern, got %r"
                 % cell("coproduction", "Worcestershire"))
    checks.check("insufficient progress" in cell("local_offer", "Walsall"),
                 "local_offer: Walsall insufficient, got %r" % cell("local_offer", "Walsall"))
    for name in ("Staffordshire", "Worcestershire"):
        checks.equal(cell("local_offer", name), "none", "local_offer: nothing for " + name)
    checks.check("10 actions, 11 measures" in cell("coproduction", "Worcestershire"),
                 "coproduction: Worcestershire's counts")
    # Every cell against the matrix `compare --json` gives.
    words = {"insufficient": "insufficient progress", "sufficient": "sufficient progress",
             None: "not judged"}
    for row in matrix["rows"]:
        for data in row["cells"]:
            text = cells.get(row["theme"], {}).get(data["area"], "")
            for weakness in data["weaknesses"]:
                checks.check(re.search(r"\b%s\b" % words[weakness["progress"]], text),
                             "%s/%s says %s" % (row["theme"], data["area"], weakness["progress"]))
            checks.equal(text.count("Plan concern"), len(data["concerns"]),
                         "%s/%s concerns" % (row["theme"], data["area"]))
            if not data["weaknesses"] and not data["concerns"]:
                checks.equal(text, "none", "%s/%s empty" % (row["theme"], data["area"]))


def browser_checks(checks, report, matrix, page_path):
    checks.equal(report["console_errors"], [], "console errors")
    checks.equal(report["requests"], [report["url"]], "the only request is the file itself")
    checks.check(report["url"].startswith("file://") and report["url"].endswith(
        os.path.basename(page_path)), "the page was opened from its file")
    checks.equal(report["lang"], "en", "document language")
    checks.equal(sorted(report["areas"].values()), sorted(a["name"] for a in matrix["areas"]),
                 "matrix headers as rendered")
    checks.equal(sorted(report["cells"]), sorted(r["theme"] for r in matrix["rows"]),
                 "one matrix row per theme")
    cell_checks(checks, report, matrix)
    shown = report.get("filter", {})
    areas = len(matrix["areas"])
    checks.equal(shown.get("form"), 2, "the script adds the filter's two selects")
    checks.equal({k: shown.get("area", {}).get(k) for k in ("cards", "columns", "status")},
                 {"cards": 1, "columns": 1, "status": "Showing 1 of %d areas." % areas},
                 "picking an area shows its card and column only, and says so")
    checks.equal(shown.get("theme", {}).get("rows"), 1, "picking a theme shows its row only")
    checks.equal({k: shown.get("reset", {}).get(k) for k in ("cards", "rows")},
                 {"cards": areas, "rows": len(matrix["rows"])}, "all areas and themes again")
    narrow = report.get("narrow", {})
    checks.check(narrow.get("scroll_width", 9999) <= 320,
                 "at 320px the page does not scroll sideways: %r" % narrow)
    checks.check(narrow.get("svg_text_px", 0) >= 12,
                 "at 320px chart text is 12px or more: %r" % narrow)
    for name in ("screenshot.png", "screenshot-full.png", "print.pdf"):
        shot = os.path.join(OUT_DIR, name)
        checks.check(os.path.exists(shot) and os.path.getsize(shot) > 10000, "saved " + shot)


def hostile_checks(checks, db):
    """Text from a document that looks like markup stays text, and a plan's
    own target for an indicator is said in words."""
    hostile = "<script>alert('x')</script> & \"quoted\" <img src=//example.org/x>"
    connection = sqlite3.connect(db)
    with connection:
        connection.execute("UPDATE weakness SET text = ? WHERE id = (SELECT min(id) FROM weakness)",
                           (hostile,))
        connection.execute(
            "UPDATE measure SET indicator = 'share_weaknesses_insufficient', target = 10 "
            "WHERE id = (SELECT min(m.id) FROM measure m JOIN area a ON a.name = 'Walsall' "
            "JOIN fact f ON f.id = m.id AND f.area = a.code)")
    connection.close()
    result = t.run("export", "--format", "html", db=db)
    checks.equal(result.returncode, 0, "export of hostile text")
    page = Page()
    page.feed(result.stdout)
    checks.check(page.tags.count("script") == 1 and "img" not in page.tags,
                 "markup in a document's text is escaped")
    checks.check(html.escape(hostile, quote=True).replace("&#x27;", "&#39;") in result.stdout,
                 "the hostile text is shown, escaped")
    # Staffordshire's APP states no measure (issue 13), so Walsall's first
    # carries the target: two of its nine weaknesses insufficient. The
    # indicator has no periods, so it is a table: the target is in words.
    row = re.search(r'<tr><th scope="row">Walsall</th>(.*?)</tr>',
                    result.stdout.split("indicator <code>share_weaknesses_insufficient")[-1])
    checks.check(row and "22.22%" in row.group(1) and "has a target of 10" in row.group(1),
                 "the target is said in words beside the value: %r" % (row and row.group(1)))


def stat_figures(text):
    """{(indicator id, area name): the figure's HTML} of the statistics."""
    section = re.search(r'<section id="statistics".*?</section>', text, re.S)
    figures, indicator, current = {}, None, None
    for piece in re.split(r'(<h3 id="st-[^"]*">|<figure class="stat chart")',
                          section.group(0) if section else ""):
        heading = re.match(r'<h3 id="st-([^"]*)">', piece)
        if heading:
            indicator = heading.group(1)
        elif piece.startswith('<figure class="stat chart"'):
            current = [indicator, None]
        elif indicator and "</figure>" in piece and current:
            name = re.search(r"<h4[^>]*>(.*?)</h4>", piece)
            figures[(indicator, html.unescape(name.group(1)) if name else None)] = piece
            current = None
    return figures


def number(value):
    return "%g" % value


def latest_words(point, region):
    """What the page must say of an area's latest figure, from compare
    --indicators --json."""
    words = "Latest, %s: %s%%" % (point["period"], number(point["value"]))
    if point["change"] is not None:
        words += " (%+g percentage points since %d)" % (point["change"],
                                                        int(point["period"]) - 1)
    words += "; rank %d of %d local authorities, quartile %d" % (
        point["rank"], point["ranked"], point["quartile"])
    return words + "; England %s%%, %s %s%%." % (number(point["england"]), region,
                                                   number(point["region"]))


def statistics_checks(checks, text, view):
    """Every area's every indicator has its chart, reference lines and data
    table; Staffordshire's timeliness says what compare says."""
    figures = stat_figures(text)
    expected = {(i["indicator"], a["name"]) for a in view["areas"] for i in a["indicators"]}
    checks.equal(set(figures), expected, "a chart per indicator and area")
    units = {i["id"]: i["unit"] for i in view["indicators"]}
    for (indicator, name), figure in figures.items():
        what = "%s, %s" % (indicator, name)
        checks.check(re.search(r'<svg role="img" aria-labelledby="(st\d+)-t \1-d"', figure),
                     what + ": an svg with its title and description")
        checks.check(re.search(r'<path class="st-area" d="M[^"]+"', figure),
                     what + ": the area's line")
        if units[indicator] == "percent":
            for line in ("st-eng", "st-reg"):
                checks.check(re.search(r'<path class="%s" d="M[\d.]+ [\d.]+ L' % line, figure),
                             what + ": a drawn %s reference line" % line)
        checks.check(re.search(r"<details><summary>Data table</summary>.*<table><caption[^>]*>"
                               r"%s: " % re.escape(html.escape(name)), figure, re.S),
                     what + ": its data table with a caption")
    staffordshire = next(a for a in view["areas"] if a["name"] == "Staffordshire")
    points = next(i["series"] for i in staffordshire["indicators"]
                  if i["indicator"] == "ehcp_within_20_weeks")
    figure = html.unescape(re.sub(r"<[^>]+>", "", figures.get(
        ("ehcp_within_20_weeks", "Staffordshire"), "")))
    words = latest_words(points[-1], "West Midlands")
    checks.check(words in figure, "Staffordshire's latest in words: %r" % words)
    checks.equal(re.findall(r"(20\d\d)(\d+(?:\.\d+)?)%", figure.split("Data table")[-1])[:6],
                 [("2019", "13.3"), ("2020", "32.5"), ("2021", "73.5"), ("2022", "37"),
                  ("2023", "28.1"), ("2024", "35.3")], "Staffordshire's table: the published series")
    return words


def main():
    checks = t.Checks()
    work = t.temp_dir()
    try:
        db = os.path.join(work, "sendlens.db")
        checks.equal(t.run("load", *AREAS, db=db).returncode, 0, "load the three areas")
        checks.equal(t.run("indicators", db=db).returncode, 0, "indicators")
        release = os.path.join(t.SOURCE_DIR, "data", "dfe-ehcp-2025",
                               "education-health-and-care-plans_2025.zip")
        checks.equal(t.run("import-statistics", release, db=db, timeout=300).returncode, 0,
                     "import-statistics of the release")
        page_path = os.path.join(work, "areas.html")
        result = t.run("export", "--format", "html", "-o", page_path, db=db)
        checks.equal((result.returncode, result.stderr), (0, ""), "export --format html")
        checks.check(not os.path.exists(page_path + ".tmp"), "no temporary file left")
        stdout = t.run("export", "--format", "html", db=db)
        with open(page_path, encoding="utf-8") as page:
            text = page.read()
        checks.equal(stdout.stdout, text, "the same page on stdout and in the file")
        matrix = json.loads(t.run("compare", "--json", db=db).stdout)
        static_checks(checks, text, [area["name"] for area in matrix["areas"]])
        view = json.loads(t.run("compare", "--indicators", "--json", db=db).stdout)
        words = statistics_checks(checks, text, view)
        checks.check(work not in text, "no local folder in the page")
        report = browse(page_path)
        browser_checks(checks, report, matrix, page_path)
        rendered = report.get("statistics", [])
        checks.equal(len(rendered), len(stat_figures(text)), "every chart rendered")
        checks.check(all(f["drawn"] and f["caption"] for f in rendered),
                     "each chart is drawn and has its table's caption")
        shown = next((f for f in rendered if f["heading"] == "Staffordshire"
                      and f["indicator"] == "st-ehcp_within_20_weeks"), {})
        checks.equal(shown.get("latest"), words, "Staffordshire's latest, as rendered")
        hostile_checks(checks, db)
        print("screenshots and PDF in " + OUT_DIR)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    checks.done()


if __name__ == "__main__":
    main()
