// reflow.mjs: WCAG 1.4.10 Reflow on the page at 320, 390 and 768 CSS
// pixels wide, and chart text size at those widths and at 1400:
//  - the page does not scroll sideways (scrollWidth <= the viewport);
//  - every element reaching past the viewport's edges is inside a region
//    that scrolls sideways (overflow-x auto or scroll), and every region
//    that does scroll is reachable by keyboard (tabindex=0) and named
//    (aria-label, aria-labelledby or title), so a keyboard user can scroll it;
//  - nothing pokes out through a bordered box that does not scroll (the
//    card borders that cut through the action tables);
//  - every SVG text is drawn at least 12 CSS pixels high: its computed
//    font-size times the scale of the SVG's transform to the screen.
//   node reflow.mjs MODULES_DIR PAGE.html...
import { check_quiet, open, run_checks, settle } from "./browser.mjs";

const REFLOW_WIDTHS = [320, 390, 768];
const TEXT_WIDTHS = [320, 390, 768, 1400];
const MIN_TEXT_PX = 12;
const LIST = 10; // elements named per failure; the count says how many more

// Runs in the page: every reflow failure at the current width, as lines.
function reflow_failures(LIST) {
  const width = document.documentElement.clientWidth;
  const failures = [];
  const name = (element) => {
    let text = element.tagName.toLowerCase();
    if (element.id) return text + "#" + element.id;
    const classes = [...element.classList].slice(0, 2).join(".");
    if (classes) text += "." + classes;
    const anchor = element.parentElement && element.parentElement.closest("[id]");
    return anchor ? `#${anchor.id} ${text}` : text;
  };
  const style = (element) => getComputedStyle(element);
  const scrolls = (element) => ["auto", "scroll"].includes(style(element).overflowX);
  const clips = (element) => ["hidden", "clip"].includes(style(element).overflowX);
  const label = (element) => {
    const by = (element.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    const text = by.map((id) => document.getElementById(id)?.textContent || "").join(" ");
    return (element.getAttribute("aria-label") || text || element.getAttribute("title") || "")
      .trim();
  };
  const shown = (element) => {
    const box = element.getBoundingClientRect();
    // checkVisibility: not in a closed <details>, which lays out but paints nothing.
    return box.width > 0 && box.height > 0 && element.checkVisibility({ visibilityProperty: true });
  };
  const all = [...document.body.querySelectorAll("*")].filter(shown);

  const page = document.documentElement.scrollWidth;
  if (page > width) failures.push(`the page is ${page}px wide in a ${width}px viewport`);

  // Past the viewport's edges and in no scrolling region: the reader must
  // scroll the whole page sideways (or cannot see it at all, if clipped).
  const stray = all.filter((element) => {
    const box = element.getBoundingClientRect();
    if (box.right <= width + 0.5 && box.left >= -0.5) return false;
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement)
      if (scrolls(up)) return false;
    return true;
  });
  // Report the outermost only: the children of a too-wide table follow it.
  const outer = stray.filter((e) => !stray.includes(e.parentElement));
  for (const element of outer.slice(0, LIST)) {
    const box = element.getBoundingClientRect();
    const clipped = [...all].some((up) => up.contains(element) && up !== element && clips(up));
    failures.push(`${name(element)} spans ${Math.round(box.left)}..${Math.round(box.right)}px ` +
      `in a ${width}px viewport, in no sideways-scrolling region` +
      (clipped ? " (cut off by an overflow:hidden ancestor)" : ""));
  }
  if (outer.length > LIST) failures.push(`and ${outer.length - LIST} more elements past the edge`);

  // Regions that do scroll sideways: a keyboard user must reach them.
  const regions = all.filter((e) => scrolls(e) && e.scrollWidth > e.clientWidth + 1);
  const unreachable = regions.filter((e) => e.getAttribute("tabindex") !== "0" || !label(e));
  for (const region of unreachable.slice(0, LIST)) {
    const wrong = [];
    if (region.getAttribute("tabindex") !== "0") wrong.push('is not focusable (tabindex="0")');
    if (!label(region)) wrong.push("has no accessible name (aria-label or aria-labelledby)");
    failures.push(`${name(region)} scrolls sideways (${region.scrollWidth}px in ` +
      `${region.clientWidth}px) but ${wrong.join(" and ")}`);
  }
  if (unreachable.length > LIST)
    failures.push(`and ${unreachable.length - LIST} more scroll regions ` +
      "out of the keyboard's reach");

  // A bordered box that neither scrolls nor clips: its content must stay
  // inside its border.
  const bordered = all.filter((e) => {
    const s = style(e);
    return s.display !== "table-cell" && s.display !== "inline" && !scrolls(e) && !clips(e) &&
      parseFloat(s.borderLeftWidth) > 0 && parseFloat(s.borderRightWidth) > 0 &&
      s.borderLeftStyle !== "none" && s.borderRightStyle !== "none";
  });
  let crossings = 0;
  for (const box of bordered) {
    const edge = box.getBoundingClientRect();
    for (const inner of box.querySelectorAll("*")) {
      const r = inner.getBoundingClientRect();
      if (r.width === 0 || (r.right <= edge.right + 1 && r.left >= edge.left - 1)) continue;
      let scrolled = false;
      for (let up = inner.parentElement; up && up !== box; up = up.parentElement)
        if (scrolls(up) || clips(up)) scrolled = true;
      if (scrolled) continue;
      if (++crossings <= LIST)
        failures.push(`${name(inner)} (${Math.round(r.left)}..${Math.round(r.right)}px) crosses ` +
          `the border of ${name(box)} (${Math.round(edge.left)}..${Math.round(edge.right)}px)`);
      break; // one per bordered box
    }
  }
  if (crossings > LIST) failures.push(`and ${crossings - LIST} more bordered boxes crossed`);
  return failures;
}

// Runs in the page: [drawn text size in CSS px, what] of every SVG text
// whose own size is the one drawn (a tspan with its own font-size counts
// separately), smallest first.
function svg_text_sizes() {
  const sizes = [];
  for (const text of document.querySelectorAll("svg text, svg tspan")) {
    if (!text.getClientRects().length || !text.textContent.trim()) continue;
    const svg = text.ownerSVGElement;
    const ctm = text.getScreenCTM();
    if (!svg || !ctm) continue;
    const scale = Math.sqrt(Math.abs(ctm.a * ctm.d - ctm.b * ctm.c));
    const size = parseFloat(getComputedStyle(text).fontSize) * scale;
    const figure = text.closest("figure, section, [id]");
    const where = figure ? (figure.id ? "#" + figure.id : figure.tagName.toLowerCase()) : "svg";
    const title = svg.querySelector("title")?.textContent.trim().slice(0, 60) || where;
    const words = text.textContent.trim().slice(0, 30);
    sizes.push([Math.round(size * 10) / 10, `"${words}" in ${title}`]);
  }
  return sizes.sort((a, b) => a[0] - b[0]);
}

await run_checks(async (report, browser, page_path) => {
  const page = await open(browser, page_path, { width: 1400, height: 800 });
  for (const width of TEXT_WIDTHS) {
    await page.setViewport({ width, height: 800 });
    await settle(page);
    if (REFLOW_WIDTHS.includes(width)) {
      const failures = await page.evaluate(reflow_failures, LIST);
      report.all(failures, `reflow at ${width}px: `);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      report.note(`at ${width}px the page is ${wide}px wide`);
    }
    const sizes = await page.evaluate(svg_text_sizes);
    const small = sizes.filter(([size]) => size < MIN_TEXT_PX);
    // A page with no chart (the board pack) has no SVG text to measure;
    // test_checkers proves small text is found where there is some.
    report.note(sizes.length ? `at ${width}px, ${sizes.length} SVG texts drawn ${sizes[0][0]}` +
      `..${sizes[sizes.length - 1][0]}px high` : `at ${width}px, no SVG text drawn`);
    for (const [size, what] of small.slice(0, LIST))
      report.check(false, `chart text at ${width}px: ${what} drawn ${size}px high ` +
        `(at least ${MIN_TEXT_PX})`);
    if (small.length > LIST)
      report.check(false, `chart text at ${width}px: and ${small.length - LIST} more SVG texts ` +
        `under ${MIN_TEXT_PX}px`);
  }
  check_quiet(report, page, "reflow");
});
