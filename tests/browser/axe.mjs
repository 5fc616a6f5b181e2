// axe.mjs: axe-core's WCAG 2.0 and 2.1 A and AA rules on the page at 320,
// 768 and 1400 CSS pixels wide; every violation printed with its rule,
// impact and the CSS selector of each element it names.
//   node axe.mjs MODULES_DIR PAGE.html...
import fs from "node:fs";
import path from "node:path";
import { args, check_quiet, open, run_checks, settle } from "./browser.mjs";

const WIDTHS = [320, 768, 1400];
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

// Evaluated through the DevTools protocol rather than added as a <script>:
// a page whose Content-Security-Policy forbids scripts is still checked.
const axe_source = fs.readFileSync(path.join(args().modules, "axe-core", "axe.min.js"), "utf8");
await run_checks(async (report, browser, page_path) => {
  const page = await open(browser, page_path, { width: WIDTHS[0], height: 800 });
  await page.evaluate(axe_source);
  for (const width of WIDTHS) {
    await page.setViewport({ width, height: 800 });
    await settle(page);
    const result = await page.evaluate(
      (tags) =>
        axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
      TAGS,
    );
    for (const violation of result.violations) {
      const targets = violation.nodes.map((node) => node.target.join(" ")).slice(0, 8);
      const more = violation.nodes.length > 8 ? ` and ${violation.nodes.length - 8} more` : "";
      report.check(false, `axe at ${width}px: ${violation.id} (${violation.impact}, ` +
        `${violation.nodes.length} elements): ${violation.help}: ${targets.join(", ")}${more}`);
    }
    // axe found rules to apply: a page it could not read passes nothing.
    report.check(result.passes.length > 10,
      `axe at ${width}px: rules applied (${result.passes.length} passed)`);
    report.note(`axe at ${width}px: ${result.violations.length} rules violated, ` +
      `${result.passes.length} passed, ${result.incomplete.length} to review by hand`);
  }
  check_quiet(report, page, "axe");
});
