"""test_html_trends: the page's indicators as small multiples of line
charts (issue 16, "Trends, not bar forests"). The three real areas and the
test fixture Kpishire (fixture_kpi, whose plan has targets), SYNTHETIC case
records for all four (tools/gen-cases), `sendlens indicators`, then the page
without and with the DfE release imported. Everything expected is worked
out here from the store and the published rows (`export --format json`
reads them through the same suppression as the page), never copied from
the program's output:

- one small chart per area and per indicator with periods, and no bar;
- every chart of an indicator on the same y scale and the same periods;
- England's and the region's lines exactly where the official statistic of
  the indicator's id and unit is imported (none without the release), at
  the heights of the published figures;
- a target line only where the area's measure links to the indicator (its
  common id) with a target in the indicator's unit: Kpishire's annual
  reviews (75%, linked by the fixture's own mapping rules below); its count
  of open assessments links to a percentage, so it is said and not drawn;
- the latest value and its change in words, suppressed figures never drawn,
  SYNTHETIC beside figures of synthetic records;
- in Chromium at 1400, 768, 390 and 320 pixels, no chart text below 12 CSS
  pixels (the section's height is printed, to compare with the old page).
"""

import datetime
import decimal
import html
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
AREAS = ("staffordshire", "walsall", "worcestershire")
KPISHIRE = "E99999994"
CODES = ("E10000028", "E08000030", "E10000034", KPISHIRE)
RELEASE = os.path.join(t.SOURCE_DIR, "data", "dfe-ehcp-2025",
                       "education-health-and-care-plans_2025.zip")
# Kpishire's own mapping rules (a plugin ships NAME.lua beside NAME.so):
# its measure 1.2 (a percentage, target 75% by Aug 23) is the annual reviews
# on time; 1.3 (a number, target 30) is linked to a percentage indicator.
KPI_RULES = """return {
  indicators = {
    { id = "annual_reviews_on_time", patterns = { "annual reviews completed within timescale" } },
    { id = "open_assessments_over_20_weeks",
      patterns = { "open ehc needs assessments over 20 weeks" } },
  },
}
"""


def rounded(value):
    """Two decimals, a half away from zero (15.625 is 15.63)."""
    return float(decimal.Decimal(value).quantize(decimal.Decimal("0.01"),
                                                  rounding=decimal.ROUND_HALF_UP))


def number(value):
    """A value as a person writes it: at most two decimals, no trailing 0."""
    text = "%.2f" % rounded(value)
    text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                                          "Sep", "Oct", "Nov", "Dec"), 1)}


def span(period):
    """(first day, last day) of the periods these results have, worked out
    here from the calendar: "2023-Q1", "Sep–Dec 22" (Kpishire's
    milestones) and "Aug 23"."""
    match = re.fullmatch(r"(\d{4})-Q([1-4])", period)
    if match:
        year, quarter = int(match.group(1)), int(match.group(2))
        first, last = (year, 3 * quarter - 2), (year, 3 * quarter)
    else:
        match = re.fullmatch(r"(?:([A-Z][a-z]{2})\u2013)?([A-Z][a-z]{2}) (\d\d)", period)
        year = 2000 + int(match.group(3))
        last = (year, MONTHS[match.group(2)])
        first = (year, MONTHS[match.group(1) or match.group(2)])
    end = datetime.date(last[0] + last[1] // 12, last[1] % 12 + 1, 1) - datetime.timedelta(1)
    return "%d-%02d-01" % first, end.isoformat()


def published_series(document):
    """{(indicator, area): [row, ...] in time order} of results by period."""
    series = {}
    for row in document["indicators"]:
        if row["period"] != "all" and not row.get("breakdown"):
            series.setdefault((row["indicator"], row["area"]), []).append(row)
    for rows in series.values():
        rows.sort(key=lambda r: span(r["period"]))
    return series


def figures(page):
    """{(indicator, area code): figure HTML} of the indicators section."""
    section = re.search(r'<section id="indicators".*?(?=<section id="statistics")', page, re.S)
    found = {}
    for block in re.split(r'(?=<section class="trend")', section.group(0) if section else ""):
        indicator = re.search(r"indicator <code>([a-z0-9_]+)</code>", block)
        for code, figure in re.findall(
                r'<figure class="trend-chart" data-area="([^"]*)"(.*?)</figure>', block, re.S):
            found[(indicator.group(1) if indicator else None, code)] = figure
    return found


def words(figure):
    return html.unescape(re.sub(r"<[^>]+>", "", figure))


def y_axis(figure):
    """{label: y} of the y axis (the label's baseline is 5 below its line)."""
    return {html.unescape(label): float(y) - 5 for y, label in re.findall(
        r'<text class="tr-y" x="[^"]*" y="([^"]*)"[^>]*>([^<]*)</text>', figure)}


def level_y(figure, value):
    axis = y_axis(figure)
    top = max(axis, key=lambda label: float(label.rstrip("%")))
    bottom, high = axis["0%"], float(top.rstrip("%"))
    return bottom + (axis[top] - bottom) * value / high


def path_levels(figure, css_class):
    """The heights of a path's level segments ("M x y L x y" each)."""
    match = re.search(r'<path class="%s" d="([^"]*)"' % css_class, figure)
    if not match:
        return None
    return [float(y1) for _, y1, _, y2 in re.findall(
        r"M([\d.]+) ([\d.]+) L([\d.]+) ([\d.]+)", match.group(1)) if y1 == y2]


def latest_words(rows, percent=True):
    """What the page must say of an area's latest figure."""
    unit = "%" if percent else ""
    last = rows[-1]
    shown = lambda r: (number(r["value"]) + unit if isinstance(r["value"], (int, float))  # noqa: E731
                       else "x (suppressed: a count below 5)" if r["value"] == "x" else "no value")
    text = "Latest: %s in %s" % (shown(last), last["period"])
    if len(rows) == 1:
        return text + ", its only period."
    before = rows[-2]
    if isinstance(last["value"], (int, float)) and isinstance(before["value"], (int, float)):
        change = rounded(rounded(last["value"]) - rounded(before["value"]))
        if number(abs(change)) == "0":
            return text + ", the same as in %s." % before["period"]
        return text + ", %s %s%s from %s." % ("up" if change > 0 else "down", number(abs(change)),
                                               " percentage points" if percent else "",
                                               before["period"])
    return text + "; no change is given, as %s %s." % (
        before["period"], "is suppressed" if before["value"] == "x" else "has no value")


def setup(checks, work):
    db = os.path.join(work, "sendlens.db")
    checks.equal(t.run("load", *AREAS, db=db).returncode, 0, "load the three areas")
    plugins = os.path.join(work, "plugins")
    os.makedirs(plugins)
    t.copy_plugin("fixture_kpi", plugins, t.TEST_PLUGINS)
    with open(os.path.join(plugins, "fixture_kpi.lua"), "w") as rules:
        rules.write(KPI_RULES)
    result = t.run("load", "fixture_kpi", db=db, plugins=[plugins])
    checks.equal(result.returncode, 0, "load fixture_kpi: " + result.stderr)
    checks.equal(t.query(db, "SELECT m.ref, m.indicator, m.unit, m.target FROM measure m JOIN fact f "
                         "ON f.id = m.id WHERE f.area = ? AND m.ref IN ('1.2', '1.3') ORDER BY 1",
                         KPISHIRE),
                 [("1.2", "annual_reviews_on_time", "percent", 75),
                  ("1.3", "open_assessments_over_20_weeks", "count", 30)],
                 "Kpishire's measures linked by its own rules")
    cases = os.path.join(work, "cases")
    result = subprocess.run([sys.executable, os.path.join(t.SOURCE_DIR, "tools", "gen-cases"),
                             "--out", cases, "--area-codes", ",".join(CODES), "--years", "5",
                             "--requests", "150", "--jobs", "1"],
                            capture_output=True, text=True, timeout=120)
    checks.equal(result.returncode, 0, "gen-cases: " + result.stderr)
    for code in CODES:
        result = t.run("import-cases", code, os.path.join(cases, code + ".csv"), db=db)
        checks.equal(result.returncode, 0, "import-cases %s: %s" % (code, result.stderr))
    checks.equal(t.run("indicators", db=db).returncode, 0, "indicators")
    return db


def chart_checks(checks, page, document):
    """What every page must show, statistics or not."""
    series = published_series(document)
    shown = figures(page)
    indicators = sorted({i for i, _ in series})
    checks.check({"ehcp_within_20_weeks", "annual_reviews_on_time", "requests_refused",
                  "kpi_annual_reviews_on_time"} <= set(indicators),
                 "the EHC indicators and Kpishire's KPIs have results by period: %r" % indicators)
    checks.equal(sorted(shown), sorted(series), "one small chart per area per indicator")
    checks.check('class="bar"' not in page and "<rect" not in page, "no bar is drawn")
    names = {a["code"]: a["name"] for a in document["areas"]}
    for indicator in indicators:
        charts = [(code, shown.get((indicator, code), "")) for i, code in series if i == indicator]
        axes = {tuple(sorted(y_axis(f).items())) for _, f in charts}
        checks.equal(len(axes), 1, indicator + ": every chart on one y scale: %r" % axes)
        xs = {tuple(re.findall(r'<text class="tr-x"[^>]*>([^<]*)</text>', f)) for _, f in charts}
        checks.check(len(xs) == 1 and all(xs), indicator + ": every chart on one time axis")
        for code, figure in charts:
            what = "%s, %s" % (indicator, names.get(code, code))
            rows = series[(indicator, code)]
            checks.check(re.search(r"<h4[^>]*>%s</h4>" % re.escape(html.escape(names[code])),
                                   figure), what + ": its heading names the area")
            checks.check(re.search(r'<svg role="img" aria-labelledby="(tr\d+)-t \1-d"[^>]*'
                                   r'viewBox="0 0 (\d+) \d+"><title id="\1-t">', figure),
                         what + ": an svg with role img, its title and description")
            checks.check("<details><summary>Data table</summary>" in figure and
                         "<caption id=" in figure, what + ": its numbers in a table")
            text = words(figure)
            expected = latest_words(rows)
            checks.check(expected in text, what + ": %r in %r" % (expected, text[-400:]))
            numeric = [r for r in rows if isinstance(r["value"], (int, float))]
            checks.equal(len(re.findall(r'<circle class="tr-point"', figure)), len(numeric),
                         what + ": a dot per published number, none for a suppressed one")
            desc = re.search(r"<desc[^>]*>(.*?)</desc>", figure, re.S)
            periods = [p for p in re.split(r"; |\. ", desc.group(1))[:len(rows)]] if desc else []
            checks.equal([p.split(": ")[0] for p in periods], [r["period"] for r in rows],
                         what + ": periods in time order")
            missing = [r for r in rows if not desc or ("%s: %s" % (
                r["period"], "x (suppressed" if r["value"] == "x" else "no value"
                if r["value"] is None else number(r["value"]) + "%")) not in desc.group(1)]
            checks.equal(missing, [], what + ": every figure in words")
            if rows[-1]["synthetic"] == 1:
                checks.check(expected + " SYNTHETIC" in text,
                             what + ": the latest figure says SYNTHETIC")
    return shown, series


def target_checks(checks, shown, db):
    linked = {(indicator, area) for area, indicator in t.query(
        db, "SELECT f.area, m.indicator FROM measure m JOIN fact f ON f.id = m.id "
        "WHERE m.target IS NOT NULL AND m.unit = 'percent' AND m.indicator IS NOT NULL")}
    for key, figure in shown.items():
        drawn = '<path class="tr-target"' in figure
        checks.equal(drawn, key in linked, "%s, %s: a target line only where one is linked" % key)
    reviews = shown.get(("annual_reviews_on_time", KPISHIRE), "")
    levels = path_levels(reviews, "tr-target") or []
    checks.check(len(levels) == 1 and abs(levels[0] - level_y(reviews, 75)) < 0.2,
                 "Kpishire's annual reviews: the target line at 75%%: %r" % levels)
    checks.check("has a target of 75% by Aug 23" in words(reviews), "the target in words")
    open_assessments = words(shown.get(("open_assessments_over_20_weeks", KPISHIRE), ""))
    checks.check("has a target of 30 by Aug 23, not drawn: the measure's unit is not the "
                 "indicator's" in open_assessments, "a count's target is said, not drawn")


def reference_checks(checks, shown, series, db, imported):
    """England's line wherever the statistic has a number in the indicator's
    periods; the region's too where the area is a published local authority
    (a made-up area has no region)."""
    periods = {}
    for (indicator, _), rows in series.items():
        periods.setdefault(indicator, []).extend(span(r["period"]) for r in rows)
    regions = dict(t.query(db, "SELECT code, region FROM stat_geography "
                           "WHERE level = 'local_authority'")) if imported else {}

    def published(indicator, geography):
        days = periods[indicator]
        return t.query(db, "SELECT count(*) FROM statistic s JOIN stat_indicator i ON i.id = "
                       "s.indicator AND i.unit = 'percent' WHERE s.indicator = ? AND "
                       "s.geography = ? AND s.breakdown = '' AND s.value IS NOT NULL AND "
                       "s.period_end >= ? AND s.period_start <= ?", indicator, geography,
                       min(d[0] for d in days), max(d[1] for d in days))[0][0] > 0

    for (indicator, code), figure in shown.items():
        expected = {"tr-eng": imported and published(indicator, "E92000001"),
                    "tr-reg": imported and code in regions and published(indicator, regions[code])}
        for line in ("tr-eng", "tr-reg"):
            checks.equal(bool(path_levels(figure, line)), expected[line],
                         "%s, %s: %s drawn" % (indicator, code, line))
    statistics = {row[0] for row in t.query(db, "SELECT DISTINCT indicator FROM statistic")}
    checks.check(not imported or {"ehcp_within_20_weeks", "requests_refused"} <= statistics,
                 "the release has the timeliness and refusals")
    if not imported:
        return
    # Staffordshire's 20 weeks: England's and the West Midlands' level for
    # each published calendar year, at the published heights.
    figure = shown[("ehcp_within_20_weeks", "E10000028")]
    years = sorted({year for (indicator, _), other in shown.items()
                    if indicator == "ehcp_within_20_weeks"
                    for year in re.findall(r"(\d{4})-Q[1-4]: ", other)})
    first, last = years[0], years[-1]
    for line, geography in (("tr-eng", "E92000001"), ("tr-reg", "E12000005")):
        values = [v for (v,) in t.query(
            db, "SELECT value FROM statistic WHERE indicator = 'ehcp_within_20_weeks' "
            "AND geography = ? AND breakdown = '' AND period_kind = 'calendar_year' "
            "AND period BETWEEN ? AND ? ORDER BY period", geography, first, last)]
        levels = path_levels(figure, line) or []
        checks.equal(len(levels), len(values), "%s: a level per published year" % line)
        checks.check(all(abs(y - level_y(figure, v)) < 0.2 for y, v in zip(levels, values)),
                     "%s: at the published heights %r" % (line, values))
    latest = re.search(r"Latest: \S+ in (\d{4})-Q", words(figure)).group(1)
    england, region = (t.query(db, "SELECT value FROM statistic WHERE indicator = "
                               "'ehcp_within_20_weeks' AND geography = ? AND period = ? "
                               "AND breakdown = ''", g, latest)[0][0]
                       for g in ("E92000001", "E12000005"))
    expected = "England %s%% (%s), West Midlands %s%% (%s)." % (number(england), latest,
                                                                 number(region), latest)
    checks.check(expected in words(figure), "the published figures beside the latest: " + expected)


def browse(checks, page_path, work):
    """The rendered section in Chromium; skipped (with a note) without it."""
    modules = os.path.join(t.BUILD_DIR, "npm", "node_modules")
    if not os.path.exists("/usr/bin/chromium") or not os.path.exists(
            os.path.join(modules, "playwright-core")):
        subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix",
                        os.path.join(t.BUILD_DIR, "npm"), "playwright-core"],
                       capture_output=True, timeout=180,
                       env=dict(os.environ, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1"))
    out = os.path.join(t.BUILD_DIR, "html-trends")
    os.makedirs(out, exist_ok=True)
    result = subprocess.run(["node", os.path.join(HERE, "check_trends.mjs"), modules, page_path,
                             out, os.path.join(work, "profile")],
                            capture_output=True, text=True, timeout=120)
    checks.equal(result.returncode, 0, "check_trends.mjs: " + result.stderr[-1000:])
    if result.returncode != 0:
        return
    report = json.loads(result.stdout)
    for width, seen in sorted(report["widths"].items(), key=lambda item: int(item[0])):
        print("width %s: indicators section %.0f px tall, smallest text %.1f px (%s), charts %r px"
              % (width, seen["height"], seen["smallest_text"], seen["smallest_where"],
                 seen["chart_widths"]))
        checks.check(seen["smallest_text"] >= 12,
                     "at %s px no text of the section below 12 px: %.1f (%s)"
                     % (width, seen["smallest_text"], seen["smallest_where"]))
        checks.check(seen["charts"] > 0, "at %s px the charts are there" % width)


def main():
    checks = t.Checks()
    work = t.temp_dir()
    try:
        db = setup(checks, work)
        page = t.run("export", "--format", "html", db=db).stdout
        document = t.export(db)
        shown, series = chart_checks(checks, page, document)
        reference_checks(checks, shown, series, db, imported=False)
        target_checks(checks, shown, db)
        result = t.run("import-statistics", RELEASE, db=db, timeout=300)
        checks.equal(result.returncode, 0, "import-statistics: " + result.stderr[-300:])
        page_path = os.path.join(work, "page.html")
        checks.equal(t.run("export", "--format", "html", "-o", page_path, db=db).returncode, 0,
                     "export html with the statistics")
        with open(page_path, encoding="utf-8") as file:
            page = file.read()
        print("page: %d bytes, indicators section %d bytes" % (
            len(page.encode()), len(page.split('<section id="indicators"')[1].split(
                '<section id="statistics"')[0].encode())))
        shown, series = chart_checks(checks, page, t.export(db))
        reference_checks(checks, shown, series, db, imported=True)
        target_checks(checks, shown, db)
        browse(checks, page_path, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    checks.done()


if __name__ == "__main__":
    main()
