import { Download } from "lucide-react";
import Link from "next/link";
import { PrintButton } from "@/components/operations/print-button";
import { DetailsTable } from "./details-table";
import { ReportGatesTable } from "./report-gates-table";
import { StatusBadge } from "./status";
import { AREAS, type ReadinessReport, type VerdictReason } from "./types";
import { VERDICT_STYLE } from "./verdict-style";

const fmt = (iso: string) => `${iso.slice(0, 19).replace("T", " ")} UTC`;

/** The readiness report as audit evidence: stamped, print-friendly (console chrome hidden), every check with its facts. */
export function ReadinessReportView({ report, exportedBy }: { report: ReadinessReport; exportedBy: string }) {
  const style = VERDICT_STYLE[report.verdict];
  return (
    <article className="mx-auto max-w-5xl" data-testid="readiness-report">
      <style>{`@media print { aside, nav, [data-print-hide] { display: none !important; } main { padding: 0 !important; } body { background: white; } details > :not(summary) { display: block !important; } }`}</style>
      <div data-print-hide className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <Link href={`/readiness?environment=${report.environment}`} className="text-sm text-indigo-700 hover:underline">
          ← Readiness
        </Link>
        <div className="flex gap-2">
          <a
            href={`/api/console/readiness/report?environment=${report.environment}&download=1`}
            className="inline-flex items-center gap-1.5 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            <Download size={14} aria-hidden /> Export JSON
          </a>
          <PrintButton />
        </div>
      </div>
      <header
        className={`rounded-xl border-2 p-5 ${style.card}`}
        data-testid="report-header"
        data-verdict={report.verdict}
      >
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">
          MCP production readiness report · {report.environment}
        </p>
        <h1
          className={`mt-1 flex items-center gap-2 text-2xl font-semibold ${style.text}`}
          data-testid="report-verdict"
        >
          <style.Icon size={26} aria-hidden /> {style.word}
          <span className="text-base font-medium text-slate-700">
            · {report.counts.checks.PASS} of {report.checks.length} checks pass,{" "}
            {report.counts.gates.PASS + report.counts.gates.WARN} of {report.gates.length} gates clear
          </span>
        </h1>
        <p className="mt-1 text-sm text-slate-800">
          {report.headline}
          {report.verdict_since ? ` Since ${fmt(report.verdict_since)}.` : ""}
        </p>
        <Reasons title="Blocks production" items={report.blockers} />
        <Reasons title="No evidence (never counted as a pass)" items={report.missing} />
        <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4">
          <Fact label="Generated" value={fmt(report.evaluated_at)} />
          <Fact label="Environment" value={report.environment} />
          <Fact
            label="Policy"
            value={report.policy ? `v${report.policy.version} · ${report.policy.hash}` : "none published"}
            mono
          />
          <Fact label="Console version" value={report.console_version} mono />
          <Fact label="Window" value={`last ${report.window_minutes / 60} h`} />
          <Fact
            label="Last probe run"
            value={
              report.last_run
                ? `${fmt(report.last_run.at)} (${report.last_run.trigger}, ${report.last_run.by})`
                : "never"
            }
          />
          <Fact label="Exported by" value={exportedBy} />
        </dl>
      </header>

      <h2 className="mb-2 mt-6 text-base font-semibold text-slate-900">Checks</h2>
      {AREAS.map((area) => (
        <section key={area} className="mb-4 break-inside-avoid">
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{area}</h3>
          <ol className="space-y-2">
            {report.checks
              .filter((c) => c.area === area)
              .map((c) => (
                <li
                  key={c.id}
                  id={c.id}
                  className="break-inside-avoid rounded-lg bg-white p-4 ring-1 ring-slate-200"
                  data-testid={`report-${c.id}`}
                >
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                      <StatusBadge status={c.status} /> {c.title}
                    </p>
                    <span className="font-mono text-xs text-slate-500">{c.id}</span>
                  </div>
                  <p className="mt-1 text-sm text-slate-700">{c.evidence}</p>
                  <p className="mt-1 text-xs text-slate-500">
                    Owner {c.owner} · checked {fmt(c.checked_at)} · fix at{" "}
                    <span className="font-mono">{c.fix_url}</span>
                  </p>
                  {c.details.length > 0 && (
                    <details className="mt-2">
                      <summary className="cursor-pointer text-xs text-slate-600">Facts ({c.details.length})</summary>
                      <div className="mt-1">
                        <DetailsTable rows={c.details} max={20} />
                      </div>
                    </details>
                  )}
                </li>
              ))}
          </ol>
        </section>
      ))}

      <h2 className="mb-2 mt-6 text-base font-semibold text-slate-900">Gates</h2>
      <ReportGatesTable gates={report.gates} />
      <p className="mt-6 text-xs text-slate-500">
        Live checks were evaluated when this report was generated; probe results (remote-auth, ssrf-guard,
        output-safety, env-separation) are the last stored run, and each run is in the audit trail as{" "}
        <code>readiness.run</code>. NO DATA never counts as a pass.
      </p>
    </article>
  );
}

function Reasons({ title, items }: { title: string; items: VerdictReason[] }) {
  if (items.length === 0) return null;
  return (
    <div className="mt-3">
      <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{title}</h2>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-800">
        {items.map((r) => (
          <li key={`${r.kind}-${r.id}`}>
            {r.sentence}{" "}
            <span className="text-xs text-slate-500">
              (owner {r.owner}
              {r.since ? `, since ${fmt(r.since)}` : ""}; fix at <span className="font-mono">{r.runbook_url}</span>)
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Fact({ label, value, mono = false }: { label: string; value: string; mono?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={`break-all text-slate-900 ${mono ? "font-mono text-xs" : ""}`}>{value}</dd>
    </div>
  );
}
