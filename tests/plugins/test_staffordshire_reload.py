"""Staffordshire plugin: the model comes from the documents, not from C.
A copy of the plugin and its documents is edited a line at a time and
loaded with --plugins; the model follows each edit. A broken letter fails
the load with one line naming it, and leaves the database as it was."""

import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

LETTER = "revisit-letter-2022-02-23.txt"
APP = "app-2022-04-01.txt"
MINUTES = "committee-minutes-2022.txt"

checks = t.Checks()
work = t.temp_dir()


def copy(name):
    """A fresh copy of the built plugin and its documents in work/name."""
    folder = os.path.join(work, name)
    os.makedirs(folder)
    sources = t.copy_plugin("staffordshire", folder)
    for file in os.listdir(sources):
        os.chmod(os.path.join(sources, file), 0o644)
    return folder, sources


def read_lines(sources, document):
    with open(os.path.join(sources, document), encoding="utf-8") as handle:
        return handle.read().split("\n")


def write_lines(sources, document, lines):
    with open(os.path.join(sources, document), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))


def edit_line(sources, document, find, old, new, after=None):
    """Replace old by new in the first line holding find (after the first
    line holding after, if given); the line number, or 0."""
    lines = read_lines(sources, document)
    start = 0
    if after is not None:
        start = next((i for i, line in enumerate(lines) if after in line), len(lines))
    for index in range(start, len(lines)):
        if find in lines[index] and old in lines[index]:
            lines[index] = lines[index].replace(old, new, 1)
            write_lines(sources, document, lines)
            return index + 1
    return 0


def load(folder, db):
    result = t.run("load", "staffordshire", db=db, plugins=[folder])
    checks.equal(result.returncode, 0, "load of %s (stderr: %s)" % (os.path.basename(folder), result.stderr.strip()))
    areas = [a for a in t.export(db)["areas"] if a["code"] == "E10000028"] if result.returncode == 0 else []
    return areas[0] if areas else None


# ---- the letter: a judgement and a bold statement changed ----
folder, sources = copy("letter")
checks.check(edit_line(sources, LETTER, "The area has not made sufficient progress", "has not made", "has made",
                       after="Co-production was weak") == 82,
             "weakness 3's judgement (line 82) edited")
checks.check(edit_line(sources, LETTER, "**Aspirations and expectations", "not routinely high enough",
                       "not yet high enough") == 62, "weakness 2's statement (line 62) edited")
checks.check(edit_line(sources, LETTER, "revisited the area", "Between 18 and 20 January 2022",
                       "Between 17 and 19 January 2022") == 33, "visit dates (line 33) edited")
area = load(folder, os.path.join(work, "letter.db"))
if area:
    revisit = [i for i in area["inspections"] if i["kind"] == "revisit"][0]
    weaknesses = revisit["weaknesses"]
    checks.equal(weaknesses[2]["progress"], "sufficient", "weakness 3 now judged sufficient")
    checks.equal(weaknesses[3]["progress"], "insufficient", "weakness 4 still insufficient")
    checks.equal(weaknesses[1]["text"],
                 "Aspirations and expectations for children and young people were not yet high enough.",
                 "weakness 2 has the edited wording")
    checks.equal((revisit["started"], revisit["ended"]), ("2022-01-17", "2022-01-19"), "visit dates follow the letter")
    fields = sorted(c["field"] for c in area["conflicts"])
    checks.check("started" in fields and "ended" in fields,
                 "the APP and minutes now disagree with the letter on the visit dates: %r" % fields)

# ---- the APP and the minutes: a heading, a date, a review, a finding ----
folder, sources = copy("plan")
checks.check(edit_line(sources, APP, "Coproduction", "Coproduction", "Co-production with families",
                       after="Annex B") == 56, "APP heading (line 56) edited")
checks.check(edit_line(sources, APP, "Date of Publication", "25th February 2022", "26th February 2022") == 21,
             "APP publication date (line 21) edited")
checks.check(edit_line(sources, APP, "1st April 2022", "1st April 2022", "4th April 2022") == 15,
             "APP date (line 15) edited")
checks.check(edit_line(sources, MINUTES, "twelve-month review", "April 2023", "May 2023") == 65,
             "twelve-month review date (line 65) edited")
checks.check(edit_line(sources, MINUTES, "SCC have good systems", "good systems", "sound systems") == 49,
             "a finding (line 49) edited")
area = load(folder, os.path.join(work, "plan.db"))
if area:
    app = [p for p in area["plans"] if p["kind"] == "APP"][0]
    checks.equal(app["dated"], "2022-04-04", "APP date follows line 15")
    checks.equal([c["title"] for c in app["concerns"]], ["Co-production with families",
                                                         "Quality of Education, Health and Care Plans"],
                 "concern title follows the heading")
    published = [c for c in area["conflicts"] if c["field"] == "published"]
    values = sorted(c["value"] for c in published[0]["claims"]) if published else []
    checks.equal(values, ["2022-02-23", "2022-02-26", "2022-03"], "the APP's publication claim follows line 21")
    twelve = [r for r in app["reviews"] if r["label"] == "twelve-month review"]
    checks.equal(twelve[0]["due"] if twelve else None, "2023-05", "twelve-month review due follows line 65")
    six = [r for r in app["reviews"] if r["label"] == "six-month review"]
    texts = [f["text"] for f in six[0]["findings"]] if six else []
    checks.check("SCC have sound systems in place to oversee the improvement programme" in texts,
                 "the edited finding is stored")

# ---- broken documents: the load fails, naming the document; nothing changes ----
db = os.path.join(work, "kept.db")
first = t.run("load", "staffordshire", db=db)
checks.equal(first.returncode, 0, "load of the real documents (stderr: %s)" % first.stderr.strip())


def check_broken(name, document, edit):
    folder, sources = copy(name)
    lines = read_lines(sources, document)
    write_lines(sources, document, edit(lines))
    before = t.export_text(db)
    result = t.run("load", "staffordshire", db=db, plugins=[folder])
    checks.equal(result.returncode, 1, "%s: load exit code" % name)
    errors = [line for line in result.stderr.split("\n") if line.strip()]
    checks.equal(len(errors), 1, "%s: one line of error: %r" % (name, errors))
    checks.check(errors and document in errors[0], "%s: the error names %s: %r" % (name, document, errors))
    checks.check(t.export_text(db) == before, "%s: the database is unchanged" % name)


def without_weaknesses(lines):
    """The letter from 'Main findings' to its closing summary removed."""
    start = next(i for i, line in enumerate(lines) if line.startswith("Main findings"))
    end = max(i for i, line in enumerate(lines) if "sufficient progress to improve this area" in line)
    return lines[:start] + lines[end + 1:]


def without_coproduction_heading(lines):
    start = next(i for i, line in enumerate(lines) if line.startswith("Annex B"))
    return [line for i, line in enumerate(lines) if not (i > start and line == "Coproduction")]


check_broken("no-weaknesses", LETTER, without_weaknesses)
check_broken("no-heading", APP, without_coproduction_heading)
check_broken("no-visit-dates", MINUTES,
             lambda lines: [line.replace("between 18 and 20 January 2022", "between the dates agreed") for line in lines])
check_broken("no-publication-date", APP,
             lambda lines: [line.replace("\t25th February 2022", "\tto be confirmed") for line in lines])
shutil.rmtree(work, ignore_errors=True)
checks.done()
