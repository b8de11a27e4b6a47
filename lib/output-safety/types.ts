/** Public contract of the output-safety classifier, plus the small internal vocabulary shared by detectors. */
import type { RE2JS } from "re2js";

export type SafetyAction = "ALLOW" | "REDACT" | "QUARANTINE";
export type FindingCategory = "secret" | "pii" | "steering";

export interface Finding {
  kind: string;
  /** JSON pointer (RFC 6901) of the string that holds the finding; "" for a top-level string. */
  path: string;
  /** UTF-16 offsets into that string, end exclusive. */
  start: number;
  end: number;
  /** 0..1 */
  confidence: number;
  category: FindingCategory;
}

export interface CustomPattern {
  kind: string;
  pattern: string;
  category: FindingCategory;
}

export interface InspectOptions {
  /** Hosts that images and links may point to (a host also allows its subdomains; "*.x.com" is read as "x.com"). */
  allowHosts?: string[];
  /** Kinds to switch off; a category name ("secret" | "pii" | "steering") switches off the whole category. */
  disabledKinds?: string[];
  /** Extra patterns; ones refused by checkPatternSafety are skipped. A leading "(?i)" makes a pattern case-insensitive. */
  customPatterns?: CustomPattern[];
  /** Findings below this confidence are dropped (default 0.5). */
  minConfidence?: number;
}

export interface Verdict {
  action: SafetyAction;
  output: unknown;
  findings: Finding[];
}

export interface DetectorKindInfo {
  kind: string;
  category: FindingCategory;
  description: string;
}

/** A finding inside one string, before it is tied to a JSON path. */
export interface RawFinding {
  kind: string;
  category: FindingCategory;
  start: number;
  end: number;
  confidence: number;
}

/** Options after defaults are applied; compiled once per inspectOutput call. */
export interface ResolvedOptions {
  allowHosts: readonly string[];
  disabled: ReadonlySet<string>;
  custom: readonly { kind: string; category: FindingCategory; re: RE2JS }[];
  minConfidence: number;
  /** maskArguments turns steering off: arguments are masked, never quarantined. */
  steering: boolean;
}

/** Caps on the few costly steps so a hostile 5 MB output still finishes in bounded time. */
export interface ScanBudget {
  phoneLookups: number;
  base64Bytes: number;
}

/** Everything a detector may look at while scanning one string. */
export interface ScanContext {
  text: string;
  /** Name of the JSON property that holds this string (array items inherit their array's name). */
  key: string | undefined;
  /** Property names of the object that holds this string. */
  siblings: readonly string[] | undefined;
  opts: ResolvedOptions;
  budget: ScanBudget;
  findings: RawFinding[];
  /** End of the last window each windowed detector scanned, so dense anchors do not rescan the same text (created on first use). */
  windows: Map<string, number> | undefined;
}

/** A detector is woken by literal anchors found in one pass over the text, then validates around the hit. */
export interface Detector {
  /** Stable id: keys the per-scan window state and tells steering detectors apart. */
  id: string;
  /** Case-sensitive literal anchors. */
  anchors?: readonly string[];
  /** Case-insensitive literal anchors (written lower-case). */
  anchorsCi?: readonly string[];
  detect(scan: ScanContext, at: number, anchorLength: number): void;
}
