// print.mjs: the page printed to A4 by Chromium itself (page.pdf), then
// read back: no heading (h1-h4, figcaption, caption) is the last thing on a
// page, and no chart is cut in two by a page break.
//   node print.mjs MODULES_DIR [--out DIR] PAGE.html...  (DIR keeps NAME.pdf)
//
// How the page of each element is known. Computing page breaks from
// element positions under print emulation would guess at Chromium's own
// decisions (break-inside/after: avoid, orphans, tables, margins truncated
// at a break), so the check reads the PDF Chromium makes. Reading its text
// back is hard (Flate-compressed content streams, glyph ids in Tj/TJ), but
// links are easy: Chromium writes every <a href> as a /Link annotation with
// its /URI and /Rect on the page where it is drawn, in plain PDF objects.
// So before printing, under print media, the check wraps text in links with
// marker URIs: the last rendered text of each heading (h/N) and the first
// rendered text after it (c/N); the first and last text of each chart
// (s/N, e/N). An inline <a> with `all: unset` takes no room, so the layout
// printed is the page's own. A heading whose marker is on an earlier page
// than its content's marker ended a page: that is the failure. Nothing is
// fetched: a link is not a request, and the URIs use the .invalid domain.
import fs from "node:fs";
import path from "node:path";
import { check_quiet, open, run_checks } from "./browser.mjs";

const MARKER = "http://sendlens.invalid/";
const A4 = [595.28, 841.89]; // points; Chromium 156 writes 594.96 x 841.92
const PDF_OPTIONS = {
  format: "A4",
  printBackground: true,
  // The page's own @page rule decides when it has one (size and margins);
  // otherwise A4 with Chromium's default print margins of about 1 cm.
  preferCSSPageSize: true,
  margin: { top: "10mm", bottom: "10mm", left: "10mm", right: "10mm" },
};

// Runs in the page, under print media: wraps the marker links and returns
// {pairs: [{id, kind, what, content}] describing each marker pair,
// aliases: {uri: uri} for markers sharing a text too short to split}.
function mark(MARKER) {
  const SVG = "http://www.w3.org/2000/svg";
  const drawn = (node) => {
    if (!node.data.trim() || node.parentElement.closest("title, desc, script, style")) return false;
    // A closed <details> lays its content out but paints none of it.
    if (!node.parentElement.checkVisibility({ visibilityProperty: true })) return false;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (![...range.getClientRects()].some((r) => r.width > 1 && r.height > 1)) return false;
    // Visually hidden text (clipped to a pixel) prints nothing to mark.
    for (let up = node.parentElement; up; up = up.parentElement) {
      const box = up.getBoundingClientRect();
      if (getComputedStyle(up).overflow !== "visible" && (box.width < 2 || box.height < 2))
        return false;
    }
    return true;
  };
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    if (drawn(node)) texts.push(node);
  const index = new Map(texts.map((node, i) => [node, i]));
  const wrap = (node, uri) => {
    const inSvg = node.parentElement instanceof SVGElement;
    const link = inSvg ? document.createElementNS(SVG, "a") : document.createElement("a");
    link.setAttribute("href", uri);
    if (!inSvg) link.setAttribute("style", "all: unset");
    node.parentNode.insertBefore(link, node);
    link.appendChild(node);
  };
  const wrapped = new Map(); // text node -> [uris]: one link may carry one uri
  const want = (node, uri) => {
    if (!wrapped.has(node)) wrapped.set(node, []);
    wrapped.get(node).push(uri);
  };
  const words = (node) => node.data.trim().replace(/\s+/g, " ").slice(0, 50);
  const describe = (element) => {
    const tag = element.tagName.toLowerCase();
    const anchor = element.closest("[id]");
    const where = element.id ? "#" + element.id : anchor ? " in #" + anchor.id : "";
    return `${tag}${where} "${element.textContent.trim().replace(/\s+/g, " ").slice(0, 60)}"`;
  };
  const pairs = [];
  const headings = document.body.querySelectorAll("h1, h2, h3, h4, figcaption, caption");
  for (const heading of headings) {
    const own = texts.filter((node) => heading.contains(node));
    if (!own.length) continue;
    const last = own[own.length - 1];
    let content = texts[index.get(last) + 1];
    let kind = "heading";
    // A figcaption after its figure's content labels what is above it.
    const figure = heading.tagName === "FIGCAPTION" ? heading.parentElement : null;
    if (figure && !(content && figure.contains(content))) {
      content = texts[index.get(own[0]) - 1];
      kind = "caption below";
      if (!content || !figure.contains(content)) continue;
    }
    if (!content) continue;
    const id = pairs.length;
    want(kind === "heading" ? last : own[0], `${MARKER}h/${id}`);
    want(content, `${MARKER}c/${id}`);
    pairs.push({ id, kind, what: describe(heading), content: words(content) });
  }
  // Charts: the first and last drawn text of each svg stay on one page.
  for (const svg of document.body.querySelectorAll("svg")) {
    const own = texts.filter((node) => svg.contains(node));
    if (own.length < 2) continue;
    const id = pairs.length;
    want(own[0], `${MARKER}s/${id}`);
    want(own[own.length - 1], `${MARKER}e/${id}`);
    const title = svg.querySelector("title")?.textContent.trim().slice(0, 60) || "untitled";
    pairs.push({ id, kind: "chart", what: `chart "${title}"`, content: "" });
  }
  // A text both ends one heading and starts another's content (an h2 then
  // an h3), or starts a chart: it is split into one piece per marker (an
  // inline boundary changes no line break); a one-letter text cannot be,
  // and its further markers are aliases of its first.
  const aliases = {};
  for (const [node, uris] of wrapped) {
    const lead = node.data.length - node.data.trimStart().length;
    let rest = lead ? node.splitText(lead) : node;
    const core = rest.data.trimEnd().length;
    if (core < rest.data.length) rest.splitText(core);
    const pieces = [];
    for (let i = 0; i < uris.length - 1 && rest.length > 1; i += 1) {
      const tail = rest.splitText(Math.max(1, Math.floor(rest.length / (uris.length - i))));
      pieces.push(rest);
      rest = tail;
    }
    pieces.push(rest);
    pieces.forEach((piece, i) => wrap(piece, uris[i]));
    for (const uri of uris.slice(pieces.length)) aliases[uri] = uris[pieces.length - 1];
  }
  return { pairs, aliases };
}

// The objects of a PDF as Chromium (Skia) writes them: "N 0 obj ... endobj",
// uncompressed dictionaries (only content streams are Flate-compressed).
function pdf_objects(buffer) {
  const text = buffer.toString("latin1");
  const objects = new Map();
  for (const match of text.matchAll(/(\d+) 0 obj\b([\s\S]*?)\bendobj/g))
    objects.set(Number(match[1]), match[2]);
  // A Chromium that packed objects into compressed object streams would
  // hide the annotations: say so rather than find no marker.
  if ([...objects.values()].some((body) => /\/Type\s*\/ObjStm/.test(body)))
    throw new Error("the PDF keeps its objects in object streams (/ObjStm): unpack them first");
  return objects;
}

// [{number, box, links: [{uri, top}]}] in page order, from the page tree.
function pdf_pages(buffer) {
  const objects = pdf_objects(buffer);
  const catalog = [...objects.values()].find((body) => /\/Type\s*\/Catalog/.test(body));
  const root = Number(/\/Pages\s+(\d+) 0 R/.exec(catalog)[1]);
  const pages = [];
  const walk = (number) => {
    const body = objects.get(number);
    if (/\/Type\s*\/Pages/.test(body)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body)[1];
      for (const kid of kids.matchAll(/(\d+) 0 R/g)) walk(Number(kid[1]));
      return;
    }
    const box = /\/MediaBox\s*\[([^\]]*)\]/.exec(body);
    const annots = /\/Annots\s*\[([^\]]*)\]/.exec(body);
    const links = [];
    for (const ref of annots ? annots[1].matchAll(/(\d+) 0 R/g) : []) {
      const annot = objects.get(Number(ref[1])) || "";
      const uri = /\/URI\s*\(([^)]*)\)/.exec(annot);
      const rect = /\/Rect\s*\[([^\]]*)\]/.exec(annot);
      if (uri && rect) links.push({ uri: uri[1], top: rect[1].trim().split(/\s+/).map(Number)[3] });
    }
    const size = box ? box[1].trim().split(/\s+/).map(Number) : null;
    pages.push({ number: pages.length + 1, box: size, links });
  };
  walk(root);
  return pages;
}

// {uri: [page numbers]}: a link broken over lines or pages has several.
function marker_pages(pages) {
  const found = new Map();
  for (const page of pages)
    for (const link of page.links)
      if (link.uri.startsWith(MARKER)) {
        const key = link.uri.slice(MARKER.length);
        if (!found.has(key)) found.set(key, []);
        found.get(key).push(page.number);
      }
  return found;
}

function check_pairs(report, pairs, found) {
  const failures = [];
  const first = (key) => Math.min(...(found.get(key) || [NaN]));
  const last = (key) => Math.max(...(found.get(key) || [NaN]));
  for (const pair of pairs) {
    const [a, b] = pair.kind === "chart" ? ["s", "e"] : ["h", "c"];
    const start = pair.kind === "caption below" ? last(`${b}/${pair.id}`) : last(`${a}/${pair.id}`);
    const end = pair.kind === "caption below" ? first(`${a}/${pair.id}`) : first(`${b}/${pair.id}`);
    if (Number.isNaN(start) || Number.isNaN(end)) {
      failures.push(`${pair.what}: its marker links are missing from the PDF`);
    } else if (pair.kind === "heading" && start < end) {
      failures.push(`${pair.what} is the last thing on page ${start}; what it heads ` +
        `("${pair.content}") starts on page ${end}`);
    } else if (pair.kind === "caption below" && start < end) {
      failures.push(`${pair.what} is alone at the top of page ${end}; ` +
        `what it captions ends on page ${start}`);
    } else if (pair.kind === "chart" && start < end) {
      failures.push(`${pair.what} is cut in two: pages ${start} to ${end}`);
    }
  }
  report.all(failures, "A4 print: ");
  return failures.length;
}

await run_checks(async (report, browser, page_path, out_dir) => {
  const page = await open(browser, page_path, { width: 1400, height: 800 });
  await page.emulateMediaType("print");
  const { pairs, aliases } = await page.evaluate(mark, MARKER);
  report.check(pairs.some((p) => p.kind === "heading"), "A4 print: headings found to check");
  const pdf = Buffer.from(await page.pdf(PDF_OPTIONS));
  if (out_dir)
    fs.writeFileSync(path.join(out_dir, path.basename(page_path, ".html") + ".pdf"), pdf);
  const pages = pdf_pages(pdf);
  for (const p of pages) {
    const [x0, y0, x1, y1] = p.box || [0, 0, 0, 0];
    const a4 = Math.abs(x1 - x0 - A4[0]) < 2 && Math.abs(y1 - y0 - A4[1]) < 2;
    if (!a4)
      report.check(false, `A4 print: page ${p.number} is ${x1 - x0} x ${y1 - y0} pt, ` +
        "not A4 (595 x 842)");
  }
  report.check(pages.length > 0, "A4 print: the PDF has pages");
  const found = marker_pages(pages);
  for (const [uri, alias] of Object.entries(aliases))
    found.set(uri.slice(MARKER.length), found.get(alias.slice(MARKER.length)));
  const failed = check_pairs(report, pairs, found);
  report.note(`A4 print: ${pages.length} pages; ${pairs.length} headings, captions and charts ` +
    `checked, ${failed} misplaced`);
  check_quiet(report, page, "A4 print");
});
