"""A workbook cannot make sendlens hold what it expands to (issue 15): a
return of a few hundred KiB whose shared strings are millions of empty ones,
or whose parts inflate to hundreds of MiB, is refused with one line naming
the file and what it would expand past, under a 512 MiB address-space limit
(so never by running out of memory first), and nothing is stored. A normal
workbook still reads."""

import io
import os
import subprocess
import sys
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

checks = t.Checks()
work = t.temp_dir()
db = os.path.join(work, "bounds.db")
checks.equal(t.run("load", "walsall", db=db).returncode, 0, "load walsall")

PARTS = {
    "[Content_Types].xml":
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/></Types>',
    "xl/workbook.xml":
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>'
        '</workbook>',
    "xl/_rels/workbook.xml.rels":
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '</Relationships>',
}
SHEET = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
         'spreadsheetml/2006/main"><sheetData>%s<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
         '</sheetData></worksheet>')


def workbook(name, strings, comments=0):
    """A workbook whose shared strings are strings, after comments MiB of
    XML comments (written as they are compressed, never held whole)."""
    path = os.path.join(work, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        for part, text in PARTS.items():
            book.writestr(part, text)
        book.writestr("xl/worksheets/sheet1.xml", SHEET % "")
        with book.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
                       b'spreadsheetml/2006/main">')
            block = (b"<!--" + b"x" * (4096 - 7) + b"-->") * 256  # 1 MiB of 4 KiB comments
            for _ in range(comments):
                part.write(block)
            part.write(strings.encode() + b"</sst>")
    return path


# AddressSanitizer reserves terabytes of address space at start, so under it
# (.ci/run's second pass sets ASAN_OPTIONS) the limit is left out and only the
# refusal is checked; the plain build checks both.
LIMIT = "" if os.environ.get("ASAN_OPTIONS") else "ulimit -v 524288; "


def refused(name, path, words):
    command = LIMIT + "exec \"$0\" --db \"$1\" import-progress walsall \"$2\""
    result = subprocess.run(["bash", "-c", command, t.SENDLENS, db, path], capture_output=True,
                            text=True, timeout=120)
    lines = result.stderr.strip().splitlines()
    checks.equal(result.returncode, 1, name + ": refused")
    checks.check(len(lines) == 1 and lines[0].startswith("sendlens: import-progress: " + path + ":") and words in lines[0],
                 name + ": one line naming the file and the bound, within 512 MiB: " +
                 result.stderr)
    checks.equal(t.query(db, "SELECT count(*) FROM progress_return")[0][0], 0,
                 name + ": nothing stored")


many = workbook("many.xlsx", "<si/>" * 3000000)
checks.check(os.path.getsize(many) < 400 * 1024,
             "many.xlsx is small (%d bytes)" % os.path.getsize(many))
refused("millions of empty shared strings", many, "expands past")
wide = workbook("wide.xlsx", "<si><t>x</t></si>", comments=100)
refused("shared strings that inflate past 64 MiB", wide, "64 MiB inflated")
small = workbook("small.xlsx", "<si><t>Ref</t></si>")
result = t.run("import-progress", "walsall", small, db=db)
checks.check("expands past" not in result.stderr,
             "a small workbook is read (and judged on its content): " + result.stderr)
checks.done()
