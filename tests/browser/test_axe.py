"""browser/test_axe: axe-core's WCAG 2.0 and 2.1 level A and AA rules find
no violation on the exported page in Debian's Chromium at 320, 768 and 1400
CSS pixels wide (tests/browser/axe.mjs), and the page requests nothing."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_browser as b  # noqa: E402

b.main(["axe.mjs"], "page")
