"""docs/cli.md is what the program's help says (tools/cli-docs.py --check):
every command of core/main.c's table is documented there, in README.md's
command table and in the manual page, and its --help has an example. A
command added to the table without its documentation fails here."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
result = subprocess.run([sys.executable, os.path.join(t.SOURCE_DIR, "tools", "cli-docs.py"),
                         t.SENDLENS, "--check"], capture_output=True, text=True)
checks.check(result.returncode == 0, "tools/cli-docs.py --check: %s" % result.stderr.strip())
with open(os.path.join(t.SOURCE_DIR, "docs", "cli.md"), encoding="utf-8") as file:
    documented = file.read()
listing = t.run("help", env={"COLUMNS": "80"}).stdout
for line in listing.split("\ncommands:\n")[-1].splitlines():
    name = line.split()[0] if line.startswith("  ") and line[2] != " " else None
    if name:
        checks.check("\n## %s\n" % name in documented and
                     "usage: sendlens %s" % name in documented, "docs/cli.md has " + name)
checks.done()
