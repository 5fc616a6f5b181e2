"""test_page_structure: what a council's web team checks before publishing
the HTML page, read from the page with html.parser (issue 16): a skip link
to <main id="main-content">; every table of the matrix and the cards in a
focusable, labelled scroll region whose label exists; no CSS or SVG font
size under 12px; an @page A4 rule; the contents linking every area and
theme, so the page is whole without its script; the one inline filter
script and the data-area / data-themes it filters by; the theme ids out of
the visible text. And the board pack: contents, the matrix, one section
per area that starts a printed page, and none of the footnoted detail.

`python3 test_page_structure.py PAGE.html [BOARD.html]` checks saved pages
(how the checks were seen to fail on the page before issue 16)."""

import json
import os
import re
import shutil
import sys
from html.parser import HTMLParser

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

AREAS = ("staffordshire", "walsall", "worcestershire")
VOID = {"meta", "br", "rect", "line", "link", "img", "input", "hr", "circle", "path"}


class Page(HTMLParser):
    """Elements with their attributes and ancestors, the visible text, the
    CSS and the scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.stack = [], []  # (tag, attrs, ancestors)
        self.text, self.style, self.scripts = [], "", []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs, list(self.stack)))
        if tag == "script":
            self.scripts.append([attrs, ""])
        if tag not in VOID:
            self.stack.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), list(self.stack)))

    def handle_endtag(self, tag):
        if any(name == tag for name, _ in self.stack):
            while self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data):
        inside = [name for name, _ in self.stack]
        if "style" in inside:
            self.style += data
        elif "script" in inside:
            self.scripts[-1][1] += data
        elif not {"title", "desc"} & set(inside):
            self.text.append(data)

    def find(self, tag=None, **wanted):
        return [(name, attrs, up) for name, attrs, up in self.elements
                if (tag is None or name == tag)
                and all(attrs.get(k.replace("_", "-")) == v for k, v in wanted.items())]


def parse(text):
    page = Page()
    page.feed(text)
    page.close()
    return page


def ids(page):
    return {attrs["id"] for _, attrs, _ in page.elements if "id" in attrs}


def px(value):
    """A CSS length as CSS px, em and rem at the smallest root (16px)."""
    number, unit = re.fullmatch(r"([\d.]+)(px|em|rem|pt|%)?", value).groups()
    scale = {"px": 1, "em": 16, "rem": 16, "pt": 4 / 3, "%": 0.16, None: 1}[unit]
    return float(number) * scale


def font_sizes(style):
    """Every font size the CSS sets: font-size and the size of font."""
    sizes = re.findall(r"font-size:\s*([\d.]+(?:px|em|rem|pt|%)?)", style)
    sizes += re.findall(r"font:\s*(?:[a-z0-9-]+\s+)*?([\d.]+(?:px|em|rem|pt|%))", style)
    return sizes


def common_checks(checks, page, text, what):
    # Skip link: the first link, to <main id="main-content">.
    links = page.find("a")
    checks.check(links and links[0][1].get("href") == "#main-content",
                 what + ": the first link skips to #main-content")
    checks.check(any(name == "main" for name, _, _ in page.find(id="main-content")),
                 what + ": <main id=\"main-content\"> exists")
    checks.check("Skip to main content" in text, what + ": the skip link says so")
    # Tables: in a focusable labelled region whose label exists.
    known = ids(page)
    tables = page.find("table")
    checks.check(len(tables) >= 2, what + ": tables: %d" % len(tables))
    bad = []
    for _, attrs, up in tables:
        region = up[-1][1] if up else {}
        label = region.get("aria-labelledby")
        if not (region.get("tabindex") == "0" and region.get("role") == "region"
                and "table-scroll" in (region.get("class") or "") and label in known):
            bad.append(attrs.get("class") or "table")
    checks.equal(bad, [], what + ": tables outside a labelled focusable scroll region")
    captions = {a["id"] for _, a, _ in page.find("caption") if "id" in a}
    labels = {up[-1][1].get("aria-labelledby") for _, _, up in tables if up}
    checks.check(labels <= captions, what + ": each region is labelled by its table's caption")
    # No text under 12px in CSS or SVG attributes.
    small = [s for s in font_sizes(page.style) if px(s) < 12]
    checks.equal(small, [], what + ": CSS font sizes under 12px")
    small = [a["font-size"] for _, a, _ in page.elements
             if "font-size" in a and px(a["font-size"]) < 12]
    checks.equal(small, [], what + ": SVG font-size attributes under 12px")
    # Print on A4.
    checks.check(re.search(r"@page\s*\{[^}]*size:\s*A4", page.style),
                 what + ": an @page rule with size A4")
    # The title names the areas.
    title = re.search(r"<title>(.*?)</title>", text, re.S)
    checks.check(title and all(n in title.group(1) for n in
                               ("Staffordshire", "Walsall", "Worcestershire")),
                 what + ": the <title> names the areas: %r" % (title and title.group(1)))


def contents_checks(checks, page, matrix, what):
    """Without its script the page is whole: the contents link every area
    and every theme's row of the matrix."""
    navs = [a for _, a, _ in page.elements if a.get("aria-labelledby") == "contents-h"]
    checks.check(navs, what + ": a contents <nav>")
    hrefs = {a.get("href") for name, a, up in page.elements
             if name == "a" and any(n == "nav" for n, _ in up)}
    for index in range(1, len(matrix["areas"]) + 1):
        checks.check("#area-%d" % index in hrefs, what + ": contents link area %d" % index)
    known = ids(page)
    for row in matrix["rows"]:
        target = "theme-" + row["theme"]
        checks.check("#" + target in hrefs and target in known,
                     what + ": contents link the row of " + row["theme"])


def visible_theme_ids(checks, page, themes, what):
    visible = " ".join(page.text)
    # A file name such as annual_reviews.csv is a source, not a theme id.
    shown = [theme for theme in themes
             if "_" in theme and re.search(r"(?<![\w/])%s(?![\w.])" % theme, visible)]
    checks.equal(shown, [], what + ": theme ids in the visible text")


def filter_checks(checks, page, matrix, what):
    scripts = page.scripts
    checks.equal(len(scripts), 1, what + ": one script")
    if scripts:
        attrs, code = scripts[0]
        checks.check("src" not in attrs, what + ": the script is inline")
        for word in ("filter-area", "filter-theme", "aria-live", "hidden", "Showing"):
            checks.check(word in code, what + ": the filter script has " + word)
    checks.check(page.find("div", id="filter"), what + ": the place the filter form goes")
    cards = [a for _, a, _ in page.find("section") if "card" in (a.get("class") or "")]
    codes = sorted(area["code"] for area in matrix["areas"])
    checks.equal(sorted(str(a.get("data-area")) for a in cards), codes,
                 what + ": each area's section carries data-area")
    checks.check(all("data-themes" in a for a in cards), what + ": and data-themes")
    row_themes = {row["theme"] for row in matrix["rows"] if any(
        c["weaknesses"] or c["concerns"] for c in row["cells"])}
    carded = set(" ".join(a.get("data-themes", "") for a in cards).split())
    checks.equal(sorted(row_themes - carded), [], what + ": a matrix row's theme on some card")


def board_checks(checks, page, text, matrix):
    what = "board pack"
    checks.check(page.find("table", **{"class": "matrix"}), what + ": the matrix")
    areas = [a for _, a, _ in page.find("section") if "board-area" in (a.get("class") or "")]
    checks.equal(len(areas), len(matrix["areas"]), what + ": a section per area")
    checks.check(all("card" in a.get("class", "") for a in areas),
                 what + ": each area section is a card (printed from a new page)")
    checks.check(re.search(r"@media print\{[^@]*\.card\{[^}]*break-before:page", page.style),
                 what + ": the print CSS starts each card on a new page")
    checks.check('class="refs"' not in text and 'class="notes"' not in text,
                 what + ": no footnotes")
    checks.check("<svg" not in text, what + ": no charts")
    checks.check("Status of the actions" in text and "Latest actual" in text,
                 what + ": concerns' status counts and measures' latest values")


def check_pages(checks, full, board, matrix, themes):
    page = parse(full)
    common_checks(checks, page, full, "page")
    contents_checks(checks, page, matrix, "page")
    visible_theme_ids(checks, page, themes, "page")
    filter_checks(checks, page, matrix, "page")
    summary = re.search(r'<p class="summary">(.*?)</p>', full, re.S)
    checks.check(summary and "3 areas" in summary.group(1) and " actions" in summary.group(1),
                 "page: a summary of areas and actions at the top")
    if board is not None:
        bpage = parse(board)
        common_checks(checks, bpage, board, "board pack")
        contents_checks(checks, bpage, matrix, "board pack")
        board_checks(checks, bpage, board, matrix)


def main():
    checks = t.Checks()
    themes_path = os.path.join(t.SOURCE_DIR or ".", "schemas", "themes.json")
    with open(themes_path, encoding="utf-8") as file:
        loaded = json.load(file)
    themes = [theme["id"] for theme in (loaded["themes"] if isinstance(loaded, dict) else loaded)]
    if len(sys.argv) > 1:  # saved pages, with the matrix of the bundled areas
        matrix = {"areas": [{"code": c} for c in ("E10000028", "E08000030", "E10000034")],
                  "rows": [{"theme": th, "cells": []} for th in themes]}
        texts = [open(p, encoding="utf-8").read() for p in sys.argv[1:3]]
        check_pages(checks, texts[0], texts[1] if len(texts) > 1 else None, matrix, themes)
        checks.done()
    work = t.temp_dir()
    try:
        db = os.path.join(work, "sendlens.db")
        checks.equal(t.run("load", *AREAS, db=db).returncode, 0, "load the three areas")
        checks.equal(t.run("indicators", db=db).returncode, 0, "indicators")
        release = os.path.join(t.SOURCE_DIR, "data", "dfe-ehcp-2025",
                               "education-health-and-care-plans_2025.zip")
        checks.equal(t.run("import-statistics", release, db=db, timeout=300).returncode, 0,
                     "import-statistics")
        full = t.run("export", "--format", "html", db=db)
        board = t.run("export", "--format", "html", "--board-pack", db=db)
        checks.equal((full.returncode, board.returncode, board.stderr), (0, 0, ""),
                     "export --format html, and with --board-pack")
        matrix = json.loads(t.run("compare", "--json", db=db).stdout)
        check_pages(checks, full.stdout, board.stdout, matrix, themes)
        wrong = t.run("export", "--format", "json", "--board-pack", db=db)
        checks.equal(wrong.returncode, 2, "--board-pack with json is a usage error")
        checks.check("--board-pack" in t.run("export", "--help").stdout,
                     "export --help names --board-pack")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    checks.done()


if __name__ == "__main__":
    main()
