"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, Loader2, RefreshCw, ShieldAlert } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { api, queryKeys } from "@/lib/client/api";
import type { ChainsReport, RunView } from "./types";

type Chain = ChainsReport["chains"]["decisions"];

const NAMES = { audit_events: "Audit events chain", decisions: "Decisions chain" } as const;

function ChainTile({ name, chain }: { name: keyof typeof NAMES; chain: Chain }) {
  const href = chain.break ? `/audit/${name === "decisions" ? "decisions" : "events"}/${chain.break.id}` : null;
  return (
    <div
      className={`flex min-w-0 flex-1 items-start gap-2.5 rounded-lg px-3 py-2.5 ring-1 ring-inset ${chain.ok ? "bg-emerald-50 ring-emerald-200" : "bg-red-50 ring-red-200"}`}
      data-testid={`chain-${name}`}
    >
      {chain.ok ? (
        <CheckCircle2 size={18} className="mt-0.5 shrink-0 text-emerald-600" aria-hidden />
      ) : (
        <ShieldAlert size={18} className="mt-0.5 shrink-0 text-red-600" aria-hidden />
      )}
      <div className="min-w-0 text-sm">
        <div className={`font-medium ${chain.ok ? "text-emerald-900" : "text-red-900"}`}>
          {NAMES[name]}: {chain.ok ? "intact" : "BROKEN"}
        </div>
        {chain.ok ? (
          <div className="text-xs text-emerald-800">
            {chain.verified_records.toLocaleString("en")} records intact ·{" "}
            {chain.resumed_after
              ? `${chain.checked.toLocaleString("en")} new since #${chain.resumed_after.seq} recomputed`
              : `all recomputed`}{" "}
            in {(chain.duration_ms / 1000).toFixed(1)} s · head{" "}
            <code className="font-mono" title={chain.head}>
              {chain.head.slice(7, 19)}…
            </code>
          </div>
        ) : (
          <div className="text-xs text-red-800" data-testid="chain-broken">
            First broken link:{" "}
            <Link href={href!} className="font-semibold underline">
              #{chain.break!.seq}
            </Link>{" "}
            ({chain.break!.problem.replace(/_/g, " ")}) after {chain.checked.toLocaleString("en")} intact records. Every
            later record is unproven.
          </div>
        )}
        {chain.checkpoint.status === "invalid_signature" && (
          <div className="text-xs text-amber-800" data-testid="checkpoint-invalid">
            Stored checkpoint failed its signature check: verified from the first record instead.
          </div>
        )}
      </div>
    </div>
  );
}

/** A full re-verification from the first record, started on request, with its progress. */
function useFullRun(enabled: boolean) {
  const client = useQueryClient();
  const start = useMutation({
    mutationFn: () => api<RunView>("/api/v1/audit/verify?full=1", { method: "POST" }),
    meta: { readOnly: true },
  });
  const runId = start.data?.run_id;
  const progress = useQuery({
    queryKey: [...queryKeys.auditVerify, "run", runId],
    queryFn: async () => {
      const { runs } = await api<{ runs: RunView[] }>(`/api/v1/audit/verify/progress?run_id=${runId}`);
      if (runs[0]?.report) client.setQueryData(queryKeys.auditVerify, runs[0].report);
      return runs[0];
    },
    enabled: enabled && !!runId,
    refetchInterval: (q) => (q.state.data?.state === "running" || !q.state.data ? 1_000 : false),
  });
  const run = progress.data ?? start.data;
  return { start, running: start.isPending || run?.state === "running", run };
}

/** Both hash chains verified by the server (after their signed checkpoints); the first broken link one click away. */
export function ChainStatus({ canVerify }: { canVerify: boolean }) {
  const verify = useQuery({
    queryKey: queryKeys.auditVerify,
    queryFn: () => api<ChainsReport>("/api/v1/audit/verify"),
    enabled: canVerify,
    staleTime: 60_000,
  });
  const full = useFullRun(canVerify);
  if (!canVerify) {
    return <p className="text-sm text-slate-500">Hash-chain verification is run by auditors and admins.</p>;
  }
  return (
    <div className="flex flex-col gap-2 lg:flex-row lg:items-stretch" aria-live="polite">
      {verify.isPending && (
        <div className="flex flex-1 items-center gap-2 rounded-lg bg-slate-50 px-3 py-2.5 text-sm text-slate-600 ring-1 ring-inset ring-slate-200">
          <Loader2 size={16} className="animate-spin" aria-hidden /> Verifying both hash chains…
        </div>
      )}
      {verify.isError && (
        <div className="flex-1 rounded-lg bg-red-50 px-3 py-2.5 text-sm text-red-800 ring-1 ring-inset ring-red-200">
          Verification failed to run: {verify.error.message}
        </div>
      )}
      {verify.data && (
        <>
          <ChainTile name="audit_events" chain={verify.data.chains.audit_events} />
          <ChainTile name="decisions" chain={verify.data.chains.decisions} />
        </>
      )}
      <div className="flex shrink-0 flex-col items-end justify-center gap-1">
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => verify.refetch()} disabled={verify.isFetching}>
            <RefreshCw size={14} className={verify.isFetching ? "animate-spin" : ""} aria-hidden /> Verify again
          </Button>
          <Button
            variant="secondary"
            onClick={() => full.start.mutate()}
            disabled={full.running}
            title="Recompute every record from the first, ignoring the checkpoints"
          >
            Full re-verification
          </Button>
        </div>
        {full.running && full.run ? (
          <span className="text-xs text-slate-600" data-testid="full-verify-progress">
            <Loader2 size={12} className="mr-1 inline animate-spin" aria-hidden />
            {full.run.checked.toLocaleString("en")}
            {full.run.total === null ? "" : ` of ${full.run.total.toLocaleString("en")}`} records checked
          </span>
        ) : (
          verify.data && (
            <span className="text-xs text-slate-500">
              {verify.data.mode === "full" ? "fully re-verified" : "checked"}{" "}
              <RelativeTime at={verify.data.verified_at} />
            </span>
          )
        )}
      </div>
    </div>
  );
}
