import type { BadgeTone } from "@/components/ui/badge";

/** Colour plus a word: class, risk and status never rely on colour alone. */
export const RISK_TONE: Record<string, BadgeTone> = { low: "green", medium: "amber", high: "red" };
export const ACTION_TONE: Record<string, BadgeTone> = { read: "slate", write: "amber", admin: "red" };
export const STATUS_TONE: Record<string, BadgeTone> = {
  active: "green",
  disabled: "slate",
  suspended: "amber",
  revoked: "red",
};
