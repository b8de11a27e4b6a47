/**
 * Markdown/HTML images and links that would carry data to a host the operator has not allowed.
 * Images load without a click, so any query string to a foreign host quarantines (badges and avatars
 * belong on allowHosts). Links need a click, so only a query that carries data (a template for the
 * model to fill, or base64-encoded text) quarantines; documentation and video links pass.
 */
import { emit } from "./context";
import { decodeBase64Text, base64LooksLikeText } from "./encoding";
import { charClasses, shannonEntropy } from "./entropy";
import type { Detector, ScanContext } from "./types";

const MD_IMAGE_RE = /!\[[^\]\n]{0,500}\]\(\s*<?([^\s)>]{1,4096})/y;
const MD_LINK_RE = /\]\(\s*<?([^\s)>]{1,4096})/y;
const HTML_IMG_RE = /<img\b[^>]{0,1000}?\bsrc\s*=\s*\\?["']?([^"'\s>\\]{1,4096})/iy;
/** Frames and embeds load without a click, like images. */
const HTML_FRAME_RE = /<(?:iframe|frame|embed)\b[^>]{0,1000}?\bsrc\s*=\s*\\?["']?([^"'\s>\\]{1,4096})/iy;
const HIDDEN_STYLE_RE =
  /display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:[;"'\s]|$)|\b(?:width|height)\s*=\s*\\?["']?0+(?:px)?\b|\b(?:width|height)\s*:\s*0+(?:px)?\b|\bhidden\b/i;
/** Reference-style definition: `[1]: https://…` at the start of a line. */
const MD_REF_DEF_RE = /^[ \t]{0,3}\[([^\]\n]{1,200})\]:[ \t]*<?([^\s>]{1,4096})/gm;
const HTML_A_RE = /<a\s[^>]{0,1000}?\bhref\s*=\s*\\?["']?([^"'\s>\\]{1,4096})/iy;

const TEMPLATE_RE =
  /\{\{[^{}]{1,80}\}\}|\$\{[^{}]{1,80}\}|\$\([^()]{1,80}\)|<[A-Z_]{3,}>|\[[A-Z_ ]{3,}\]|\b(?:INSERT|SECRET|PASSWORD|API_?KEY|TOKEN|CONVERSATION|HISTORY|CHAT|CONTEXT|SUMMARY|MEMORY|PROMPT)\b/;
const DATA_RUN_RE = /[A-Za-z0-9+/=_-]{20,}/g;
const SIGNING_PARAM =
  /^(?:x-amz-[\w-]+|x-goog-[\w-]+|signature|sig|se|sp|sv|sr|st|spr|sks?|skoid|sktid|skt|ske|skv|expires|googleaccessid|key-pair-id|policy)$/i;

export function hostAllowed(host: string, allowHosts: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return allowHosts.some((a) => {
    const allowed = a.toLowerCase().replace(/^\*\./, "").replace(/\.$/, "");
    return h === allowed || h.endsWith(`.${allowed}`);
  });
}

/**
 * A link's query value that carries the reader's data: a template for the model to fill in, or text
 * encoded in base64. Random-looking ids (playlists, sessions, slugs) are everyday links and pass.
 */
export function looksLikeData(raw: string): boolean {
  let v = raw;
  try {
    v = decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    /* keep the raw value */
  }
  if (v.length >= 300 || TEMPLATE_RE.test(v)) return true;
  DATA_RUN_RE.lastIndex = 0;
  for (let m = DATA_RUN_RE.exec(v); m; m = DATA_RUN_RE.exec(v)) {
    if (m[0].length >= 24 && base64LooksLikeText(m[0]) && (decodeBase64Text(m[0]) ?? "").length >= 16) return true;
  }
  return false;
}

/** Confidence that an image/link URL exfiltrates (0 when it does not). */
export function judgeUrl(raw: string, image: boolean, allowHosts: readonly string[]): number {
  if (/^\s*javascript:/i.test(raw)) return 0.8;
  if (!/^(?:https?:)?\/\//i.test(raw)) return 0;
  let url: URL;
  try {
    url = new URL(raw.startsWith("//") ? `https:${raw}` : raw);
  } catch {
    return 0;
  }
  if (hostAllowed(url.hostname, allowHosts)) return 0;
  const query = url.search.slice(1);
  if (image) {
    if (query.length > 0) return 0.85;
    return url.pathname.split("/").some((seg) => seg.length >= 48 && charClasses(seg) >= 3 && shannonEntropy(seg) >= 4)
      ? 0.75
      : 0;
  }
  for (const pair of query.split("&")) {
    const eq = pair.indexOf("=");
    const value = pair.slice(eq + 1);
    // Presigned-URL parameters carry the host's own signature, not the reader's data.
    if (eq > 0 && SIGNING_PARAM.test(pair.slice(0, eq))) continue;
    if (value && looksLikeData(value)) return 0.8;
  }
  return 0;
}

/** Judge the URL matched at `at`; returns where the match ended (or -1), so overlapping hits can be skipped. */
function report(scan: ScanContext, re: RegExp, at: number, image: boolean): number {
  re.lastIndex = at;
  const m = re.exec(scan.text);
  if (!m) return -1;
  const conf = judgeUrl(m[1], image, scan.opts.allowHosts);
  if (conf > 0) emit(scan, image ? "exfil_image" : "exfil_link", "steering", at, at + m[0].length, conf);
  return at + m[0].length;
}

/**
 * Hits inside a span already judged (nested "![" in alt text, "](" inside a URL, "<img" before the
 * last tag's ">") would judge the same URL again; skipping them keeps hostile input linear.
 */
function skipIfJudged(scan: ScanContext, id: string, at: number): boolean {
  return at < (scan.windows?.get(id) ?? -1);
}

function judged(scan: ScanContext, id: string, end: number): void {
  (scan.windows ??= new Map()).set(id, end);
}

const refDefs = new WeakMap<ScanContext, Map<string, string>>();

/** `[label]: url` definitions of one string, read once per scan (a single linear pass). */
function definitions(scan: ScanContext): Map<string, string> {
  let defs = refDefs.get(scan);
  if (!defs) {
    defs = new Map();
    if (scan.text.includes("]:")) {
      MD_REF_DEF_RE.lastIndex = 0;
      for (let m = MD_REF_DEF_RE.exec(scan.text); m; m = MD_REF_DEF_RE.exec(scan.text)) {
        const label = m[1].trim().toLowerCase();
        if (!defs.has(label)) defs.set(label, m[2]);
      }
    }
    refDefs.set(scan, defs);
  }
  return defs;
}

/** `![alt][ref]`, `![alt][]` and `![ref]`: the image loads from the URL its definition gives. */
function reportReference(scan: ScanContext, at: number, close: number, after: string | undefined): void {
  const { text } = scan;
  let label = text.slice(at + 2, at + close);
  let end = at + close + 1;
  if (after === "[") {
    const rel = text.slice(end, end + 202).indexOf("]");
    if (rel === -1) return;
    const close2 = end + rel;
    const ref = text.slice(end + 1, close2);
    if (ref.trim()) label = ref;
    end = close2 + 1;
  }
  const url = definitions(scan).get(label.trim().toLowerCase());
  if (url === undefined) return;
  const conf = judgeUrl(url, true, scan.opts.allowHosts);
  if (conf > 0) emit(scan, "exfil_image", "steering", at, end, conf);
}

const markdown: Detector = {
  id: "exfil_markdown",
  anchors: ["![", "]("],
  detect(scan, at) {
    const { text } = scan;
    if (skipIfJudged(scan, "exfil_markdown", at)) return;
    if (text[at] === "!") {
      const close = text.slice(at, at + 503).indexOf("]");
      if (close === -1) return;
      const after = text[at + close + 1];
      if (after !== "(") {
        judged(scan, "exfil_markdown", at + close);
        reportReference(scan, at, close, after);
        return;
      }
      judged(scan, "exfil_markdown", Math.max(at + close, report(scan, MD_IMAGE_RE, at, true)));
      return;
    }
    const before = text.slice(Math.max(0, at - 500), at);
    const open = before.lastIndexOf("[");
    if (open === -1 || before.indexOf("\n", open) !== -1 || before[open - 1] === "!") return; // images are judged from their "!["
    judged(scan, "exfil_markdown", report(scan, MD_LINK_RE, at, false));
  },
};

/** A frame or embed: like an image; a hidden one to a foreign host is a beacon even without a query. */
function reportFrame(scan: ScanContext, at: number, close: number): void {
  HTML_FRAME_RE.lastIndex = at;
  const m = HTML_FRAME_RE.exec(scan.text);
  if (!m) return;
  let conf = judgeUrl(m[1], true, scan.opts.allowHosts);
  if (conf === 0 && /^(?:https?:)?\/\//i.test(m[1]) && HIDDEN_STYLE_RE.test(scan.text.slice(at, at + close))) {
    try {
      const url = new URL(m[1].startsWith("//") ? `https:${m[1]}` : m[1]);
      if (!hostAllowed(url.hostname, scan.opts.allowHosts)) conf = 0.8;
    } catch {
      /* not a URL */
    }
  }
  if (conf > 0) emit(scan, "exfil_image", "steering", at, at + m[0].length, conf);
}

const html: Detector = {
  id: "exfil_html",
  anchorsCi: ["<img", "<a ", "<iframe", "<frame", "<embed"],
  detect(scan, at) {
    if (skipIfJudged(scan, "exfil_html", at)) return;
    const close = scan.text.slice(at, at + 1100).indexOf(">");
    if (close === -1) return;
    const second = scan.text[at + 1].toLowerCase();
    if (second === "i" && scan.text[at + 2].toLowerCase() === "f") reportFrame(scan, at, close);
    else if (second === "f" || second === "e") reportFrame(scan, at, close);
    else {
      const image = second === "i";
      report(scan, image ? HTML_IMG_RE : HTML_A_RE, at, image);
    }
    judged(scan, "exfil_html", at + close);
  },
};

export const EXFIL_DETECTORS: readonly Detector[] = [markdown, html];

export const EXFIL_KINDS: ReadonlyArray<[string, string]> = [
  [
    "exfil_image",
    "Markdown (inline or reference-style)/HTML image, iframe or embed to a host not on allowHosts with a query string (or a data-looking path); a hidden iframe to such a host",
  ],
  ["exfil_link", "Markdown/HTML link to a host not on allowHosts whose query carries data; javascript: URLs"],
];
