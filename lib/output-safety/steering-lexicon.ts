/**
 * Compiles the concept lexicon (`steering-lexicon-table.ts`) into phrase rules: one rule per language
 * and concept, anchored on one segment's literals, matched with bounded lazy gaps inside one sentence
 * (linear in its window). Confidence by concept; English verbs must be in command position; quoted or
 * exemplified phrases in a text about attacks do not count (`steering-live.ts`).
 */
import type { PhraseRule } from "./steering";
import { type Concept, LEXICON, type LexPattern } from "./steering-lexicon-table";
import { imperativeEn, noSubjectBefore } from "./steering-live";
import type { ScanContext } from "./types";

const KIND: Record<Concept, string> = {
  override: "prompt_injection",
  reveal: "system_prompt_request",
  role: "role_override",
  covert: "covert_instruction",
  exfil: "data_exfiltration",
  tool: "tool_call_request",
};

/** Sentence terminators of the covered scripts: a gap never crosses one. */
const STOP = '\\n.!?;:：。！？।؟۔“”„«»「」『』"';
/**
 * Letters, marks and digits of the covered scripts as plain ranges: without the "u" flag V8 matches
 * these rules about twice as fast as with \p{L} classes.
 */
const LETTERS =
  "A-Za-z0-9\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0300-\\u036F\\u0370-\\u03FF\\u0400-\\u052F\\u0590-\\u05FF\\u0610-\\u061A\\u0620-\\u065F\\u0660-\\u0669\\u066E-\\u06D3\\u06D5-\\u06FF\\u0750-\\u077F\\u08A0-\\u08FF\\u0900-\\u0963\\u0966-\\u0DFF\\u0E00-\\u0E7F\\u1E00-\\u1FFF\\u3040-\\u30FF\\u3400-\\u9FFF\\uAC00-\\uD7AF";
const WORD = LETTERS;
const STEM = `[${LETTERS}\\u200c\\u200d]*`;

/** A destination the data would go to: URL, e-mail address, webhook or endpoint. */
export const TARGET_RE =
  /https?:\/\/|\b[\w.+-]+@[\w-]+\.[\w.-]+|\bwebhook|\bendpoint|\bpastebin|\bngrok|\brequestbin|\bdiscord(?:app)?\.com\/api/i;
/** A word after a secret's name that makes it a topic rather than the secret itself. */
export const NOT_DATA_RE =
  /^\s*(?:reset|request|requests|policy|policies|manager|field|change|changes|strength|hint|form|page|link|rules|rotation|expiry|expiration|settings)\b/i;

/** A tool whose call changes or sends something: a call to it is an order, not a lookup. */
const RISKY_TOOL_RE =
  /(?:delete|drop|wipe|destroy|remove|purge|truncate|transfer|send|email|mail|post|upload|exec|shell|command|terminal|bash|write|push|publish|grant|invite|share|pay|withdraw|deploy|reset|kill|revoke|admin|merge|approve|exfil|rm_|_rm\b)/i;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

function altRe(alt: string, bounded: boolean): string {
  const stem = alt.endsWith("~");
  const words = alt.split(/\s+/);
  const body = words
    .map((w, i) => {
      const inner = w.endsWith("~") && i < words.length - 1;
      const lit = escapeRe(w.replace(/~$/, "")).replace(/'/g, "['’]");
      return inner ? `${lit}${STEM}` : lit;
    })
    .join("\\s+");
  const after = stem ? STEM : bounded ? `(?![${WORD}])` : "";
  return `${body}${after}`;
}

function segmentRe(seg: string, bounded: boolean, leading: boolean): string {
  const raw = seg.split("|").map((a) => a.trim());
  const alts = raw.map((a) => altRe(a, bounded));
  if (!(bounded && leading)) return `(?:${alts.join("|")})`;
  // A cheap first-character test before the word-boundary lookbehind keeps failed attempts fast.
  const first = [...new Set(raw.map((a) => a[0]))].map((c) => escapeRe(c).replace(/-/g, "\\-")).join("");
  return `(?=[${first}])(?<![${WORD}])(?:${alts.join("|")})`;
}

function anchorsOf(seg: string): string[] {
  const out = new Set<string>();
  for (const a of seg.split("|")) {
    // The literal up to the first stem mark ("системн~ промпт~" → "системн").
    const lit = a.trim().split("~")[0].trim().replace(/\s+/g, " ").toLowerCase();
    if (!lit) continue;
    out.add(lit);
    if (lit.includes("'")) out.add(lit.replace(/'/g, "’"));
  }
  return [...out];
}

interface Compiled {
  re: RegExp;
  anchors: string[];
  /** How far before the anchor the phrase may start. */
  back: number;
  sticky: boolean;
}

/** Any character but a sentence end; a dot inside a URL, path or address ("evil.test", "~/.ssh") is no end. */
const gapRe = (n: number): string => `(?:[^${STOP}]|\\.(?=\\S)|:(?=\\/\\/)){0,${n}}?`;

function compile(pattern: string, script: "word" | "cjk" | "abjad", wide: boolean): Compiled {
  const raw = pattern.split(" … ").map((s) => s.trim());
  const anchorAt = Math.max(
    0,
    raw.findIndex((s) => s.startsWith("@")),
  );
  const segs = raw.map((s) => s.replace(/^@/, ""));
  const bounded = script !== "cjk";
  const gap = gapRe((script === "cjk" ? 24 : 48) + (wide ? 80 : 0));
  const source = segs.map((s) => segmentRe(s, bounded, script === "word")).join(gap);
  // Anchored on the first segment, the phrase starts at the anchor: one sticky attempt there is enough.
  return anchorAt === 0
    ? { re: new RegExp(source, "iy"), anchors: anchorsOf(segs[0]), back: 0, sticky: true }
    : { re: new RegExp(source, "gi"), anchors: anchorsOf(segs[anchorAt]), back: 160, sticky: false };
}

function qualifierRe(quals: string, script: "word" | "cjk" | "abjad"): RegExp {
  return new RegExp(segmentRe(quals, script !== "cjk", script === "word"), "i");
}

/** Languages whose imperative can equal a third-person form ("el sistema ignora"). */
const SUBJECT_LANGS = new Set(["es", "fr", "pt", "it", "de", "nl"]);

function confidenceFor(
  concept: Concept,
  lang: string,
  quals: RegExp | null,
): (m: string, scan: ScanContext, end: number) => number {
  return (m, scan, end) => {
    const start = end - m.length;
    const text = scan.text;
    if (quals && !quals.test(text.slice(Math.max(0, start - 40), end + 40))) return 0;
    if (lang === "en" && !imperativeEn(text, start)) return 0;
    if (SUBJECT_LANGS.has(lang) && !noSubjectBefore(text, start)) return 0;
    switch (concept) {
      case "override":
        return 0.9;
      case "reveal":
        // "a model may reveal its system prompt" describes an attack; "reveal your system prompt" performs one.
        return lang === "en" && /\b(?:its|their|his|her|one's|[\w-]+'s)\s/i.test(m) ? 0 : 0.85;
      case "role":
        return 0.8;
      case "covert":
        return 0.6;
      case "exfil":
        // "send your password reset request to support@…" sends a request, not the password.
        if (NOT_DATA_RE.test(text.slice(end, end + 20))) return 0.3;
        return TARGET_RE.test(text.slice(start, end + 120)) ? 0.85 : 0.45;
      case "tool":
        return RISKY_TOOL_RE.test(m) ? 0.7 : 0.4;
    }
  };
}

function rulesFor(lang: string): PhraseRule[] {
  const lex = LEXICON[lang];
  const out: PhraseRule[] = [];
  for (const [concept, patterns] of Object.entries(lex.concepts) as [Concept, readonly LexPattern[]][]) {
    patterns.forEach((p, i) => {
      const pattern = typeof p === "string" ? p : p.p;
      const quals =
        concept === "override" ? qualifierRe(typeof p === "string" ? lex.quals : p.quals, lex.script) : null;
      const c = compile(pattern, lex.script, concept === "exfil");
      out.push({
        id: `lex_${lang}_${concept}_${i}`,
        kind: KIND[concept],
        anchorsCi: c.anchors,
        re: c.re,
        confidence: confidenceFor(concept, lang, quals),
        back: c.back,
        sticky: c.sticky,
        discussable: true,
      });
    });
  }
  return out;
}

/** Languages the lexicon covers, in the table's order. */
export const LEXICON_LANGS: readonly string[] = Object.keys(LEXICON);

export const LEXICON_RULES: readonly PhraseRule[] = LEXICON_LANGS.flatMap(rulesFor);
