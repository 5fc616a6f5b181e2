// check_page.mjs: open an exported page in headless Chromium, as a reader
// would, and report what happened as one JSON object on stdout: console
// errors, every network request, the matrix cells' text, the official
// statistics' charts, and the heading outline. Saves screenshots (and a
// PDF, to see the print layout).
//   node check_page.mjs MODULES_DIR PAGE.html OUT_DIR USER_DATA_DIR
// MODULES_DIR is the node_modules folder holding playwright-core: the test
// installs it in the build folder, never in the source tree.
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [modules, page_path, out_dir, user_data] = process.argv.slice(2);
const require = createRequire(path.join(modules, "noop.js"));
const { chromium } = require("playwright-core");

// No network of its own: the only request must be the page itself.
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

const context = await chromium.launchPersistentContext(user_data, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ARGS,
  viewport: { width: 1280, height: 900 },
});
const report = { console_errors: [], requests: [], cells: {}, areas: {}, headings: [] };
context.on("request", (request) => report.requests.push(request.url()));
const page = context.pages()[0] || (await context.newPage());
page.on("console", (message) => {
  if (message.type() === "error") report.console_errors.push(message.text());
});
page.on("pageerror", (error) => report.console_errors.push(String(error)));

const url = pathToFileURL(path.resolve(page_path)).href;
report.url = url;
await page.goto(url, { waitUntil: "load", timeout: 30000 });

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
  await page.selectOption("#" + id, value);
  return page.evaluate(() => ({
    status: document.getElementById("filter-status")?.textContent,
    cards: [...document.querySelectorAll("section.card")].filter((c) => !c.hidden).length,
    columns: [...document.querySelectorAll("table.matrix thead th[data-area]")]
      .filter((th) => !th.hidden).length,
    rows: [...document.querySelectorAll("table.matrix tr[data-theme]")]
      .filter((tr) => !tr.hidden).length,
  }));
}
report.filter = { form: await page.locator("#filter form select").count() };
if (report.filter.form === 2) {
  const area = await page.getAttribute("section.card", "data-area");
  const theme = await page.getAttribute("table.matrix tr[data-theme]", "data-theme");
  report.filter.area = await pick("filter-area", area);
  report.filter.theme = await pick("filter-theme", theme);
  await pick("filter-area", "");
  report.filter.reset = await pick("filter-theme", "");
}

// At 320 CSS px (WCAG 1.4.10 reflow): no sideways scroll of the page, and
// every chart's words drawn at 12 CSS px or more.
await page.setViewportSize({ width: 320, height: 800 });
report.narrow = await page.evaluate(() => {
  let smallest = Infinity;
  for (const text of document.querySelectorAll("svg text")) {
    const svg = text.ownerSVGElement, box = svg.viewBox.baseVal;
    const scale = box && box.width ? svg.getBoundingClientRect().width / box.width : 1;
    smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * scale);
  }
  return { scroll_width: document.documentElement.scrollWidth, svg_text_px: smallest };
});
await page.screenshot({ path: path.join(out_dir, "screenshot-320.png"), timeout: 120000 });
await page.setViewportSize({ width: 1280, height: 900 });
await page.screenshot({ path: path.join(out_dir, "screenshot.png"), timeout: 120000 });
// Generous timeouts: the machine running the suite may be busy.
const slow = { timeout: 120000 };
await page.screenshot({ path: path.join(out_dir, "screenshot-full.png"), fullPage: true, ...slow });
for (const id of ["indicators", "statistics", "area-1"])
  await page.locator("#" + id).screenshot({ path: path.join(out_dir, `screenshot-${id}.png`), ...slow });
await page.pdf({ path: path.join(out_dir, "print.pdf"), format: "A4" });
await context.close();
process.stdout.write(JSON.stringify(report) + "\n");
