"use client";

import { Tab, TabList } from "@/components/ui/tabs";
import { useQuery } from "@tanstack/react-query";
import { Pause, Play, PlugZap, RefreshCw } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { GoNoGoPanel } from "@/components/readiness/go-no-go-panel";
import { ReadinessSection } from "@/components/readiness/readiness-section";
import type { GoNoGo } from "@/components/readiness/types";
import { trendLabel, VERDICT_STYLE } from "@/components/readiness/verdict-style";
import { Alert } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { GATE_RUNBOOKS } from "@/lib/readiness/verdict";
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
  const verdictQ = useQuery({
    queryKey: ["go-no-go", environment],
    queryFn: () => api<GoNoGo>(`/api/v1/go-no-go?environment=${environment}`),
    refetchInterval: auto ? REFRESH_MS : false,
  });
  const data = q.data;

  return (
    <div className="space-y-6">
      <EnvironmentTabs
        environments={data?.environments}
        selected={environment}
        now={now}
        onSelect={(e) => setParam("environment", e)}
      />

      {verdictQ.isError && (
        <Alert>The go / no-go verdict could not be loaded: {(verdictQ.error as Error).message}</Alert>
      )}
      {verdictQ.data ? (
        <GoNoGoPanel verdict={verdictQ.data} detailsHref={`/readiness?environment=${environment}`} />
      ) : (
        !verdictQ.isError && (
          <div className="h-40 animate-pulse rounded-xl bg-slate-100" role="status" aria-label="Loading the verdict" />
        )
      )}

      {q.isError && <Alert>The readiness data could not be loaded: {(q.error as Error).message}</Alert>}
      {!data && !q.isError && (
        <div className="h-40 animate-pulse rounded-xl bg-slate-100" role="status" aria-label="Loading" />
      )}

      {data && (
        <>
          {!data.has_traffic && <EmptyInstall />}
          <ReadinessSection />
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div>
              <h2 className="text-base font-semibold text-slate-900">Go / no-go gates · {environment}</h2>
              <GateCounts data={data} />
            </div>
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
                runbookHref={GATE_RUNBOOKS[g.metric] ? `/runbooks/${GATE_RUNBOOKS[g.metric]}` : undefined}
              />
            ))}
          </div>
          <p className="text-xs text-slate-500">
            Targets, block conditions and owners are set on{" "}
            <Link href="/settings/gates" className="text-indigo-600 hover:underline">
              Gates &amp; metrics
            </Link>
            {canEditGates ? "." : " (admins edit them)."} Scripts read the same verdict at{" "}
            <code className="font-mono">/api/v1/go-no-go?environment={environment}</code> and{" "}
            <code className="font-mono">npm run gate</code>.
          </p>
          {data.has_traffic && <DashboardCharts data={data} />}
        </>
      )}
    </div>
  );
}

/** The gates alone, as counts with words (the verdict is the panel above: gates and checklist together). */
function GateCounts({ data }: { data: Overview }) {
  const n = (state: string) => data.gates.filter((g) => g.state === state).length;
  const parts = [
    n("BLOCK") && `${n("BLOCK")} blocking`,
    n("WARN") && `${n("WARN")} at risk`,
    n("PASS") && `${n("PASS")} clear`,
    n("NO_DATA") && `${n("NO_DATA")} without data`,
  ].filter(Boolean);
  return (
    <p className="text-xs text-slate-500" data-testid="gate-counts">
      {parts.join(" · ")} · calls {data.totals.calls.toLocaleString("en")} · denied{" "}
      {data.totals.denies.toLocaleString("en")} · waiting approvals {data.totals.pending_approvals}
    </p>
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

/** One tab per environment with its verdict, what blocks it and how long it has held. */
function EnvironmentTabs({
  environments,
  selected,
  now,
  onSelect,
}: {
  environments: Overview["environments"] | undefined;
  selected: Environment;
  now: number;
  onSelect: (environment: Environment) => void;
}) {
  return (
    <TabList label="Environment" value={selected} onValueChange={onSelect} className="grid grid-cols-3 gap-2 md:gap-3">
      {ENVS.map((e) => {
        const info = environments?.find((x) => x.environment === e);
        const isSelected = e === selected;
        const style = info ? VERDICT_STYLE[info.verdict] : null;
        const trend = info ? trendLabel(info.verdict, info.since, now) : null;
        return (
          <Tab
            key={e}
            value={e}
            data-testid={`env-${e}`}
            data-verdict={info?.verdict}
            className={`flex items-center justify-between rounded-xl border px-3 py-2 text-left shadow-sm transition md:px-4 md:py-3 ${isSelected ? "ring-2 ring-indigo-500" : "hover:border-slate-300"} ${style ? style.card : "border-slate-200 bg-white"}`}
          >
            <span className="min-w-0">
              <span className="block truncate text-[11px] font-medium uppercase tracking-wide text-slate-500 md:text-xs">
                {e}
              </span>
              <span
                className={`mt-0.5 flex items-center gap-1.5 text-lg font-semibold ${style ? style.text : "text-slate-500"}`}
              >
                {style && <style.Icon size={18} aria-hidden />}
                {style ? style.word : "…"}
              </span>
            </span>
            <span className="hidden text-right text-xs text-slate-600 sm:block">
              {info && info.blocking.length > 0 && (
                <span className="block font-medium text-red-700">{info.blocking.length} blocking</span>
              )}
              {info && info.no_data > 0 && <span className="block">{info.no_data} without evidence</span>}
              {trend && info?.since && (
                <time className="block" dateTime={info.since} title={info.since}>
                  {trend}
                </time>
              )}
            </span>
          </Tab>
        );
      })}
    </TabList>
  );
}
