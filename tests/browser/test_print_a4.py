"""browser/test_print_a4: the exported page printed to A4 by Debian's
Chromium (tests/browser/print.mjs): every page A4, no heading, caption or
figcaption alone at the foot of a page, no chart cut in two. The PDF is kept
in the build's browser-out/page.pdf, and its page count printed."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_browser as b  # noqa: E402

b.main(["print.mjs"], "page")
