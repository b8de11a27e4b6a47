import { CircleCheck, CircleHelp, OctagonX, TriangleAlert } from "lucide-react";
import type { GateStateName } from "./types";

/** Colour AND icon AND word: red blocks production, amber is at risk, green is clear, grey has no data. */
export const STATE_STYLE: Record<
  GateStateName,
  { label: string; chip: string; ring: string; Icon: typeof CircleCheck }
> = {
  PASS: {
    label: "PASS",
    chip: "bg-emerald-50 text-emerald-700 ring-emerald-600/30",
    ring: "border-emerald-200",
    Icon: CircleCheck,
  },
  WARN: {
    label: "WARN",
    chip: "bg-amber-50 text-amber-800 ring-amber-600/30",
    ring: "border-amber-300",
    Icon: TriangleAlert,
  },
  BLOCK: { label: "BLOCK", chip: "bg-red-50 text-red-700 ring-red-600/30", ring: "border-red-300", Icon: OctagonX },
  NO_DATA: {
    label: "NO DATA",
    chip: "bg-slate-100 text-slate-600 ring-slate-400/30",
    ring: "border-slate-200",
    Icon: CircleHelp,
  },
};

export function GateStateBadge({ state }: { state: GateStateName }) {
  const s = STATE_STYLE[state];
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-md px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${s.chip}`}
      data-state={state}
    >
      <s.Icon size={13} aria-hidden /> {s.label}
    </span>
  );
}

export function formatGateValue(unit: string, value: number | null): string {
  if (value === null) return "—";
  switch (unit) {
    case "bp":
      return `${(value / 100).toFixed(2)} %`;
    case "min":
      return `${value} min`;
    case "ms":
      return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value} ms`;
    case "pct":
      return `${value} %`;
    default:
      return String(value);
  }
}
