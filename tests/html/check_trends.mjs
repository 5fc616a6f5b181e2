// check_trends.mjs: open an exported page in headless Chromium at several
// widths and report, as one JSON object on stdout, what a reader of the
// indicators section gets: the section's rendered height, the smallest
// text of its charts in CSS pixels (the SVG's font size times the scale it
// is drawn at), each small chart's width, and the page's width against the
// window's. Saves a screenshot of the section at each width.
//   node check_trends.mjs MODULES_DIR PAGE.html OUT_DIR USER_DATA_DIR
// MODULES_DIR is the node_modules folder holding playwright-core.
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [modules, page_path, out_dir, user_data] = process.argv.slice(2);
const require = createRequire(path.join(modules, "noop.js"));
const { chromium } = require("playwright-core");

const context = await chromium.launchPersistentContext(user_data, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = context.pages()[0] || (await context.newPage());
await page.goto(pathToFileURL(path.resolve(page_path)).href, { waitUntil: "load" });
const report = { widths: {} };
for (const width of [1400, 768, 390, 320]) {
  await page.setViewportSize({ width, height: 900 });
  report.widths[width] = await page.evaluate(() => {
    const section = document.querySelector("#indicators");
    let smallest = Infinity, where = null;
    for (const text of section.querySelectorAll("svg text")) {
      const svg = text.ownerSVGElement;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const px = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (px < smallest) smallest = px, where = text.textContent;
    }
    for (const element of section.querySelectorAll("h3,h4,p,figcaption,summary,th,td,caption")) {
      const px = parseFloat(getComputedStyle(element).fontSize);
      if (px < smallest) smallest = px, where = element.tagName;
    }
    const charts = [...section.querySelectorAll("figure.trend-chart svg")];
    return {
      height: section.getBoundingClientRect().height,
      smallest_text: smallest, smallest_where: where,
      chart_widths: [...new Set(charts.map((svg) => Math.round(svg.getBoundingClientRect().width)))],
      charts: charts.length,
      page_width: document.documentElement.scrollWidth,
    };
  });
  await page.locator("#indicators").screenshot({
    path: path.join(out_dir, `trends-${width}.png`) });
}
await context.close();
process.stdout.write(JSON.stringify(report) + "\n");
