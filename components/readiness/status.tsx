import { CircleCheck, CircleHelp, OctagonX } from "lucide-react";
import type { CheckStatus } from "./types";

/** Colour AND icon AND word: red blocks production, grey has nothing to judge, green passes. */
export const STATUS_STYLE: Record<
  CheckStatus,
  { label: string; chip: string; cell: string; ring: string; Icon: typeof CircleCheck }
> = {
  PASS: {
    label: "PASS",
    chip: "bg-emerald-50 text-emerald-700 ring-emerald-600/30",
    cell: "bg-emerald-500",
    ring: "border-emerald-200",
    Icon: CircleCheck,
  },
  FAIL: {
    label: "FAIL",
    chip: "bg-red-50 text-red-700 ring-red-600/30",
    cell: "bg-red-500",
    ring: "border-red-300",
    Icon: OctagonX,
  },
  NO_DATA: {
    label: "NO DATA",
    chip: "bg-slate-100 text-slate-600 ring-slate-400/30",
    cell: "bg-slate-300",
    ring: "border-slate-200",
    Icon: CircleHelp,
  },
};

export function StatusBadge({ status }: { status: CheckStatus }) {
  const s = STATUS_STYLE[status];
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-md px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${s.chip}`}
      data-status={status}
    >
      <s.Icon size={13} aria-hidden /> {s.label}
    </span>
  );
}

const fmt = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** The last runs as a strip of cells, oldest left; each cell says its status and time on hover. */
export function HistoryStrip({ history }: { history: { at: string; status: CheckStatus }[] }) {
  if (history.length === 0) return <span className="text-xs text-slate-500">no runs stored yet</span>;
  const changes = history.filter((p, i) => i > 0 && p.status !== history[i - 1].status).length;
  return (
    <span className="inline-flex items-center gap-2">
      <span
        className="inline-flex items-end gap-px"
        role="img"
        aria-label={`${history.length} stored runs, ${changes} status change${changes === 1 ? "" : "s"}; latest ${STATUS_STYLE[history[history.length - 1].status].label}`}
      >
        {history.map((p) => (
          <span
            key={p.at}
            title={`${STATUS_STYLE[p.status].label} · ${fmt(p.at)}`}
            className={`block h-3.5 w-1.5 rounded-sm ${STATUS_STYLE[p.status].cell} ${p.status === "FAIL" ? "h-4" : ""}`}
          />
        ))}
      </span>
      <span className="text-xs text-slate-500">
        {history.length} run{history.length === 1 ? "" : "s"}
        {changes ? ` · ${changes} change${changes === 1 ? "" : "s"}` : ""}
      </span>
    </span>
  );
}
