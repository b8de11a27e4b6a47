import type { ReactNode } from "react";

const label = (key: string) => key.replaceAll("_", " ");

/** Event data as nested label / value lists instead of raw JSON: keys in words, values wrapped. */
export function RecordView({ value }: { value: unknown }): ReactNode {
  if (value === null || value === undefined || value === "") return <span className="text-slate-500">—</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-slate-500">none</span>;
    if (value.every((v) => v === null || typeof v !== "object"))
      return <span className="break-words">{value.map(String).join(", ")}</span>;
    return (
      <ol className="list-inside list-decimal space-y-1">
        {value.map((v, i) => (
          <li key={i}>
            <RecordView value={v} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return <span className="text-slate-500">nothing recorded</span>;
    return (
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[minmax(8rem,max-content)_minmax(0,1fr)]">
        {entries.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-xs font-medium text-slate-600">{label(k)}</dt>
            <dd className="min-w-0 break-words text-sm text-slate-900">
              <RecordView value={v} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  if (typeof value === "boolean") return <>{value ? "yes" : "no"}</>;
  return <span className="break-words">{String(value)}</span>;
}
