/** Steering: text aimed at the model rather than the user. Keyword anchors wake phrase rules checked in a small window. */
import { emit } from "./context";
import { PHRASE_RULES } from "./steering-phrases";
import { discussed, imperativeEn } from "./steering-live";
import { BOUNDARY_KINDS } from "./steering-structure";
import type { Detector, ScanContext } from "./types";

export interface PhraseRule {
  id: string;
  kind: string;
  /** Lower-case literal anchors. */
  anchorsCi: readonly string[];
  /** Global, case-insensitive regex run over the window around an anchor hit. */
  re: RegExp;
  confidence: number | ((match: string, scan: ScanContext, end: number) => number);
  /** When set, the match (plus 40 chars after it) must also contain one of these qualifiers. */
  qualifier?: RegExp;
  /** Window reach before the anchor (default 80 chars). */
  back?: number;
  /** A quoted or exemplified match in a text about attacks is discussion, not an order (default true). */
  discussable?: boolean;
  /** English verbs: the match counts only in command position (`imperativeEn`). */
  imperative?: boolean;
  /** The phrase starts at its anchor: `re` is sticky ("y") and tried once at the anchor, not over a window. */
  sticky?: boolean;
}

/** Longest phrase any rule can match; windows reach this far past the anchor. */
const MAX_PHRASE = 180;

export function phraseDetector(rule: PhraseRule): Detector {
  const back = rule.back ?? 80;
  return {
    id: rule.id,
    anchorsCi: rule.anchorsCi,
    detect(scan, at) {
      const { text } = scan;
      if (rule.sticky) {
        rule.re.lastIndex = at;
        const m = rule.re.exec(text);
        if (m) judge(rule, scan, at, at + m[0].length, m[0]);
        return;
      }
      const windows = (scan.windows ??= new Map());
      const last = windows.get(rule.id) ?? -1;
      if (at + MAX_PHRASE <= last) return;
      const from = Math.max(0, at - back, last - MAX_PHRASE - back);
      const to = Math.min(text.length, at + 4 * MAX_PHRASE); // reach well past the hit, so dense anchors share a window
      windows.set(rule.id, to);
      const window = text.slice(from, to);
      rule.re.lastIndex = 0;
      for (let m = rule.re.exec(window); m; m = rule.re.exec(window)) {
        if (m[0].length === 0) {
          rule.re.lastIndex++;
          continue;
        }
        judge(rule, scan, from + m.index, from + m.index + m[0].length, m[0]);
      }
    },
  };
}

/** Matches judged per rule and string: dense repetitions of one phrase stay linear (64 findings are kept anyway). */
const MAX_JUDGED = 512;

/** Qualifier, command position, the rule's confidence, then discussion, for one match at [start, end). */
function judge(rule: PhraseRule, scan: ScanContext, start: number, end: number, match: string): void {
  const { text } = scan;
  const windows = (scan.windows ??= new Map());
  const key = `${rule.id}#judged`;
  const judged = windows.get(key) ?? 0;
  if (judged >= MAX_JUDGED) return;
  windows.set(key, judged + 1);
  if (rule.qualifier && !rule.qualifier.test(text.slice(start, end + 40))) return;
  if (rule.imperative && !imperativeEn(text, start)) return;
  const conf = typeof rule.confidence === "number" ? rule.confidence : rule.confidence(match, scan, end);
  if (conf <= 0 || (rule.discussable !== false && discussed(text, start))) return;
  emit(scan, rule.kind, "steering", start, end, conf);
}

export const PHRASE_DETECTORS: readonly Detector[] = PHRASE_RULES.map(phraseDetector);

/** Signals that are harmless alone and meaningful together (a tool request plus "do not tell the user"). */
export const WEAK_STEERING_CEILING = 0.5;

/**
 * Weak steering signals of different kinds within 800 chars of each other combine by noisy-OR,
 * so "call the send_email tool" alone passes but with "without telling the user" it quarantines.
 */
export function combineWeakSignals(
  findings: { kind: string; category: string; start: number; end: number; confidence: number }[],
): void {
  const steering = findings.filter((f) => f.category === "steering").sort((a, b) => a.start - b.start);
  if (!steering.some((f) => f.confidence < WEAK_STEERING_CEILING)) return;
  const original = steering.map((f) => f.confidence); // combine from the inputs, not from already-raised values
  const combined = original.slice();
  let lo = 0;
  let hi = 0;
  const best = new Map<string, number>();
  steering.forEach((f, i) => {
    while (steering[lo].start < f.start - 800) lo++;
    while (hi < steering.length && steering[hi].start <= f.start + 800) hi++;
    if (original[i] >= WEAK_STEERING_CEILING) return;
    best.clear();
    for (let j = lo; j < hi; j++) {
      // Two readings of the same words are one signal, not two.
      if (j !== i && steering[j].start < f.end && f.start < steering[j].end) continue;
      best.set(steering[j].kind, Math.max(best.get(steering[j].kind) ?? 0, original[j]));
    }
    if (best.size < 2) return;
    let miss = 1;
    for (const c of best.values()) miss *= 1 - c;
    combined[i] = Math.max(original[i], 1 - miss);
  });
  steering.forEach((f, i) => (f.confidence = combined[i]));
}

export const STEERING_PHRASE_KINDS: ReadonlyArray<[string, string]> = [
  ["prompt_injection", '"Ignore previous instructions" and the like, in 25 languages (steering-lexicon-table.ts)'],
  ["role_override", '"You are now …", developer/DAN mode, "from now on you …" (several languages)'],
  ["system_prompt_request", "Asks to reveal the system prompt or hidden instructions (several languages)"],
  ["credential_request", "Asks to print or send secrets, env vars, keys (strong when a destination follows)"],
  ["tool_call_request", "Asks the model to call a tool or function (weak alone)"],
  ["covert_instruction", "Tells the model to hide what it does from the user"],
  ["model_addressing", 'Addresses the AI reader directly ("if you are an AI …"; weak alone unless explicit)'],
  ["urgent_directive", '<IMPORTANT>, "before responding" markers (weak alone)'],
  ["chat_template_token", "Chat-template control tokens: <|im_start|>, [INST], <<SYS>>, <system> tags"],
  ["fake_turn", "A line posing as a system/assistant/user turn"],
  ...BOUNDARY_KINDS,
];
