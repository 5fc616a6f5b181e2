// check_page.mjs: open an exported page in headless Chromium, as a reader
// would, and report what happened as one JSON object on stdout: console
// errors, every network request, the matrix cells' text, the official
// statistics' charts, and the heading outline. Saves screenshots (and a
// PDF, to see the print layout).
//   node check_page.mjs MODULES_DIR PAGE.html OUT_DIR
// MODULES_DIR is the node_modules folder holding the pinned puppeteer-core
// of tests/browser/package-lock.json: the test installs it in the build
// folder, never in the source tree. Chromium is started, and requests
// other than the page's own aborted, by tests/browser/browser.mjs.
import path from "node:path";
import { launch, open } from "../browser/browser.mjs";

const [modules, page_path, out_dir] = process.argv.slice(2);

const browser = await launch(modules);
const page = await open(browser, path.resolve(page_path), { width: 1280, height: 900 });
const url = page.url_under_test;
// Generous timeouts: the machine running the suite may be busy.
page.setDefaultTimeout(120000);
const report = {
  console_errors: page.errors, requests: [url, ...page.foreign_requests], url,
  cells: {}, areas: {}, headings: [],
};

Object.assign(report, await page.evaluate(() => {
  const cells = {}, areas = {};
  for (const th of document.querySelectorAll("table.matrix thead th[data-area]"))
    areas[th.dataset.area] = th.innerText.trim();
  for (const row of document.querySelectorAll("table.matrix tbody tr[data-theme]")) {
    cells[row.dataset.theme] = {};
    for (const td of row.querySelectorAll("td[data-area]"))
      cells[row.dataset.theme][td.dataset.area] = td.innerText.trim();
  }
  const headings = [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].map((h) => [
    Number(h.tagName[1]), h.innerText.trim(),
  ]);
  // The official statistics: each chart's heading, its words, the classes
  // of its drawn lines and its table's caption, and whether it is drawn.
  const statistics = [...document.querySelectorAll("figure.stat")].map((figure) => ({
    heading: figure.querySelector("h4")?.innerText.trim(),
    indicator: figure.closest(".stats")?.previousElementSibling?.previousElementSibling?.id,
    latest: figure.querySelector(".latest")?.innerText.trim(),
    lines: [...figure.querySelectorAll("svg path")].map((p) => p.getAttribute("class")),
    caption: figure.querySelector("table caption")?.textContent.trim(),
    drawn: figure.querySelector("svg").getBoundingClientRect().width > 100,
  }));
  return {
    cells, areas, headings, statistics, lang: document.documentElement.lang, title: document.title,
  };
}));

// The filter the page's script adds: pick an area, then a theme, as a
// reader would, and see what stays shown; then show everything again.
async function pick(id, value) {
  await page.select("#" + id, value);
  return page.evaluate(() => ({
    status: document.getElementById("filter-status")?.textContent,
    cards: [...document.querySelectorAll("section.card")].filter((c) => !c.hidden).length,
    columns: [...document.querySelectorAll("table.matrix thead th[data-area]")]
      .filter((th) => !th.hidden).length,
    rows: [...document.querySelectorAll("table.matrix tr[data-theme]")]
      .filter((tr) => !tr.hidden).length,
  }));
}
report.filter = { form: (await page.$$("#filter form select")).length };
if (report.filter.form === 2) {
  const area = await page.$eval("section.card", (e) => e.getAttribute("data-area"));
  const theme = await page.$eval("table.matrix tr[data-theme]", (e) => e.getAttribute("data-theme"));
  report.filter.area = await pick("filter-area", area);
  report.filter.theme = await pick("filter-theme", theme);
  await pick("filter-area", "");
  report.filter.reset = await pick("filter-theme", "");
}

// At 320 CSS px (WCAG 1.4.10 reflow): no sideways scroll of the page, and
// every chart's words drawn at 12 CSS px or more.
await page.setViewport({ width: 320, height: 800 });
report.narrow = await page.evaluate(() => {
  let smallest = Infinity;
  for (const text of document.querySelectorAll("svg text")) {
    const svg = text.ownerSVGElement, box = svg.viewBox.baseVal;
    const scale = box && box.width ? svg.getBoundingClientRect().width / box.width : 1;
    smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * scale);
  }
  return { scroll_width: document.documentElement.scrollWidth, svg_text_px: smallest };
});
await page.screenshot({ path: path.join(out_dir, "screenshot-320.png") });
await page.setViewport({ width: 1280, height: 900 });
await page.screenshot({ path: path.join(out_dir, "screenshot.png") });
await page.screenshot({ path: path.join(out_dir, "screenshot-full.png"), fullPage: true });
for (const id of ["indicators", "statistics", "area-1"])
  await (await page.$("#" + id)).screenshot({ path: path.join(out_dir, `screenshot-${id}.png`) });
await page.pdf({ path: path.join(out_dir, "print.pdf"), format: "A4" });
report.requests = [url, ...page.foreign_requests];
await browser.close();
process.stdout.write(JSON.stringify(report) + "\n");
