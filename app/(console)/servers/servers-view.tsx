"use client";

import { useConfirm } from "@/components/ui/confirm";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowUpRight, Plus, Radar, ShieldCheck, ShieldOff } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { ACTION_TONE, RISK_TONE, STATUS_TONE } from "@/components/catalog/tones";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Alert } from "@/components/ui/field";
import { api, queryKeys } from "@/lib/client/api";
import { ENVIRONMENTS } from "@/lib/schemas/identity";
import type { Environment } from "@/lib/policy";
import { CreateServerDialog, DiscoverDialog, OverrideDialog } from "./server-dialogs";
import type { ServerRow, SubmitAnswer, ToolRow } from "./types";

const NEXT: Record<string, string | null> = { development: "staging", staging: "production", production: null };

export function ServersView({
  canWrite,
  isAdmin,
  initialEnvironment,
}: {
  canWrite: boolean;
  isAdmin: boolean;
  initialEnvironment: Environment;
}) {
  const confirm = useConfirm();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const environment = ENVIRONMENTS.find((e) => e === params.get("env")) ?? initialEnvironment;
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [discovering, setDiscovering] = useState<ServerRow | null>(null);
  const [overriding, setOverriding] = useState<{ server: ServerRow; tool: ToolRow } | null>(null);
  const [notice, setNotice] = useState<{ tone: "success" | "error" | "info"; text: string; review?: boolean } | null>(
    null,
  );
  const servers = useQuery({
    queryKey: [...queryKeys.servers, environment],
    queryFn: () => api<{ servers: ServerRow[] }>(`/api/console/servers?environment=${environment}`),
  });

  function report(answer: SubmitAnswer, done: string) {
    if ("change_request" in answer && answer.change_request) {
      setNotice({
        tone: "info",
        text: `Sent for review: “${answer.change_request.title}”. Another policy author or an admin approves it on the Reviews page.`,
        review: true,
      });
    } else {
      setNotice({ tone: "success", text: done });
    }
    qc.invalidateQueries({ queryKey: queryKeys.servers });
  }

  const act = useMutation({
    mutationFn: ({ server, verb, body }: { server: ServerRow; verb: string; body?: unknown }) =>
      api<SubmitAnswer>(`/api/console/servers/${server.id}/${verb}`, { method: "POST", body: body ?? {} }),
    onSuccess: (answer, { server, verb }) =>
      report(
        answer,
        verb === "promote"
          ? `Promoted ${server.name} to ${NEXT[server.environment]}.`
          : verb === "suspend"
            ? `Suspended ${server.name}.`
            : `Activated ${server.name}.`,
      ),
    onError: (e) => setNotice({ tone: "error", text: e.message }),
  });

  const setReceipt = useMutation({
    mutationFn: ({ server, requires }: { server: ServerRow; requires: boolean }) =>
      api<SubmitAnswer>(`/api/console/servers/${server.id}`, { method: "PATCH", body: { requires_receipt: requires } }),
    onSuccess: (answer, { server, requires }) =>
      report(
        answer,
        requires ? `${server.name} now requires receipts.` : `${server.name} no longer requires receipts.`,
      ),
    onError: (e) => setNotice({ tone: "error", text: e.message }),
  });

  function setStatus(server: ServerRow, verb: "suspend" | "activate") {
    const reason = window.prompt(
      `${verb === "suspend" ? "Suspend" : "Activate"} ${server.name} in ${server.environment}? Reason:`,
    );
    if (reason?.trim()) act.mutate({ server, verb, body: { reason: reason.trim() } });
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="tablist" aria-label="Environment" className="inline-flex rounded-lg bg-slate-100 p-1">
          {ENVIRONMENTS.map((e) => (
            <button
              type="button"
              key={e}
              role="tab"
              aria-selected={e === environment}
              onClick={() => {
                setNotice(null);
                router.replace(`${pathname}?env=${e}`);
              }}
              className={`rounded-md px-3 py-1.5 text-sm font-medium capitalize ${e === environment ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
            >
              {e}
            </button>
          ))}
        </div>
        {canWrite && (
          <Button onClick={() => setCreating(true)}>
            <Plus size={14} aria-hidden /> New server
          </Button>
        )}
      </div>
      {environment === "production" && canWrite && !isAdmin && (
        <Alert tone="info">
          Changes to production are sent for review: another policy author or an admin must approve them.
        </Alert>
      )}
      {notice && (
        <Alert tone={notice.tone}>
          {notice.text}{" "}
          {notice.review && (
            <Link href="/reviews" className="font-medium underline">
              Open Reviews
            </Link>
          )}
        </Alert>
      )}
      {servers.isPending && <p className="text-sm text-slate-500">Loading servers…</p>}
      {servers.isError && <Alert>{servers.error.message}</Alert>}
      {servers.data?.servers.length === 0 && (
        <Card>
          <EmptyState title={`No servers catalogued in ${environment}`}>
            {canWrite
              ? environment === "development"
                ? "Add one with “New server”, then discover its tools."
                : "Promote a server from the environment before, or add one."
              : "Ask a policy author to catalogue one."}
          </EmptyState>
        </Card>
      )}
      {servers.data?.servers.map((s) => (
        <Card
          key={s.id}
          title={
            <span className="flex flex-wrap items-center gap-2" data-testid={`server-${s.name}`}>
              <span className="font-mono">{s.name}</span>
              <Badge tone={STATUS_TONE[s.status] ?? "slate"}>● {s.status}</Badge>
              <Badge>{s.transport}</Badge>
              {s.requires_receipt ? (
                <Badge tone="green" title="The upstream refuses calls without the console's signed decision receipt">
                  <ShieldCheck size={12} aria-hidden /> verifies receipts
                </Badge>
              ) : (
                <Badge
                  tone={s.environment === "production" ? "amber" : "slate"}
                  title="Calls that go around the console are not refused by this upstream"
                >
                  <ShieldOff size={12} aria-hidden /> no receipt check
                </Badge>
              )}
            </span>
          }
          description={
            <span className="break-all">
              {s.url ?? s.command ?? ""}
              {s.owner && ` · owner ${s.owner}`}
              {s.promoted_from_id && " · promoted"}
              {s.status_reason && s.status !== "active" && ` · ${s.status_reason}`}
            </span>
          }
          actions={
            canWrite && (
              <div className="flex flex-wrap gap-2">
                {s.transport === "remote_http" && (
                  <Button variant="secondary" onClick={() => setDiscovering(s)}>
                    <Radar size={14} aria-hidden /> Discover tools
                  </Button>
                )}
                {NEXT[s.environment] && s.transport === "remote_http" && (
                  <Button
                    variant="secondary"
                    disabled={act.isPending}
                    onClick={async () =>
                      (await confirm({
                        title: `Promote ${s.name} to ${NEXT[s.environment]}?`,
                        description: `The server and its ${s.tools.length} tools are registered in ${NEXT[s.environment]}.`,
                        confirmLabel: "Promote",
                      })) && act.mutate({ server: s, verb: "promote" })
                    }
                  >
                    <ArrowUpRight size={14} aria-hidden /> Promote to {NEXT[s.environment]}
                  </Button>
                )}
                <Button
                  variant="secondary"
                  disabled={act.isPending}
                  aria-pressed={s.requires_receipt}
                  onClick={async () =>
                    (await confirm({
                      title: s.requires_receipt
                        ? `Record that ${s.name} no longer verifies receipts?`
                        : `Record that ${s.name} verifies decision receipts?`,
                      description: s.requires_receipt
                        ? "The readiness checklist will list it among the servers agents can call around the console."
                        : "Do this once the upstream refuses calls without a valid receipt (lib/receipt-verifier).",
                      confirmLabel: s.requires_receipt ? "Stop requiring" : "Require receipts",
                    })) && setReceipt.mutate({ server: s, requires: !s.requires_receipt })
                  }
                >
                  <ShieldCheck size={14} aria-hidden /> {s.requires_receipt ? "Receipts required" : "Require receipts"}
                </Button>
                {s.status === "active" ? (
                  <Button variant="danger" disabled={act.isPending} onClick={() => setStatus(s, "suspend")}>
                    Suspend
                  </Button>
                ) : (
                  <Button variant="secondary" disabled={act.isPending} onClick={() => setStatus(s, "activate")}>
                    Activate
                  </Button>
                )}
              </div>
            )
          }
        >
          {s.tools.length === 0 ? (
            <p className="text-sm text-slate-500">
              No tools catalogued.{" "}
              {s.transport === "remote_http" && canWrite && "Use “Discover tools” to list them from the server."}
            </p>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th className="py-2 pr-4 font-medium">Tool</th>
                    <th className="py-2 pr-4 font-medium">Class</th>
                    <th className="py-2 pr-4 font-medium">Risk</th>
                    {canWrite && (
                      <th className="py-2 font-medium">
                        <span className="sr-only">Actions</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {s.tools.map((t) => (
                    <tr key={t.id} data-testid={`tool-${s.name}-${t.name}`}>
                      <td className="py-2 pr-4">
                        <div className="font-mono text-slate-900">{t.name}</div>
                        {t.description && (
                          <div className="line-clamp-1 max-w-xl text-xs text-slate-500" title={t.description}>
                            {t.description}
                          </div>
                        )}
                      </td>
                      <td className="py-2 pr-4">
                        <Badge tone={ACTION_TONE[t.action]}>{t.action}</Badge>
                      </td>
                      <td className="py-2 pr-4">
                        <span className="flex items-center gap-1">
                          <Badge tone={RISK_TONE[t.risk]}>{t.risk} risk</Badge>
                          {t.overridden && (
                            <span className="text-xs text-slate-500" title={t.override_reason ?? ""}>
                              overridden
                            </span>
                          )}
                        </span>
                      </td>
                      {canWrite && (
                        <td className="py-2 text-right">
                          <Button variant="ghost" onClick={() => setOverriding({ server: s, tool: t })}>
                            Reclassify
                          </Button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      ))}
      <CreateServerDialog
        open={creating}
        environment={environment}
        onClose={() => setCreating(false)}
        onDone={(answer, name) => {
          setCreating(false);
          report(answer, `Catalogued ${name} in ${environment}.`);
        }}
      />
      {discovering && (
        <DiscoverDialog
          server={discovering}
          onClose={() => setDiscovering(null)}
          onDone={(answer) => {
            setDiscovering(null);
            report(answer, `Saved the discovered tools of ${discovering.name}.`);
          }}
        />
      )}
      {overriding && (
        <OverrideDialog
          server={overriding.server}
          tool={overriding.tool}
          onClose={() => setOverriding(null)}
          onDone={(answer) => {
            setOverriding(null);
            report(answer, `Reclassified ${overriding.tool.name}.`);
          }}
        />
      )}
    </div>
  );
}
