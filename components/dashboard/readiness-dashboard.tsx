"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleCheck, CircleHelp, OctagonX, Pause, Play, PlugZap, RefreshCw } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { DashboardCharts } from "./charts";
import { GateTile } from "./gate-tile";
import type { Environment, Overview } from "./types";

const ENVS: Environment[] = ["production", "staging", "development"];
const RANGES = [
  { id: "15m", label: "15 min" },
  { id: "1h", label: "1 h" },
  { id: "6h", label: "6 h" },
  { id: "24h", label: "24 h" },
  { id: "7d", label: "7 d" },
] as const;
const REFRESH_MS = 15_000;

/** The gates API id → the runbook page operations keeps for it. */
const RUNBOOKS: Record<string, string> = {
  "auth-failure-rate-basis-points": "auth-failure-rate",
  "unapproved-high-risk-writes": "unapproved-high-risk-writes",
  "approval-queue-p50-minutes": "approval-queue-p50",
  "tool-call-p95-ms": "tool-call-p95",
  "output-quarantine-ratio-basis-points": "output-quarantine-ratio",
  "deny-rate-baseline-percent": "deny-anomaly",
};

export function ReadinessDashboard({ canEditGates }: { canEditGates: boolean }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const environment = (ENVS as string[]).includes(params.get("environment") ?? "")
    ? (params.get("environment") as Environment)
    : "production";
  const range = RANGES.some((r) => r.id === params.get("range")) ? params.get("range")! : "1h";
  const [auto, setAuto] = useState(true);
  const [now, setNow] = useState(() => Date.now());
  const q = useQuery({
    queryKey: ["gates-overview", environment, range],
    queryFn: () => api<Overview>(`/api/console/gates/overview?environment=${environment}&range=${range}`),
    refetchInterval: auto ? REFRESH_MS : false,
  });
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(t);
  }, []);
  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params.toString());
    next.set(key, value);
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  };
  const data = q.data;

  return (
    <div className="space-y-6">
      <div className="grid grid-cols-3 gap-2 md:gap-3" role="tablist" aria-label="Environment">
        {ENVS.map((e) => {
          const info = data?.environments.find((x) => x.environment === e);
          const selected = e === environment;
          const go = info?.verdict === "GO";
          const unjudged = go && info?.no_data === data?.gates.length;
          return (
            <button
              key={e}
              type="button"
              role="tab"
              aria-selected={selected}
              onClick={() => setParam("environment", e)}
              data-testid={`env-${e}`}
              className={`flex items-center justify-between rounded-xl border px-3 py-2 text-left shadow-sm transition md:px-4 md:py-3 ${selected ? "ring-2 ring-indigo-500" : "hover:border-slate-300"} ${!info || unjudged ? "border-slate-200 bg-white" : go ? "border-emerald-200 bg-emerald-50/60" : "border-red-300 bg-red-50"}`}
            >
              <span>
                <span className="block truncate text-[11px] font-medium uppercase tracking-wide text-slate-500 md:text-xs">
                  {e}
                </span>
                <span
                  className={`mt-0.5 flex items-center gap-1.5 text-lg font-semibold ${!info || unjudged ? "text-slate-500" : go ? "text-emerald-700" : "text-red-700"}`}
                >
                  {info ? (
                    unjudged ? (
                      <CircleHelp size={18} aria-hidden />
                    ) : go ? (
                      <CircleCheck size={18} aria-hidden />
                    ) : (
                      <OctagonX size={18} aria-hidden />
                    )
                  ) : null}
                  {info ? (go ? "GO" : "NO-GO") : "…"}
                  {unjudged && <span className="hidden text-xs font-normal lg:inline">· no data</span>}
                </span>
              </span>
              <span className="hidden text-right text-xs text-slate-500 sm:block">
                {info && info.blocking.length > 0 && (
                  <span className="block font-medium text-red-700">{info.blocking.length} blocking</span>
                )}
                {info && info.no_data > 0 && <span className="block">{info.no_data} without data</span>}
              </span>
            </button>
          );
        })}
      </div>

      {q.isError && <Alert>The readiness data could not be loaded: {(q.error as Error).message}</Alert>}
      {!data && !q.isError && (
        <div className="h-40 animate-pulse rounded-xl bg-slate-100" role="status" aria-label="Loading" />
      )}

      {data && (
        <>
          <Banner data={data} />
          {!data.has_traffic && <EmptyInstall />}
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 className="text-base font-semibold text-slate-900">Go / no-go gates · {environment}</h2>
            <div className="flex flex-wrap items-center gap-2">
              <fieldset className="inline-flex rounded-md shadow-sm ring-1 ring-slate-300" aria-label="Time range">
                {RANGES.map((r) => (
                  <button
                    key={r.id}
                    type="button"
                    aria-pressed={range === r.id}
                    onClick={() => setParam("range", r.id)}
                    className={`px-2.5 py-1 text-xs font-medium first:rounded-l-md last:rounded-r-md ${range === r.id ? "bg-indigo-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}
                  >
                    {r.label}
                  </button>
                ))}
              </fieldset>
              <button
                type="button"
                onClick={() => setAuto((a) => !a)}
                className="inline-flex items-center gap-1 rounded-md bg-white px-2.5 py-1 text-xs font-medium text-slate-700 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
                aria-pressed={auto}
              >
                {auto ? <Pause size={13} aria-hidden /> : <Play size={13} aria-hidden />} Auto-refresh{" "}
                {auto ? "on" : "off"}
              </button>
              <button
                type="button"
                onClick={() => q.refetch()}
                className="inline-flex items-center gap-1 rounded-md bg-white px-2.5 py-1 text-xs font-medium text-slate-700 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
              >
                <RefreshCw size={13} aria-hidden className={q.isFetching ? "animate-spin" : ""} /> Refresh
              </button>
              <span className="text-xs text-slate-500" title={data.evaluated_at}>
                updated {Math.max(0, Math.round((now - new Date(data.evaluated_at).getTime()) / 1000))} s ago
              </span>
            </div>
          </div>
          <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
            {data.gates.map((g) => (
              <GateTile
                key={g.metric}
                gate={g}
                now={now}
                runbookHref={RUNBOOKS[g.metric] ? `/runbooks/${RUNBOOKS[g.metric]}` : undefined}
              />
            ))}
          </div>
          <p className="text-xs text-slate-500">
            Targets, block conditions and owners are set on{" "}
            <Link href="/settings/gates" className="text-indigo-600 hover:underline">
              Gates &amp; metrics
            </Link>
            {canEditGates ? "." : " (admins edit them)."} Scripts read the same verdict at{" "}
            <code className="font-mono">/api/v1/gates?environment={environment}</code>.
          </p>
          {data.has_traffic && <DashboardCharts data={data} />}
        </>
      )}
    </div>
  );
}

function Banner({ data }: { data: Overview }) {
  const blocking = data.gates.filter((g) => g.state === "BLOCK");
  const noData = data.gates.filter((g) => g.state === "NO_DATA");
  const go = data.verdict === "GO";
  const unjudged = go && noData.length === data.gates.length;
  return (
    <section
      data-testid="verdict-banner"
      data-verdict={data.verdict}
      aria-live="polite"
      className={`flex flex-wrap items-center gap-4 rounded-xl px-5 py-4 text-white shadow ${unjudged ? "bg-slate-600" : go ? "bg-emerald-600" : "bg-red-600"}`}
    >
      {unjudged ? (
        <CircleHelp size={40} aria-hidden />
      ) : go ? (
        <CircleCheck size={40} aria-hidden />
      ) : (
        <OctagonX size={40} aria-hidden />
      )}
      <div className="min-w-0 flex-1">
        <p className="text-2xl font-bold tracking-tight">
          <span className="text-base font-medium opacity-90">Gates: </span>
          {go ? "GO" : "NO-GO"}{" "}
          <span className="text-base font-medium opacity-90">
            · {data.environment}
            {unjudged ? " · no data yet" : ""}
          </span>
        </p>
        <p className="text-sm opacity-95">
          {go
            ? unjudged
              ? "Nothing blocks, but nothing has been judged either: no gate has data in its window."
              : noData.length
                ? `No gate blocks. ${noData.length} of ${data.gates.length} gates have no data to judge yet.`
                : "Every gate is clear of its block condition."
            : `Blocked by ${blocking.map((g) => g.title.toLowerCase()).join(", ")}.`}
        </p>
      </div>
      <dl className="flex gap-6 text-sm">
        <div>
          <dt className="opacity-80">Calls</dt>
          <dd className="text-lg font-semibold tabular-nums">{data.totals.calls.toLocaleString("en")}</dd>
        </div>
        <div>
          <dt className="opacity-80">Denied</dt>
          <dd className="text-lg font-semibold tabular-nums">{data.totals.denies.toLocaleString("en")}</dd>
        </div>
        <div>
          <dt className="opacity-80">Waiting approvals</dt>
          <dd className="text-lg font-semibold tabular-nums">{data.totals.pending_approvals}</dd>
        </div>
      </dl>
    </section>
  );
}

function EmptyInstall() {
  return (
    <section
      className="rounded-xl border border-dashed border-indigo-300 bg-indigo-50/50 px-6 py-6"
      data-testid="empty-install"
    >
      <div className="flex items-start gap-3">
        <PlugZap className="mt-0.5 text-indigo-600" size={22} aria-hidden />
        <div className="text-sm text-slate-700">
          <p className="text-base font-semibold text-slate-900">No traffic yet — connect an agent to see readiness.</p>
          <ol className="mt-2 list-decimal space-y-1 pl-5">
            <li>
              Catalogue an MCP server and its tools on{" "}
              <Link href="/servers" className="text-indigo-600 hover:underline">
                Servers
              </Link>
              .
            </li>
            <li>
              Publish a policy on{" "}
              <Link href="/policies" className="text-indigo-600 hover:underline">
                Policies
              </Link>
              .
            </li>
            <li>
              Register an agent on{" "}
              <Link href="/agents" className="text-indigo-600 hover:underline">
                Agents
              </Link>{" "}
              and have it call <code className="font-mono">POST /api/v1/decisions</code> before each tool call.
            </li>
          </ol>
          <p className="mt-2 text-slate-600">
            Or watch it come alive with simulated agents:{" "}
            <code className="rounded bg-white px-1 font-mono">
              npm run demo:traffic -- --token &lt;admin API token&gt;
            </code>
          </p>
        </div>
      </div>
    </section>
  );
}
