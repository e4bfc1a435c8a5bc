// vnpolicytext.js — a small client for the vnpolicytext HTTP service (one ES module, no build step).
//
//   import { Client, checkElement } from "/static/vnpolicytext.js";
//   const client = new Client({ baseUrl: "http://127.0.0.1:8000" });
//   const { result, matches } = await checkElement(client, document.querySelector("[contenteditable]"));
//
// Offsets are requested in UTF-16 code units (offsets=utf16), the unit JavaScript strings index by, so
// `source.slice(f.start, f.end) === f.text` holds even after an emoji. Highlights use the CSS Custom
// Highlight API, which does not touch the document: safe inside CKEditor 5, TinyMCE or any contenteditable.

/** An error answer of the service: `status` (HTTP), `body` ({error, message, field, errors}). */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.body = body;
  }
}

/** Calls the service. `baseUrl` "" means the page's own origin and folder. */
export class Client {
  constructor({ baseUrl = "", profile = null, config = null, fetchImpl = null } = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.profile = profile;
    this.config = config;
    this.fetch = fetchImpl || globalThis.fetch.bind(globalThis);
  }

  url(path) {
    return this.baseUrl ? `${this.baseUrl}/${path}` : path;
  }

  async request(path, body) {
    const init = body === undefined
      ? { method: "GET" }
      : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
    const response = await this.fetch(this.url(path), init);
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  }

  body(source, { format = "text", profile = null, config = null } = {}) {
    if (!["text", "html", "markdown"].includes(format)) throw new TypeError(`unknown format ${format}`);
    const body = { [format]: source, offsets: "utf16" };
    const p = profile || this.profile;
    const c = config || this.config;
    if (p) body.profile = p;
    if (c) body.config = c;
    return body;
  }

  /** The report of `source` (format "text", "html" or "markdown"), offsets in UTF-16 units. */
  analyze(source, options = {}) {
    return this.request("v1/analyze", this.body(source, options));
  }

  /** {passed, failures, report} for `source`, offsets in UTF-16 units. */
  check(source, options = {}) {
    return this.request("v1/check", this.body(source, options));
  }

  rules() {
    return this.request("v1/rules");
  }
}

// ------------------------------------------------------------------ findings

/** Rules whose finding covers a whole sentence: shown as an underline, not a background. */
export function isSentenceLevel(finding) {
  return finding.analyzer === "sentence_length";
}

/** The replacement text of a finding, or null: `data.fixes` if present, else a single jargon alternative. */
export function replacementFor(finding) {
  const data = finding.data || {};
  if (Array.isArray(data.fixes) && data.fixes.length) {
    const fix = data.fixes[0];
    if (typeof fix === "string") return { start: finding.start, end: finding.end, text: fix };
    const text = fix.replacement ?? fix.text;
    if (typeof text === "string") {
      return { start: fix.start ?? finding.start, end: fix.end ?? finding.end, text };
    }
    return null;
  }
  const alt = data.alternative;
  if (finding.analyzer !== "jargon" || typeof alt !== "string") return null;
  // Several alternatives ("a | b") or a hint in parentheses need a person's choice: no one-click fix.
  if (alt.includes("|") || alt.includes("(") || !alt.trim()) return null;
  let text = alt.trim();
  const first = finding.text.charAt(0);
  if (first && first !== first.toLowerCase()) text = text.charAt(0).toUpperCase() + text.slice(1);
  return { start: finding.start, end: finding.end, text };
}

const SEVERITY_RANK = { info: 0, warning: 1, error: 2 };

export function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/**
 * `source` as HTML with every finding marked: one sweep over the sorted boundaries with the set of findings
 * in force (linear in the findings). Each piece is a <mark data-f="i j"> listing the findings covering it;
 * sentence-level findings add an underline class; `sentences` (optional) add <span id="{prefix}s-k"> anchors.
 */
export function markedHtml(source, findings, { sentences = [], prefix = "" } = {}) {
  const events = [];
  findings.forEach((f, i) => {
    if (f.end > f.start) {
      events.push([f.start, 1, i]);
      events.push([f.end, 0, i]);
    }
  });
  sentences.forEach((s, k) => events.push([s.start, 2, k]));
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const active = new Set();
  const out = [];
  let pos = 0;
  const piece = (end) => {
    if (end <= pos) return;
    const text = escapeHtml(source.slice(pos, end));
    if (!active.size) {
      out.push(text);
    } else {
      const ids = [...active].sort((a, b) => a - b);
      const analyzers = new Set();
      let worst = "info";
      let sentence = null;
      for (const i of ids) {
        const f = findings[i];
        if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
        if (isSentenceLevel(f)) {
          if (!sentence || SEVERITY_RANK[f.severity] > SEVERITY_RANK[sentence]) sentence = f.severity;
        } else {
          analyzers.add(f.analyzer);
        }
      }
      const classes = [...analyzers].sort().map((a) => `a-${a}`);
      if (sentence) classes.push("sl", `sl-${sentence}`);
      classes.push(`sev-${worst}`);
      if (ids.length > 1) classes.push("overlap");
      out.push(`<mark class="${classes.join(" ")}" data-f="${ids.join(" ")}" tabindex="-1">${text}</mark>`);
    }
    pos = end;
  };
  for (const [at, kind, i] of events) {
    piece(at);
    if (kind === 1) active.add(i);
    else if (kind === 0) active.delete(i);
    else out.push(`<span class="anchor" id="${prefix}s-${i}" tabindex="-1"></span>`);
  }
  piece(source.length);
  return out.join("");
}

// ------------------------------------------------------------------ DOM documents

const BLOCK = new Set(
  ("ADDRESS ARTICLE ASIDE BLOCKQUOTE DD DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 " +
    "HEADER HR LI MAIN NAV OL P PRE SECTION TABLE TBODY THEAD TR TD TH UL").split(" "),
);
const SKIP = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"]);

/**
 * The plain text of an element as the service should read it (blocks separated by a blank line, <br> as a
 * line break) and where each text node starts in it, so offsets can be mapped back to the DOM.
 */
export function textOfElement(root) {
  const parts = [];
  const nodes = [];
  let length = 0;
  let pending = "";
  const push = (s) => {
    parts.push(s);
    length += s.length;
  };
  const gap = (s) => {
    if (length && s.length > pending.length) pending = s;
  };
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        if (!child.data) continue;
        if (pending) push(pending);
        pending = "";
        nodes.push({ node: child, start: length });
        push(child.data);
      } else if (child.nodeType === 1) {
        const tag = child.tagName.toUpperCase();
        if (SKIP.has(tag) || child.getAttribute("contenteditable") === "false" || child.hasAttribute("data-vnpt-ignore")) continue;
        if (tag === "BR") {
          if (pending) push(pending);
          pending = "";
          push("\n");
          continue;
        }
        const block = BLOCK.has(tag);
        if (block) gap("\n\n");
        walk(child);
        if (block) gap("\n\n");
      }
    }
  };
  walk(root);
  return { text: parts.join(""), nodes };
}

function nodeIndex(nodes, offset) {
  let lo = 0;
  let hi = nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (nodes[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A DOM Range over [start, end) of the text `textOfElement` returned (UTF-16 offsets). */
export function rangeAt(mapping, start, end) {
  const { nodes } = mapping;
  if (!nodes.length) return null;
  const doc = nodes[0].node.ownerDocument;
  let i = nodeIndex(nodes, start);
  let startNode = nodes[i];
  let startOffset = start - startNode.start;
  if (startOffset >= startNode.node.data.length && i + 1 < nodes.length) {
    startNode = nodes[++i];
    startOffset = 0;
  }
  const j = nodeIndex(nodes, Math.max(start, end - 1));
  const endNode = nodes[j];
  const range = doc.createRange();
  range.setStart(startNode.node, Math.min(Math.max(startOffset, 0), startNode.node.data.length));
  range.setEnd(endNode.node, Math.min(end - endNode.start, endNode.node.data.length));
  return range;
}

export const COLOURS = {
  sentence_length: "#ffd166",
  readability: "#a0c4ff",
  text: "#ff8fa3",
  passive: "#bdb2ff",
  jargon: "#9bf6ff",
  abbreviation: "#caffbf",
  glossary: "#ffc6ff",
};

function ensureStyles(doc) {
  if (doc.getElementById("vnpt-highlight-style")) return;
  const style = doc.createElement("style");
  style.id = "vnpt-highlight-style";
  style.textContent =
    Object.entries(COLOURS)
      .filter(([name]) => name !== "sentence_length")
      .map(([name, colour]) => `::highlight(vnpt-${name}){background-color:${colour}}`)
      .join("\n") +
    "\n::highlight(vnpt-sentence_length){text-decoration:underline wavy #f77f00}" +
    "\n::highlight(vnpt-current){background-color:#ffe066;text-decoration:underline 2px #d62828}";
  (doc.head || doc.documentElement).appendChild(style);
}

/** Remove the highlights this module registered in `root`'s document. */
export function clearHighlights(root) {
  const win = root.ownerDocument.defaultView;
  if (!win || !win.CSS || !win.CSS.highlights) return;
  for (const name of [...win.CSS.highlights.keys()]) if (name.startsWith("vnpt-")) win.CSS.highlights.delete(name);
}

/**
 * Highlight findings in a DOM element (contenteditable, CKEditor's editing root, TinyMCE's iframe body)
 * with the CSS Custom Highlight API; returns [{finding, range}]. Without the API (old browsers) nothing is
 * painted and the ranges are still returned.
 */
export function highlightFindings(root, findings, mapping) {
  const matches = [];
  for (const finding of findings) {
    const range = rangeAt(mapping, finding.start, finding.end);
    if (range) matches.push({ finding, range });
  }
  const doc = root.ownerDocument;
  const win = doc.defaultView;
  clearHighlights(root);
  if (win && win.CSS && win.CSS.highlights && win.Highlight) {
    ensureStyles(doc);
    const groups = new Map();
    for (const m of matches) {
      const name = `vnpt-${m.finding.analyzer}`;
      if (!groups.has(name)) groups.set(name, []);
      groups.get(name).push(m.range);
    }
    for (const [name, ranges] of groups) win.CSS.highlights.set(name, new win.Highlight(...ranges));
  }
  return matches;
}

/** Mark one match as the current one (its own highlight) and scroll it into view. */
export function showMatch(root, match) {
  const win = root.ownerDocument.defaultView;
  if (win && win.CSS && win.CSS.highlights && win.Highlight) {
    win.CSS.highlights.set("vnpt-current", new win.Highlight(match.range));
  }
  const node = match.range.startContainer;
  const el = node.nodeType === 1 ? node : node.parentElement;
  if (el) el.scrollIntoView({ block: "center" });
}

/** Replace a match's text in a plain contenteditable (editors with a model apply it through their API). */
export function applyInDom(match, text) {
  const range = match.range;
  range.deleteContents();
  range.insertNode(range.startContainer.ownerDocument.createTextNode(text));
}

/** Check the text of a DOM element and highlight the findings: {result, matches, text}. */
export async function checkElement(client, root, options = {}) {
  const mapping = textOfElement(root);
  const result = await client.check(mapping.text, { ...options, format: "text" });
  const matches = highlightFindings(root, result.report.findings, mapping);
  return { result, matches, text: mapping.text };
}
