"""browser/test_board_pack: the board-pack page (`export --format html
--board-pack`: the contents, the matrix, one page per area) through the same
three checks as the full page: axe-core at 320, 768 and 1400 pixels, reflow
and chart text, A4 print. Skipped, saying so, while this build's
`export --help` offers no --board-pack."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_browser as b  # noqa: E402

b.main(["axe.mjs", "reflow.mjs", "print.mjs"], "board-pack", "--board-pack",
       option_needed="--board-pack")
