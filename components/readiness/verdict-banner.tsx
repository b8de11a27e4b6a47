import { CircleCheck, CircleHelp, OctagonX } from "lucide-react";
import Link from "next/link";
import type { ReadinessReport, VerdictItem } from "./types";

const hrefOf = (item: VerdictItem, environment: string) =>
  item.kind === "check" ? `/readiness?environment=${environment}#${item.id}` : `/?environment=${environment}`;

/**
 * The overall verdict: the six gates and the twelve checks together. Red when anything blocks
 * (named, with a link), grey when nothing blocks but nothing was judged, green otherwise.
 */
export function VerdictBanner({ report }: { report: ReadinessReport }) {
  const go = report.verdict === "GO";
  const judged = report.counts.checks.PASS + report.counts.gates.PASS + report.counts.gates.WARN;
  const unjudged = go && judged === 0;
  const tone = unjudged ? "bg-slate-600" : go ? "bg-emerald-600" : "bg-red-600";
  return (
    <section
      data-testid="readiness-verdict"
      data-verdict={report.verdict}
      aria-live="polite"
      className={`rounded-xl px-5 py-4 text-white shadow ${tone}`}
    >
      <div className="flex flex-wrap items-center gap-4">
        {unjudged ? (
          <CircleHelp size={36} aria-hidden className="shrink-0" />
        ) : go ? (
          <CircleCheck size={36} aria-hidden className="shrink-0" />
        ) : (
          <OctagonX size={36} aria-hidden className="shrink-0" />
        )}
        <div className="min-w-[13rem] flex-1">
          <p className="text-2xl font-bold tracking-tight">
            {go ? "GO" : "NO-GO"}{" "}
            <span className="text-base font-medium opacity-90">· {report.environment} · gates and checklist</span>
          </p>
          <p className="text-sm opacity-95">
            {go
              ? unjudged
                ? "Nothing blocks, but nothing has been judged yet either."
                : report.unverified.length
                  ? `Nothing blocks. ${report.unverified.length} item${report.unverified.length === 1 ? " has" : "s have"} no data to judge.`
                  : "Every gate is clear and every check passes."
              : `${report.blocking.length} item${report.blocking.length === 1 ? " blocks" : "s block"} production readiness.`}
          </p>
        </div>
        <dl className="flex gap-5 text-sm">
          <div>
            <dt className="opacity-80">Checks passing</dt>
            <dd className="text-lg font-semibold tabular-nums">
              {report.counts.checks.PASS} / {report.checks.length}
            </dd>
          </div>
          <div>
            <dt className="opacity-80">Gates clear</dt>
            <dd className="text-lg font-semibold tabular-nums">
              {report.counts.gates.PASS + report.counts.gates.WARN} / {report.gates.length}
            </dd>
          </div>
        </dl>
      </div>
      {report.blocking.length > 0 && (
        <ul className="mt-3 flex flex-wrap gap-2" aria-label="Blocking items">
          {report.blocking.map((b) => (
            <li key={`${b.kind}-${b.id}`}>
              <Link
                href={hrefOf(b, report.environment)}
                className="inline-flex items-center gap-1 rounded-md bg-white/15 px-2 py-1 text-xs font-medium ring-1 ring-inset ring-white/30 hover:bg-white/25"
              >
                <OctagonX size={12} aria-hidden /> {b.kind === "check" ? b.id : `gate: ${b.title}`}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
