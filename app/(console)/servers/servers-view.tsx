"use client";

import { useConfirm } from "@/components/ui/confirm";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowUpRight, Plus, Radar, ShieldCheck, ShieldOff } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { STATUS_TONE } from "@/components/catalog/tones";
import { TOOL_COLUMNS } from "@/components/catalog/tool-columns";
import { useReasonAction } from "@/components/operations/use-reason-action";
import { columnsFor, DataTable, type ListColumn } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Alert } from "@/components/ui/field";
import { api, queryKeys } from "@/lib/client/api";
import { ENVIRONMENTS } from "@/lib/schemas/identity";
import type { Environment } from "@/lib/policy";
import { CreateServerDialog, DiscoverDialog, OverrideDialog } from "./server-dialogs";
import type { ServerRow, SubmitAnswer, ToolRow } from "./types";

const LAST_ENVIRONMENT = "servers.environment";
const toolColumn = columnsFor<ToolRow>();
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
  const fromUrl = ENVIRONMENTS.find((e) => e === params.get("env"));
  const environment = fromUrl ?? initialEnvironment;
  // Without ?env=, the environment last opened here wins over the server's guess (the one with servers).
  const [settled, setSettled] = useState(Boolean(fromUrl));
  useEffect(() => {
    if (fromUrl) {
      localStorage.setItem(LAST_ENVIRONMENT, fromUrl);
      setSettled(true);
      return;
    }
    const last = ENVIRONMENTS.find((e) => e === localStorage.getItem(LAST_ENVIRONMENT));
    if (last && last !== initialEnvironment) router.replace(`${pathname}?env=${last}`);
    else setSettled(true);
  }, [fromUrl, initialEnvironment, pathname, router]);
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
    enabled: settled,
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

  const reasoned = useReasonAction((answer) => {
    const server = answer as ServerRow;
    report(answer as SubmitAnswer, `${server.status === "suspended" ? "Suspended" : "Activated"} ${server.name}.`);
  });

  function setStatus(server: ServerRow, verb: "suspend" | "activate") {
    reasoned.ask({
      title: `${verb === "suspend" ? "Suspend" : "Activate"} ${server.name} in ${server.environment}?`,
      consequence:
        verb === "suspend"
          ? "Every call to its tools is denied until it is activated again; agents see server_suspended."
          : "Calls to its tools are decided by the policy again.",
      confirmLabel: verb === "suspend" ? "Suspend server" : "Activate server",
      danger: verb === "suspend",
      method: "POST",
      path: `/api/console/servers/${server.id}/${verb}`,
    });
  }

  const withReclassify = (server: ServerRow) => [
    ...TOOL_COLUMNS,
    toolColumn.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      enableHiding: false,
      meta: { className: "text-right" },
      cell: (c) => (
        <Button variant="ghost" onClick={() => setOverriding({ server, tool: c.row.original })}>
          Reclassify
        </Button>
      ),
    }) as ListColumn<ToolRow>,
  ];

  return (
    <div className="space-y-6">
      {reasoned.dialog}
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
                localStorage.setItem(LAST_ENVIRONMENT, e);
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
      {(servers.isPending || !settled) && <p className="text-sm text-slate-500">Loading servers…</p>}
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
              <Link href={`/servers/${s.id}`} className="font-mono hover:text-indigo-700 hover:underline">
                {s.name}
              </Link>
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
            <span className="[overflow-wrap:anywhere]">
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
            <DataTable
              data={s.tools}
              columns={canWrite ? withReclassify(s) : TOOL_COLUMNS}
              rowId={(t) => t.id}
              rowTestId={(t) => `tool-${s.name}-${t.name}`}
              noun="tools"
              initialPageSize={10}
              columnMenu={false}
            />
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
