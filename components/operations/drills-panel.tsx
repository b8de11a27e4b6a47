"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CircleCheck, CircleX, Loader2, Play } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { columnsFor, DataTable, type ListColumn } from "@/components/ui/data-table";
import { Alert } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api } from "@/lib/client/api";
import { ENVIRONMENTS, operationsKeys, type DrillReport, type Environment, type LastDrill } from "./types";

export function DrillStatusBadge({ status }: { status: string }) {
  if (status === "passed")
    return (
      <Badge tone="green">
        <CircleCheck size={12} aria-hidden /> passed
      </Badge>
    );
  if (status === "failed")
    return (
      <Badge tone="red">
        <CircleX size={12} aria-hidden /> failed
      </Badge>
    );
  return (
    <Badge tone="slate">
      <Loader2 size={12} aria-hidden className="animate-spin" /> running
    </Badge>
  );
}

export function ms(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${value.toLocaleString("en")} ms`;
}

function QuarterState({ last }: { last: LastDrill }) {
  if (last.state === "PASS")
    return (
      <Badge tone="green">
        <CircleCheck size={12} aria-hidden /> Passed in {last.quarter.label}
      </Badge>
    );
  return (
    <Badge tone="red">
      <CircleX size={12} aria-hidden /> None passed in {last.quarter.label}
    </Badge>
  );
}

const d = columnsFor<DrillReport>();
const DRILL_COLUMNS = [
  d.accessor("environment", { header: "Environment", cell: (c) => <span className="capitalize">{c.getValue()}</span> }),
  d.accessor("status", { header: "Result", cell: (c) => <DrillStatusBadge status={c.getValue()} /> }),
  d.accessor("run_by", { header: "Run by", meta: { className: "text-slate-600" } }),
  d.accessor("started_at", {
    header: "When",
    sortFn: "basic",
    cell: (c) => (
      <span className="whitespace-nowrap text-slate-600">
        <RelativeTime at={c.getValue()} />
      </span>
    ),
  }),
  d.accessor((r) => r.revoke_effect_ms ?? -1, {
    id: "revoke",
    header: "Revoke → refused",
    sortFn: "basic",
    meta: { className: "text-right tabular-nums" },
    cell: (c) => ms(c.row.original.revoke_effect_ms),
  }),
  d.accessor((r) => r.restore_effect_ms ?? -1, {
    id: "restore",
    header: "Restore → allowed",
    sortFn: "basic",
    meta: { className: "text-right tabular-nums" },
    cell: (c) => ms(c.row.original.restore_effect_ms),
  }),
  d.display({
    id: "report",
    header: () => <span className="sr-only">Report</span>,
    enableHiding: false,
    meta: { className: "text-right" },
    cell: (c) => (
      <Link className="text-indigo-700 hover:underline" href={`/operations/drills/${c.row.original.id}`}>
        Report
      </Link>
    ),
  }),
] as ListColumn<DrillReport>[];

export function DrillsPanel({ canManage }: { canManage: boolean }) {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: operationsKeys.drills,
    queryFn: () => api<{ reports: DrillReport[]; last: LastDrill[] }>("/api/console/drills"),
  });
  const [justRan, setJustRan] = useState<DrillReport | null>(null);
  const run = useMutation({
    mutationFn: (environment: Environment) => api<DrillReport>("/api/console/drills", { body: { environment } }),
    onSuccess: (report) => {
      setJustRan(report);
      void qc.invalidateQueries({ queryKey: operationsKeys.drills });
      void qc.invalidateQueries({ queryKey: operationsKeys.revocations });
    },
  });
  const lastByEnv = new Map((q.data?.last ?? []).map((l) => [l.environment, l]));
  const reports = q.data?.reports ?? [];
  return (
    <Card
      title={<span id="drills">Revoke-and-restore drills</span>}
      description="The console gives each environment's drill agent a token, proves a call is accepted, revokes the agent, proves the next calls are refused, restores it and proves calls pass again — timing each step. Run one per environment every quarter."
    >
      {q.isError && <Alert>{q.error.message}</Alert>}
      <div className="grid gap-3 md:grid-cols-3">
        {ENVIRONMENTS.map((env) => {
          const last = lastByEnv.get(env);
          const running = run.isPending && run.variables === env;
          return (
            <div
              key={env}
              data-testid={`drill-${env}`}
              className={`rounded-lg p-4 ring-1 ${last?.state === "FAIL" ? "ring-red-200" : "ring-slate-200"}`}
            >
              <div className="flex items-center justify-between gap-2">
                <h3 className="font-medium capitalize text-slate-900">{env}</h3>
                {last ? <QuarterState last={last} /> : <span className="text-xs text-slate-500">Loading…</span>}
              </div>
              <p className="mt-2 min-h-10 text-xs text-slate-600">
                {last?.last_passed ? (
                  <>
                    Last passed <RelativeTime at={last.last_passed.finished_at ?? last.last_passed.started_at} /> by{" "}
                    {last.last_passed.run_by}: refused after {ms(last.last_passed.revoke_effect_ms)}.{" "}
                    <Link className="text-indigo-700 hover:underline" href={last.last_passed.url}>
                      Report
                    </Link>
                  </>
                ) : (
                  "No drill has passed here yet."
                )}
              </p>
              {canManage && (
                <Button
                  className="mt-3 w-full"
                  variant="secondary"
                  disabled={run.isPending}
                  onClick={() => {
                    setJustRan(null);
                    run.mutate(env);
                  }}
                >
                  {running ? (
                    <Loader2 size={14} aria-hidden className="animate-spin" />
                  ) : (
                    <Play size={14} aria-hidden />
                  )}
                  {running ? "Running drill…" : `Run drill in ${env}`}
                </Button>
              )}
            </div>
          );
        })}
      </div>
      {run.isPending && (
        <div className="mt-4">
          <Alert tone="info">
            Running the drill in {run.variables}: revoking and restoring its drill agent takes a few seconds.
          </Alert>
        </div>
      )}
      {run.isError && (
        <div className="mt-4">
          <Alert>{run.error.message}</Alert>
        </div>
      )}
      {justRan && (
        <div className="mt-4" data-testid="drill-result">
          <Alert tone={justRan.status === "passed" ? "success" : "error"}>
            Drill in {justRan.environment} {justRan.status}. {justRan.summary}{" "}
            <Link className="font-medium underline" href={`/operations/drills/${justRan.id}`}>
              Open the report
            </Link>
          </Alert>
        </div>
      )}
      <h3 className="mb-2 mt-6 text-sm font-semibold text-slate-900">Recent drills</h3>
      {q.isPending ? (
        <p className="text-sm text-slate-500">Loading drills…</p>
      ) : reports.length === 0 ? (
        <EmptyState title="No drills yet">
          {canManage
            ? "Run one above; it takes a few seconds and leaves the drill agent active."
            : "An admin runs drills from this page."}
        </EmptyState>
      ) : (
        <DataTable
          data={reports}
          columns={DRILL_COLUMNS}
          rowId={(r) => r.id}
          noun="drills"
          testId="drills"
          initialSort={{ id: "started_at", desc: true }}
          initialPageSize={10}
        />
      )}
    </Card>
  );
}
