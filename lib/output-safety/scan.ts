/**
 * The scanning engine for one string. A single pass per anchor set (one combined literal alternation,
 * case-sensitive and case-insensitive) finds every place worth a closer look; only the detectors woken
 * there run, each bounded to a short window. Digit runs, invisible Unicode and base64 runs get one
 * cheap linear pass each. Nothing runs every pattern over the whole text.
 */
import { emit } from "./context";
import { sensitiveCells } from "./csv";
import { combineWeakSignals } from "./steering";
import { detectSecretField } from "./secrets-assign";
import { detectAuthField } from "./secrets-config";
import { scanDiscordTokens } from "./secrets-structured";
import { detectPiiField, scanNumbers } from "./pii";
import { detectNationalIdField } from "./pii-national";
import { detectPersonalField } from "./pii-personal";
import { rescanDecoded } from "./steering-decode";
import { scanBase64, scanHiddenUnicode } from "./steering-hidden";
import { ALL_DETECTORS, PHRASE_ONLY_DETECTORS, STEERING_DETECTOR_IDS } from "./registry";
import type { Detector, RawFinding, ScanBudget, ScanContext, ResolvedOptions } from "./types";

interface AnchorEntry {
  detector: Detector;
  length: number;
}

interface AnchorSide {
  re: RegExp | null;
  map: Map<string, AnchorEntry[]>;
}

export interface AnchorIndex {
  cs: AnchorSide;
  ci: AnchorSide;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function buildSide(pairs: [string, Detector][], flags: string): AnchorSide {
  const anchors = [...new Set(pairs.map(([a]) => a))].sort((a, b) => b.length - a.length);
  const map = new Map<string, AnchorEntry[]>();
  for (const a of anchors) {
    // The alternation reports only the longest anchor at a position, so it also wakes the detectors of its prefixes.
    const byDetector = new Map<Detector, number>();
    for (const [b, d] of pairs) if (a.startsWith(b)) byDetector.set(d, Math.max(byDetector.get(d) ?? 0, b.length));
    map.set(
      a,
      [...byDetector].map(([detector, length]) => ({ detector, length })),
    );
  }
  return { re: anchors.length ? new RegExp(anchors.map(escapeRe).join("|"), flags) : null, map };
}

export function buildIndex(detectors: readonly Detector[]): AnchorIndex {
  const cs: [string, Detector][] = [];
  const ci: [string, Detector][] = [];
  for (const d of detectors) {
    for (const a of d.anchors ?? []) cs.push([a, d]);
    for (const a of d.anchorsCi ?? []) ci.push([a.toLowerCase(), d]);
  }
  return { cs: buildSide(cs, "g"), ci: buildSide(ci, "gi") };
}

const FULL_INDEX = buildIndex(ALL_DETECTORS);
const NO_STEERING_INDEX = buildIndex(ALL_DETECTORS.filter((d) => !STEERING_DETECTOR_IDS.has(d.id)));
const PHRASE_INDEX = buildIndex(PHRASE_ONLY_DETECTORS);
const STEERING_INDEX = buildIndex(ALL_DETECTORS.filter((d) => STEERING_DETECTOR_IDS.has(d.id)));

/** The combined anchor regexes, for the batch prefilter. */
export function anchorRegexes(steering: boolean): RegExp[] {
  const index = steering ? FULL_INDEX : NO_STEERING_INDEX;
  return [index.cs.re, index.ci.re].filter((re): re is RegExp => re !== null);
}

function runSide(scan: ScanContext, side: AnchorSide, lower: boolean): void {
  const { re, map } = side;
  if (!re) return;
  const { text } = scan;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const entries = map.get(lower ? m[0].toLowerCase() : m[0]);
    if (entries) for (const e of entries) e.detector.detect(scan, m.index, e.length);
    re.lastIndex = m.index + 1; // anchors may overlap
  }
}

export function runIndex(scan: ScanContext, index: AnchorIndex): void {
  runSide(scan, index.cs, false);
  runSide(scan, index.ci, true);
}

export function newBudget(): ScanBudget {
  return { phoneLookups: 2000, base64Bytes: 1 << 20 };
}

export function newScan(
  text: string,
  opts: ResolvedOptions,
  budget: ScanBudget,
  key?: string,
  siblings?: readonly string[],
): ScanContext {
  return { text, key, siblings, opts, budget, findings: [], windows: undefined };
}

/** Best steering confidence in decoded base64 text (phrases only; no further decoding). */
function recheckDecoded(decoded: string, parent: ScanContext): number {
  const sub = newScan(decoded, parent.opts, parent.budget);
  runIndex(sub, PHRASE_INDEX);
  combineWeakSignals(sub.findings);
  return sub.findings.reduce((best, f) => Math.max(best, f.confidence), 0);
}

/** Payloads of data: URIs (images, fonts) are binary, not text: nothing found inside them counts. */
function base64PayloadRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (let i = text.indexOf(";base64,"); i !== -1; i = text.indexOf(";base64,", i + 8)) {
    let j = i + 8;
    while (j < text.length && /[A-Za-z0-9+/=]/.test(text[j])) j++;
    ranges.push([i + 8, j]);
  }
  return ranges;
}

function runCustom(scan: ScanContext): void {
  for (const c of scan.opts.custom) {
    if (c.category === "steering" && !scan.opts.steering) continue;
    // RE2's DFA answers "any match?" several times faster than finding where: most outputs hold none.
    if (!c.re.test(scan.text)) continue;
    let n = 0;
    for (const m of c.re.matchAll(scan.text)) {
      if (n++ >= 10_000) break;
      const at = m.index as number; // always set on a match
      if (m[0].length > 0) emit(scan, c.kind, c.category, at, at + m[0].length, 0.9);
    }
  }
}

/** Each cell of a sensitive column, scanned as the value of a field with the column's name. */
function scanTableCells(scan: ScanContext): void {
  for (const cell of sensitiveCells(scan.text)) {
    const sub = newScan(scan.text.slice(cell.start, cell.end), scan.opts, scan.budget, cell.key);
    for (const f of scanText(sub)) scan.findings.push({ ...f, start: f.start + cell.start, end: f.end + cell.start });
  }
}

/** All raw findings in one string (before thresholds and overlap resolution). */
export function scanText(scan: ScanContext): RawFinding[] {
  runIndex(scan, scan.opts.steering ? FULL_INDEX : NO_STEERING_INDEX);
  scanNumbers(scan);
  scanDiscordTokens(scan);
  detectSecretField(scan);
  detectAuthField(scan);
  detectPiiField(scan);
  detectNationalIdField(scan);
  detectPersonalField(scan);
  if (scan.opts.steering) {
    scanHiddenUnicode(scan);
    rescanDecoded(scan, (sub) => runIndex(sub, STEERING_INDEX));
    scanBase64(scan, (decoded) => recheckDecoded(decoded, scan));
  }
  runCustom(scan);
  if (scan.key === undefined) scanTableCells(scan);
  const excluded = scan.text.includes(";base64,") ? base64PayloadRanges(scan.text) : [];
  if (excluded.length === 0) return scan.findings;
  return scan.findings.filter((f) => !excluded.some(([s, e]) => f.start >= s && f.end <= e));
}
