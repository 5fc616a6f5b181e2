"""browser/test_reflow: WCAG 1.4.10 Reflow on the exported page in Debian's
Chromium (tests/browser/reflow.mjs): no sideways page scroll at 320, 390 and
768 CSS pixels, wide content only inside focusable, named scroll regions,
nothing through a card's border, and chart text at least 12 CSS pixels high
at those widths and at 1400."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_browser as b  # noqa: E402

b.main(["reflow.mjs"], "page")
