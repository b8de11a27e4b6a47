/** A check's facts as a small table: one row per entry, one column per field seen (nested values as compact JSON). */
export function DetailsTable({ rows, max = 50 }: { rows: Record<string, unknown>[]; max?: number }) {
  if (rows.length === 0) return <p className="text-xs text-slate-500">No further facts recorded.</p>;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter(
    (c) => !c.endsWith("_id") || c === "approval_id" || c === "decision_id",
  );
  const shown = rows.slice(0, max);
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-xs">
        <thead className="text-[11px] uppercase tracking-wide text-slate-500">
          <tr>
            {columns.map((c) => (
              <th key={c} className="py-1 pr-3 font-medium">
                {c.replace(/_/g, " ")}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 font-mono text-slate-700">
          {shown.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c} className="max-w-[22rem] truncate py-1 pr-3 align-top" title={text(r[c])}>
                  {c === "url" && typeof r[c] === "string" && String(r[c]).startsWith("/") ? (
                    <a className="text-indigo-700 hover:underline" href={String(r[c])}>
                      open
                    </a>
                  ) : (
                    text(r[c])
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > max && <p className="mt-1 text-xs text-slate-500">{rows.length - max} more in the JSON export.</p>}
    </div>
  );
}

function text(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v.length ? v.join(", ") : "—";
  const s = JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}
