"""sendlens_browser: what the browser tests (tests/browser/) share. Makes
sure Debian's Chromium is there (installed as root when missing), installs
the exact npm packages of tests/browser/package-lock.json with `npm ci` into
the build folder (never the source tree; no browser downloaded), exports the
page a partnership would publish, and runs one of the node checks on it.

These tests run in CI: when Chromium or npm is missing and cannot be
installed, the test fails with one line saying what to install."""

import fcntl
import os
import shutil
import subprocess
import sys

import sendlens_test as t

CHROMIUM = "/usr/bin/chromium"
SCRIPTS = os.path.join(t.SOURCE_DIR, "tests", "browser")
AREAS = ("staffordshire", "walsall", "worcestershire")
# Exit code that tells ctest a test was skipped (SKIP_RETURN_CODE in
# tests/CMakeLists.txt): only for a page the build cannot make yet.
SKIP = 77


def fail(message):
    """One line saying what is wrong, then the count line; exit 1."""
    print("FAILED: " + message, file=sys.stderr)
    print("0 passed, 1 failed")
    sys.exit(1)


def apt_install(package, shows):
    """Installs a Debian package as root when the file showing it is missing."""
    if os.path.exists(shows):
        return
    if os.geteuid() != 0:
        fail("%s is needed for the browser tests: sudo apt-get install -y %s" % (shows, package))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=300)
    result = subprocess.run(["apt-get", "install", "-y", "-qq", package], env=env,
                            capture_output=True, text=True, timeout=900)
    if result.returncode != 0 or not os.path.exists(shows):
        fail("apt-get install %s failed: %s" % (package, result.stderr.strip()[-300:]))


def node_modules():
    """The pinned packages, installed once per build (and again when the
    lock file changes) by `npm ci`; a lock serialises the tests running in
    parallel."""
    apt_install("chromium", CHROMIUM)
    apt_install("npm", "/usr/bin/npm")
    prefix = os.path.join(t.BUILD_DIR, "browser-npm")
    os.makedirs(prefix, exist_ok=True)
    with open(os.path.join(prefix, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        wanted = [open(os.path.join(SCRIPTS, name), "rb").read()
                  for name in ("package.json", "package-lock.json")]
        stamp = os.path.join(prefix, "node_modules", ".sendlens-lock")
        if os.path.exists(stamp) and open(stamp, "rb").read() == wanted[1]:
            return os.path.join(prefix, "node_modules")
        for name, content in zip(("package.json", "package-lock.json"), wanted):
            with open(os.path.join(prefix, name), "wb") as out:
                out.write(content)
        env = dict(os.environ, PUPPETEER_SKIP_DOWNLOAD="1", npm_config_update_notifier="false")
        result = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=prefix, env=env,
                                capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            fail("npm ci in %s failed: %s" % (prefix, result.stderr.strip()[-400:]))
        with open(stamp, "wb") as out:
            out.write(wanted[1])
    return os.path.join(prefix, "node_modules")


def sendlens(*args, db, timeout=300):
    try:
        result = t.run(*args, db=db, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as error:
        fail("sendlens %s: %s" % (" ".join(args), error))
    if result.returncode != 0:
        fail("sendlens %s: %s" % (" ".join(args), result.stderr.strip()[-400:]))
    return result


def export_page(work, name, *options):
    """The page as a partnership would publish it: the three bundled areas,
    the DfE release the project carries, a progress return for
    Worcestershire and the SYNTHETIC case file for Walsall (so the page
    shows statuses and the synthetic-data warning), indicators computed.
    options go to `export` (e.g. --board-pack). Returns its path."""
    db = os.path.join(work, "sendlens.db")
    sendlens("load", *AREAS, db=db)
    release = os.path.join(t.SOURCE_DIR, "data", "dfe-ehcp-2025",
                           "education-health-and-care-plans_2025.zip")
    sendlens("import-statistics", release, db=db)
    sendlens("import-progress", "worcestershire",
             os.path.join(t.SOURCE_DIR, "schemas", "progress-return.example.csv"), db=db)
    sendlens("import-cases", "walsall",
             os.path.join(t.SOURCE_DIR, "tests", "data", "cases", "ehc_small.csv"), db=db)
    sendlens("indicators", db=db)
    page = os.path.join(work, name + ".html")
    sendlens("export", "--format", "html", *options, "-o", page, db=db)
    return page


def export_offers(option):
    """Whether this build's `export --help` names option."""
    result = t.run("export", "--help")
    return option in result.stdout + result.stderr


def run_check(script, page, modules, out_dir=None, timeout=240):
    """Runs tests/browser/SCRIPT on page; its lines are passed on as they
    are. Returns (passed, failed) from its last line."""
    command = ["node", os.path.join(SCRIPTS, script), modules]
    if out_dir:
        command += ["--out", out_dir]
    command.append(page)
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        fail("node %s %s: no answer in %d s" % (script, page, timeout))
    lines = result.stdout.strip().splitlines()
    words = lines[-1].split() if lines else []
    # Its lines but its count, which the test's own last line adds up.
    sys.stdout.write("".join(line + "\n" for line in lines[:-1]))
    sys.stderr.write(result.stderr)
    if len(words) != 4 or words[1:4:2] != ["passed,", "failed"] or result.returncode not in (0, 1):
        fail("node %s stopped (exit %d) before its report: %s"
             % (script, result.returncode, result.stderr.strip()[-600:]))
    return int(words[0]), int(words[2])


def main(scripts, name, *options, option_needed=None):
    """One browser test: scripts run on the page exported as NAME.html (its
    PDF kept in the build's browser-out/); exit 0 only when each ran and
    reported no failure. With option_needed, a build whose
    `export --help` does not offer it skips (exit 77) and says why."""
    if option_needed and not export_offers(option_needed):
        print("SKIPPED: this build's `sendlens export --help` offers no %s" % option_needed)
        sys.exit(SKIP)
    if not shutil.which("node"):
        apt_install("nodejs", "/usr/bin/node")
    modules = node_modules()
    work = t.temp_dir()
    keep = os.path.join(t.BUILD_DIR, "browser-out")
    os.makedirs(keep, exist_ok=True)
    try:
        page = export_page(work, name, *options)
        passed = failed = 0
        for script in scripts:
            p, f = run_check(script, page, modules, keep)
            passed, failed = passed + p, failed + f
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed or not passed else 0)
