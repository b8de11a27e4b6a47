export interface QuarantineItem {
  id: string;
  createdAt: string;
  source: "result" | "inspect";
  environment: string | null;
  decisionId: string | null;
  caller: { type: "agent" | "user"; name: string; clientId: string | null };
  server: string;
  tool: string;
  kinds: string[];
  outputBytes: number;
  status: "PENDING" | "RELEASED" | "CONFIRMED";
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewReason: string | null;
  purged: boolean;
}

export interface Mark {
  start: number;
  end: number;
  kind: string;
  category: string;
}

export interface FindingContext {
  path: string;
  length: number;
  missing?: boolean;
  windows: { offset: number; text: string; marks: Mark[] }[];
}

export interface QuarantineDetail extends QuarantineItem {
  findings: { kind: string; category: string; path: string; start: number; end: number; confidence: number }[];
  contexts: FindingContext[];
  preview: { text: string; truncated: boolean } | null;
  releaseAction: string | null;
}

export interface QuarantineList {
  items: QuarantineItem[];
  pending: number;
  last24h: { allowed: number; redacted: number; quarantined: number; total: number; quarantineRatio: number | null };
}

export interface SampleItem {
  id: string;
  createdAt: string;
  source: string;
  environment: string | null;
  decisionId: string | null;
  clientId: string | null;
  server: string;
  tool: string;
  outputBytes: number;
  verdict: "ok" | "missed" | null;
  missedKind: string | null;
  note: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  purged: boolean;
}

export interface SampleList {
  week: string;
  status: { week: string; sampled: number; reviewed: number; missed: number; complete: boolean };
  sampleRate: number;
  items: SampleItem[];
  kinds: string[];
}

export interface SampleDetail extends Omit<SampleItem, "decisionId" | "outputBytes"> {
  week: string;
  preview: { text: string; truncated: boolean } | null;
}

export interface WeekStat {
  week: string;
  sampled: number;
  reviewed: number;
  missed: number;
  missRate: number | null;
}

export interface DetectorKind {
  kind: string;
  category: "secret" | "pii" | "steering";
  description: string;
}

export interface CustomPattern {
  kind: string;
  pattern: string;
  category: "secret" | "pii" | "steering";
  description: string;
}

export interface OutputSafetySettings {
  disabledKinds: string[];
  customPatterns: CustomPattern[];
  allowHosts: string[];
  sampleRate: number;
  maxSamplesPerWeek: number;
  retentionDays: number;
}

export interface SettingsView {
  settings: OutputSafetySettings;
  kinds: DetectorKind[];
  check: {
    pass: boolean;
    redactEnabled: boolean;
    quarantineEnabled: boolean;
    selfTest: { redact: boolean; quarantine: boolean; details: string[] };
  };
}
