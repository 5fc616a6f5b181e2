// browser.mjs: what the browser checks share. Starts Debian's Chromium
// through puppeteer-core (the exact version in package-lock.json, installed
// by npm ci in the build folder) with the flags this machine's closed
// network needs, opens one page from a file:// URL, and aborts and reports
// every request but the page itself: the exported page must be complete
// offline, so a fetch it makes is a failure, not a slow load.
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const CHROMIUM = "/usr/bin/chromium";

// Without the background-networking flags Chromium tries Google's hosts at
// every start and this machine refuses them many at a time.
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

// The failures of one run, each one precise line; printed at the end and
// counted by the Python wrapper ("FAILED: ..." lines, then "N passed").
export class Report {
  constructor() {
    this.passed = 0;
    this.failures = [];
    this.notes = [];
    this.prefix = ""; // "NAME.html: " when several pages are checked
  }

  check(condition, what) {
    if (condition) this.passed += 1;
    else this.failures.push(this.prefix + what);
    return condition;
  }

  // A list of failure lines from one measurement: each a failure, or one
  // pass when the list is empty.
  all(failures, prefix) {
    for (const failure of failures) this.check(false, prefix + failure);
    if (!failures.length) this.passed += 1;
  }

  note(line) {
    this.notes.push(this.prefix + line);
  }

  // Prints notes on stdout, failures on stderr, then exits 0 only when
  // checks ran and none failed.
  finish() {
    for (const line of this.notes) process.stdout.write(line + "\n");
    for (const line of this.failures) process.stderr.write("FAILED: " + line + "\n");
    process.stdout.write(`${this.passed} passed, ${this.failures.length} failed\n`);
    process.exit(this.failures.length || !this.passed ? 1 : 0);
  }
}

// node SCRIPT.mjs MODULES_DIR [--out DIR] PAGE.html...: the node_modules
// folder holding the pinned packages, where to keep what a check saves (a
// PDF), the pages under test.
export function args() {
  const [modules, ...rest] = process.argv.slice(2);
  const out = rest[0] === "--out" ? rest.splice(0, 2)[1] : undefined;
  if (!modules || !rest.length) {
    process.stderr.write("usage: node SCRIPT.mjs MODULES_DIR [--out DIR] PAGE.html...\n");
    process.exit(2);
  }
  return { modules, out_dir: out, pages: rest.map((page) => path.resolve(page)) };
}

// The whole run of one check script: one Chromium for every page named on
// the command line (starting one costs seconds), check(report, browser,
// page_path, out_dir) on each, then the report and the exit code.
export async function run_checks(check) {
  const { modules, out_dir, pages } = args();
  const report = new Report();
  const browser = await launch(modules);
  try {
    for (const page_path of pages) {
      report.prefix = pages.length > 1 ? path.basename(page_path) + ": " : "";
      // A page that cannot be opened or read is one failure line, and the
      // next page is still checked.
      await check(report, browser, page_path, out_dir).catch((error) =>
        report.check(false, `could not check ${page_path}: ${error.message.split("\n")[0]}`));
      for (const tab of await browser.pages()) if (tab.url() !== "about:blank") await tab.close();
    }
  } finally {
    await browser.close();
  }
  report.prefix = "";
  report.finish();
}

export function load(modules, name) {
  return createRequire(path.join(modules, "noop.js"))(name);
}

// Chromium with a new empty profile folder, removed when it closes.
export async function launch(modules) {
  const puppeteer = load(modules, "puppeteer-core");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "sendlens-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    args: ARGS,
    timeout: 60000,
    protocolTimeout: 120000,
  });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return browser;
}

// A new tab on the page's file:// URL; every other request is aborted and
// listed in page.foreign_requests. Console errors and uncaught exceptions
// are listed in page.errors.
export async function open(browser, page_path, viewport) {
  const page = await browser.newPage();
  const url = pathToFileURL(page_path).href;
  page.url_under_test = url;
  page.foreign_requests = [];
  page.errors = [];
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    if (request.url() === url) return request.continue();
    page.foreign_requests.push(request.url());
    return request.abort("blockedbyclient");
  });
  page.on("console", (message) => {
    if (message.type() === "error") page.errors.push(message.text());
  });
  page.on("pageerror", (error) => page.errors.push(String(error)));
  await page.setViewport(viewport || { width: 1400, height: 900 });
  await page.goto(url, { waitUntil: "load", timeout: 60000 });
  return page;
}

// What every check reports of the page itself: no foreign request, no
// script error.
export function check_quiet(report, page, what) {
  for (const request of page.foreign_requests)
    report.check(false, `${what}: the page requested ${request} (aborted)`);
  for (const error of page.errors) report.check(false, `${what}: console error: ${error}`);
  report.check(true, `${what}: no request but the page itself, no console error`);
}

// Lets the layout settle after a viewport change (two animation frames).
export async function settle(page) {
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
}
