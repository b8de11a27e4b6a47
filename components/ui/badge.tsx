import { Check, Hourglass, X } from "lucide-react";
import type { ReactNode } from "react";

const TONES = {
  green: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/20",
  red: "bg-red-50 text-red-700 ring-red-600/20",
  slate: "bg-slate-100 text-slate-700 ring-slate-500/20",
  indigo: "bg-indigo-50 text-indigo-700 ring-indigo-600/20",
} as const;

export type BadgeTone = keyof typeof TONES;

export function Badge({
  tone = "slate",
  children,
  title,
  wrap = false,
}: {
  tone?: BadgeTone;
  children: ReactNode;
  title?: string;
  /** Long sentences may wrap on narrow screens instead of pushing the page sideways. */
  wrap?: boolean;
}) {
  return (
    <span
      title={title}
      className={`inline-flex items-center gap-1 ${wrap ? "max-w-full" : "sm:whitespace-nowrap"} rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}

/** Decisions keep one colour and one symbol everywhere: red blocks, amber holds, green passes. */
export function DecisionBadge({ decision }: { decision: string }) {
  if (decision === "DENY")
    return (
      <Badge tone="red">
        <X size={12} aria-hidden /> DENY
      </Badge>
    );
  if (decision === "REQUIRE_APPROVAL" || decision === "APPROVAL")
    return (
      <Badge tone="amber">
        <Hourglass size={12} aria-hidden /> {decision === "APPROVAL" ? "APPROVAL" : "REQUIRE APPROVAL"}
      </Badge>
    );
  if (decision === "CONSTRAINTS")
    return (
      <Badge tone="green">
        <Check size={12} aria-hidden /> ALLOW + constraints
      </Badge>
    );
  return (
    <Badge tone="green">
      <Check size={12} aria-hidden /> ALLOW
    </Badge>
  );
}
