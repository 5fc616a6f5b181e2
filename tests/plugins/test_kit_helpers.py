"""The kit's shared parsing for a new area (sl_parse_period, sl_parse_percent
in sendlens/plugin.h), called by a plugin through the host's table, in the
child process and in process: "21/22" is the academic year from 1 September
2021, "Mar 24" is March 2024, "45.50%" is 45.5 quoted as written, trailing
zero and all (tests/plugins/fixtures/fixture_kit_helpers/)."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
for mode in ([], ["--in-process"]):
    db = os.path.join(work, "helpers%d.db" % len(mode))
    result = t.run("load", "fixture_kit_helpers", *mode, db=db, plugins=[t.TEST_PLUGINS])
    what = "in process" if mode else "isolated"
    checks.equal(result.returncode, 0, what + ": load (" + result.stderr + ")")
    rows = t.query(db, "SELECT m.name, m.baseline, m.baseline_date, s.quote FROM measure m "
                       "JOIN fact f ON f.id = m.id JOIN source s ON s.fact = m.id ORDER BY f.seq")
    checks.equal(rows, [("baseline 21/22", 45.5, "2021-09-01", "45.50%"),
                        ("Mar 24", 52.0, "2024-03-01", "52.0 %")],
                 what + ": baselines, their dates and their quotes as written")
checks.done()
