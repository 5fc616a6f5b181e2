#!/usr/bin/env python3
"""tools/cli-docs.py: docs/cli.md, the command line's reference, made from
the program's own help (which core/main.c's command table makes), so the
two never drift; and a check that README.md's command table and the manual
page (docs/sendlens.1) name every command of the table.

    tools/cli-docs.py build/sendlens           write docs/cli.md
    tools/cli-docs.py build/sendlens --check   say what is out of date; exit 1
"""

import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI_MD = os.path.join(ROOT, "docs", "cli.md")


def help_text(sendlens, *args):
    """The help as a pipe gets it, at the documented default width."""
    env = dict(os.environ, COLUMNS="80", NO_COLOR="1")
    result = subprocess.run([sendlens, *args], capture_output=True, text=True, env=env, check=True)
    return result.stdout


def commands(sendlens):
    """The commands `sendlens help` lists, in the table's order."""
    listing = help_text(sendlens, "help").split("\ncommands:\n", 1)[1]
    return re.findall(r"^  ([a-z][a-z-]*)  ", listing, re.M)


def render(sendlens):
    parts = ["<!-- Made by tools/cli-docs.py from `sendlens help`: edit core/main.c's command",
             "     table (or a command's options), then run tools/cli-docs.py build/sendlens. -->",
             "", "# The sendlens command line", "",
             "Every command's `--help`, the same text as `sendlens help COMMAND`. Errors are one",
             "line on stderr that starts `sendlens: COMMAND: `; exit codes are 0 success,",
             "1 failure, 2 usage.", "", "```", help_text(sendlens, "help").rstrip("\n"), "```"]
    for name in commands(sendlens):
        parts += ["", "## " + name, "", "```", help_text(sendlens, "help", name).rstrip("\n"), "```"]
    return "\n".join(parts) + "\n"


def missing_from(path, pattern, names):
    with open(path, encoding="utf-8") as file:
        text = file.read()
    return [name for name in names if not re.search(pattern % re.escape(name), text, re.M)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sendlens", help="the sendlens program to ask")
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    options = parser.parse_args()
    text = render(options.sendlens)
    names = commands(options.sendlens)
    problems = []
    readme = missing_from(os.path.join(ROOT, "README.md"), r"^\| `%s[ `]", names)
    if readme:
        problems.append("README.md: no row in the command table for " + ", ".join(readme))
    manual = missing_from(os.path.join(ROOT, "docs", "sendlens.1"),
                          r"^(?:\.B[IR]? |\\fB)%s(?!\w|\\-)", [n.replace("-", r"\-") for n in names])
    if manual:
        problems.append("docs/sendlens.1: no .TP entry for " + ", ".join(manual))
    examples = [n for n in names
                if "\nexample:\n  sendlens" not in help_text(options.sendlens, "help", n)]
    if examples:
        problems.append("core/main.c: no example for " + ", ".join(examples))
    if options.check:
        with open(CLI_MD, encoding="utf-8") as file:
            if file.read() != text:
                problems.append("docs/cli.md is not what the program's help says: run "
                                "tools/cli-docs.py build/sendlens")
    else:
        with open(CLI_MD, "w", encoding="utf-8") as file:
            file.write(text)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
