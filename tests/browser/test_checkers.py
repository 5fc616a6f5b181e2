"""browser/test_checkers: the browser checks can fail. Each node check runs
on a small page made to break it (tests/browser/fixtures/*_bad.html,
print_heading_at_foot.html) and must name each fault precisely, and on the
same page done right (*_good.html, print_heading_kept.html) must report
nothing: a checker that passes everything would pass the real page too."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_browser as b  # noqa: E402
import sendlens_test as t  # noqa: E402

FIXTURES = os.path.join(b.SCRIPTS, "fixtures")

# What each check must say of each broken page: one substring per fault.
EXPECTED = {
    ("reflow.mjs", "reflow_bad.html"): [
        "reflow at 320px: the page is 608px wide in a 320px viewport",
        "reflow at 390px: div#wide-block spans 8..608px in a 390px viewport, in no sideways",
        "reflow at 320px: div#mute-scroll scrolls sideways (600px in 304px) but is not focusable "
        '(tabindex="0") and has no accessible name',
        "reflow at 768px: table#poking (18..278px) crosses the border of section#card",
        'chart text at 1400px: "tiny label" in #small-chart drawn 6px high (at least 12)',
        "the page requested http://example.invalid/pixel.png (aborted)",
    ],
    ("axe.mjs", "reflow_bad.html"): [
        "axe at 320px: image-alt (critical, 1 elements)",
        "axe at 1400px: image-alt (critical, 1 elements)",
        "the page requested http://example.invalid/pixel.png (aborted)",
    ],
    ("print.mjs", "print_heading_at_foot.html"): [
        'A4 print: h2#alone "Left alone at the foot" is the last thing on page 1; '
        'what it heads ("This paragraph is taller than what is left of page") starts on page 2',
    ],
    ("print.mjs", "print_chart_cut.html"): [
        'A4 print: chart "Too tall to print whole" is cut in two: pages 2 to 3',
        'A4 print: figcaption#above "Caption above a tall chart" is the last thing on page 1',
    ],
}
# The same faults done right: nothing to report.
CLEAN = {"reflow.mjs": "reflow_good.html", "axe.mjs": "reflow_good.html",
         "print.mjs": "print_heading_kept.html"}


def run(modules, script, fixtures):
    """One Chromium for all of a script's fixtures: its failure lines start
    with the fixture's name."""
    command = ["node", os.path.join(b.SCRIPTS, script), modules]
    result = subprocess.run(command + [os.path.join(FIXTURES, f) for f in fixtures],
                            capture_output=True, text=True, timeout=240)
    return result.returncode, result.stdout, result.stderr


def main():
    modules = b.node_modules()
    checks = t.Checks()
    for script, clean in CLEAN.items():
        broken = [fixture for (s, fixture) in EXPECTED if s == script]
        code, out, err = run(modules, script, broken + [clean])
        checks.equal(code, 1, "%s exits 1 on %s (%s)" % (script, broken, err.strip()[-300:]))
        for fixture in broken:
            for fault in EXPECTED[(script, fixture)]:
                lines = [line for line in err.splitlines()
                         if line.startswith("FAILED: %s: " % fixture)]
                checks.check(any(fault in line for line in lines),
                             "%s on %s names: %s\n  it said:\n%s"
                             % (script, fixture, fault, err.strip()))
        checks.check("FAILED: %s:" % clean not in err, "%s on %s reports nothing, said:\n%s"
                     % (script, clean, err.strip()))
        checks.check("%s: " % clean in out, "%s checked %s: %s" % (script, clean, out.strip()))
    checks.done()


main()
