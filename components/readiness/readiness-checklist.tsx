"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowRight, ChevronRight, Download, Play, Printer, RefreshCw } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api, ApiError } from "@/lib/client/api";
import { DetailsTable } from "./details-table";
import { HistoryStrip, StatusBadge, STATUS_STYLE } from "./status";
import { AREAS, ENVIRONMENTS, type Environment, type GoNoGo, type ReadinessCheck, type ReadinessReport } from "./types";

/** The report carries the one verdict; the panel reads it in the go/no-go shape. */
export function verdictOfReport(r: ReadinessReport): GoNoGo {
  return {
    environment: r.environment,
    verdict: r.verdict,
    since: r.verdict_since,
    headline: r.headline,
    blockers: r.blockers,
    missing: r.missing,
    at_risk: r.at_risk,
    counts: r.counts,
    evaluated_at: r.evaluated_at,
  };
}
import { GoNoGoPanel } from "./go-no-go-panel";
import { SegmentedTabs } from "@/components/ui/tabs";

const REFRESH_MS = 60_000;

export function readinessKey(environment: string) {
  return ["readiness", environment] as const;
}

/** The checklist page: verdict first, then the thirteen checks by the seed's areas, each with its evidence, owner, fix link and history. */
export function ReadinessChecklist({ canRun }: { canRun: boolean }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const environment = (ENVIRONMENTS as string[]).includes(params.get("environment") ?? "")
    ? (params.get("environment") as Environment)
    : "production";
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: readinessKey(environment),
    queryFn: () => api<ReadinessReport>(`/api/v1/readiness?environment=${environment}`),
    refetchInterval: REFRESH_MS,
  });
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(t);
  }, []);
  const run = useMutation({
    mutationFn: () => api(`/api/console/readiness/${environment}/run`, { method: "POST", body: {} }),
    onSettled: () => qc.invalidateQueries({ queryKey: readinessKey(environment) }),
  });
  const data = q.data;
  const waitSec = data?.next_run_allowed_at
    ? Math.max(0, Math.ceil((new Date(data.next_run_allowed_at).getTime() - now) / 1000))
    : 0;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SegmentedTabs
          label="Environment"
          value={environment}
          onValueChange={(e) => router.replace(`${pathname}?environment=${e}`, { scroll: false })}
          options={ENVIRONMENTS.map((e) => ({ value: e, label: e }))}
          tabClassName="capitalize"
        />
        <div className="flex flex-wrap items-center gap-2">
          <Link
            href={`/readiness/report?environment=${environment}`}
            className="inline-flex items-center gap-1.5 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            <Printer size={14} aria-hidden /> Report
          </Link>
          <a
            href={`/api/console/readiness/report?environment=${environment}&download=1`}
            className="inline-flex items-center gap-1.5 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            <Download size={14} aria-hidden /> JSON
          </a>
          <Button variant="secondary" onClick={() => q.refetch()} aria-label="Refresh">
            <RefreshCw size={14} aria-hidden className={q.isFetching ? "animate-spin" : ""} /> Refresh
          </Button>
          {canRun && (
            <Button
              onClick={() => run.mutate()}
              disabled={!data || run.isPending || waitSec > 0}
              title={
                waitSec > 0
                  ? `Runs are limited to one a minute per environment`
                  : "Probe remote servers, the SSRF guard, output safety and the catalog now"
              }
            >
              <Play size={14} aria-hidden />{" "}
              {run.isPending ? "Running checks…" : waitSec > 0 ? `Run again in ${waitSec} s` : "Run checks now"}
            </Button>
          )}
        </div>
      </div>

      {run.isError && (
        <Alert>
          {run.error instanceof ApiError && run.error.status === 429
            ? `The checklist ran less than a minute ago in ${environment}. ${run.error.message}`
            : `The checks could not run: ${(run.error as Error).message}`}
        </Alert>
      )}
      {q.isError && <Alert>The readiness checklist could not be loaded: {(q.error as Error).message}</Alert>}
      {!data && !q.isError && (
        <div className="h-40 animate-pulse rounded-xl bg-slate-100" role="status" aria-label="Loading" />
      )}

      {data && (
        <>
          <GoNoGoPanel verdict={verdictOfReport(data)} detailsHref="#checks" showAll />
          <p className="text-xs text-slate-500" id="checks">
            Every check but one is evaluated as you open the page, over the last {data.window_minutes / 60} h
            (self-tests included). The remote-auth probe calls the upstream servers, so it runs every{" "}
            {data.schedule.every_minutes} min and on demand, at most once a minute; a probe older than an hour, or older
            than a change to the servers, is marked stale and counts as no evidence.{" "}
            {data.last_run ? (
              <>
                Last run <RelativeTime at={data.last_run.at} /> (
                {data.last_run.trigger === "manual" ? `by ${data.last_run.by}` : "scheduled"}).
              </>
            ) : (
              <>No run stored yet.</>
            )}{" "}
            Policy{" "}
            {data.policy ? (
              <span className="font-mono">
                v{data.policy.version} · {data.policy.hash.slice(0, 19)}…
              </span>
            ) : (
              "not published"
            )}
            .
          </p>
          {AREAS.map((area) => (
            <section key={area} aria-labelledby={`area-${area}`}>
              <h2 id={`area-${area}`} className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">
                {area}
              </h2>
              <div className="space-y-3">
                {data.checks
                  .filter((c) => c.area === area)
                  .map((c) => (
                    <CheckRow key={c.id} check={c} />
                  ))}
              </div>
            </section>
          ))}
        </>
      )}
    </div>
  );
}

function CheckRow({ check }: { check: ReadinessCheck }) {
  const style = STATUS_STYLE[check.status];
  return (
    <article
      id={check.id}
      data-testid={`check-${check.id}`}
      data-status={check.status}
      className={`scroll-mt-4 rounded-xl border bg-white p-4 shadow-sm ${style.ring}`}
      aria-label={`${check.title}: ${style.label}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={check.status} />
            <h3 className="text-sm font-semibold text-slate-900">{check.title}</h3>
            {check.stale && (
              <span
                className="rounded bg-amber-50 px-1.5 py-0.5 text-[11px] font-semibold text-amber-800 ring-1 ring-inset ring-amber-600/30"
                data-testid="stale"
              >
                stale
              </span>
            )}
            {check.probe && (
              <span
                className="rounded bg-indigo-50 px-1.5 py-0.5 text-[11px] font-medium text-indigo-700"
                title="Runs on a schedule and on demand"
              >
                probe
              </span>
            )}
          </div>
          <p className="mt-0.5 text-xs text-slate-500">
            <span className="font-mono">{check.id}</span> · {check.practice}
          </p>
        </div>
        <Link
          href={check.fix_url}
          className={`inline-flex shrink-0 items-center gap-1 rounded-md px-2.5 py-1 text-xs font-medium ${check.status === "FAIL" ? "bg-red-600 text-white hover:bg-red-500" : "text-indigo-700 ring-1 ring-inset ring-indigo-200 hover:bg-indigo-50"}`}
          data-testid="fix-link"
        >
          {check.status === "FAIL" ? "Fix" : "Open"} <ArrowRight size={12} aria-hidden />
        </Link>
      </div>
      <p className="mt-2 text-sm text-slate-800" data-testid="evidence">
        {check.evidence}
      </p>
      <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-xs">
        <div className="flex gap-1">
          <dt className="text-slate-500">Owner</dt>
          <dd className="font-medium text-slate-800">{check.owner}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-slate-500">{check.probe ? "Probed" : "Evaluated"}</dt>
          <dd className="text-slate-800">
            <RelativeTime at={check.checked_at} />
          </dd>
        </div>
        {check.since && (
          <div className="flex gap-1">
            <dt className="text-slate-500">{style.label} since</dt>
            <dd className="text-slate-800">
              <RelativeTime at={check.since} />
            </dd>
          </div>
        )}
        <div className="flex items-center gap-1">
          <dt className="text-slate-500">History</dt>
          <dd>
            <HistoryStrip history={check.history} />
          </dd>
        </div>
      </dl>
      {check.details.length > 0 && (
        <details className="group mt-2">
          <summary className="inline-flex cursor-pointer select-none items-center gap-1 text-xs font-medium text-slate-600 hover:text-slate-900">
            <ChevronRight size={12} aria-hidden className="transition group-open:rotate-90" /> Evidence details (
            {check.details.length})
          </summary>
          <div className="mt-2 rounded-lg bg-slate-50 p-2">
            <DetailsTable rows={check.details} />
          </div>
        </details>
      )}
    </article>
  );
}
