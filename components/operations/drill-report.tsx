import { CircleCheck, CircleX, Download } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { PrintButton } from "./print-button";
import type { DrillReport } from "./types";

const fmtTime = (iso: string) => iso.replace("T", " ").replace("Z", " UTC");
const fmtSeconds = (iso: string) => `${iso.slice(0, 19).replace("T", " ")} UTC`;
const ms = (v: number | null | undefined) => (v === null || v === undefined ? "—" : `${v.toLocaleString("en")} ms`);

/**
 * The drill report as evidence: print-friendly (the console chrome is hidden when printing),
 * with every step's timestamps and measured time-to-effect; JSON export beside it.
 */
export function DrillReportView({ report }: { report: DrillReport }) {
  const passed = report.status === "passed";
  return (
    <article className="mx-auto max-w-4xl" data-testid="drill-report">
      <style>{`@media print { aside, nav, [data-print-hide] { display: none !important; } main { padding: 0 !important; } body { background: white; } }`}</style>
      <div data-print-hide className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <Link href="/operations#drills" className="text-sm text-indigo-700 hover:underline">
          ← Operations
        </Link>
        <div className="flex gap-2">
          <a
            href={`/api/console/drills/${report.id}?download=1`}
            className="inline-flex items-center gap-1.5 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            <Download size={14} aria-hidden /> Export JSON
          </a>
          <PrintButton />
        </div>
      </div>
      <header
        className={`rounded-xl p-5 ring-1 ${passed ? "bg-emerald-50 ring-emerald-200" : report.status === "failed" ? "bg-red-50 ring-red-200" : "bg-slate-50 ring-slate-200"}`}
      >
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">
          Revoke-and-restore drill · {report.environment}
        </p>
        <h1 className="mt-1 flex items-center gap-2 text-2xl font-semibold text-slate-900">
          {passed ? (
            <CircleCheck className="text-emerald-600" aria-hidden />
          ) : (
            <CircleX className="text-red-600" aria-hidden />
          )}
          Drill {report.status}
        </h1>
        <p className="mt-2 text-sm text-slate-700">{report.summary || "In progress."}</p>
        <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
          <Fact label="Run by" value={report.run_by} />
          <Fact label="Started" value={fmtSeconds(report.started_at)} />
          <Fact label="Revoke → refused" value={ms(report.revoke_effect_ms)} strong />
          <Fact label="Restore → allowed" value={ms(report.restore_effect_ms)} strong />
          <Fact label="Drill agent" value={report.agent.client_id || "—"} mono />
          <Fact label="Call" value={`${report.call.server} · ${report.call.tool}`} />
          <Fact label="Finished" value={report.finished_at ? fmtSeconds(report.finished_at) : "—"} />
          <Fact label="Report id" value={report.id} mono />
        </dl>
      </header>

      <h2 className="mb-2 mt-6 text-base font-semibold text-slate-900">Steps</h2>
      <ol className="space-y-2" data-testid="drill-steps">
        {report.steps.map((s, i) => (
          <li key={s.key} className="break-inside-avoid rounded-lg bg-white p-4 ring-1 ring-slate-200">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="flex items-center gap-2 font-medium text-slate-900">
                <span className="flex h-6 w-6 items-center justify-center rounded-full bg-slate-100 text-xs text-slate-600">
                  {i + 1}
                </span>
                {s.title}
              </h3>
              <span className="flex items-center gap-2">
                {s.time_to_effect_ms !== undefined && (
                  <Badge tone="indigo">
                    {ms(s.time_to_effect_ms)} to effect{s.calls ? ` · ${s.calls} call${s.calls === 1 ? "" : "s"}` : ""}
                  </Badge>
                )}
                {s.http_status !== undefined && <Badge tone="slate">HTTP {s.http_status}</Badge>}
                {s.ok ? (
                  <Badge tone="green">
                    <CircleCheck size={12} aria-hidden /> ok
                  </Badge>
                ) : (
                  <Badge tone="red">
                    <CircleX size={12} aria-hidden /> failed
                  </Badge>
                )}
              </span>
            </div>
            <p className="mt-1 text-sm text-slate-700">{s.detail}</p>
            <p className="mt-1 font-mono text-xs text-slate-500">
              {fmtTime(s.started_at)} → {fmtTime(s.finished_at)} ({s.duration_ms} ms)
            </p>
          </li>
        ))}
      </ol>
      {report.steps.length === 0 && <p className="text-sm text-slate-500">No steps were recorded.</p>}
      <p className="mt-6 text-xs text-slate-500">
        The drill&apos;s calls are real decisions in the audit trail, made by the drill agent {report.agent.client_id}{" "}
        with the argument <code>drill_id = {report.id}</code>. Time to effect is measured from the moment the revocation
        (or restore) committed to the answer of the first call that showed it; the console&apos;s caches are bounded at
        1 s.
      </p>
    </article>
  );
}

function Fact({
  label,
  value,
  strong = false,
  mono = false,
}: {
  label: string;
  value: string;
  strong?: boolean;
  mono?: boolean;
}) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd
        className={`${mono ? "break-all font-mono text-xs" : "truncate"} ${strong ? "text-lg font-semibold text-slate-900" : "text-slate-800"}`}
        title={value}
      >
        {value}
      </dd>
    </div>
  );
}
