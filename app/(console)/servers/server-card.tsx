"use client";

import { ArrowUpRight, Radar, ShieldCheck, ShieldOff } from "lucide-react";
import Link from "next/link";
import { STATUS_TONE } from "@/components/catalog/tones";
import { TOOL_COLUMNS } from "@/components/catalog/tool-columns";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useConfirm } from "@/components/ui/confirm";
import { columnsFor, DataTable, type ListColumn } from "@/components/ui/data-table";
import type { ServerRow, ToolRow } from "./types";

export const NEXT: Record<string, string | null> = { development: "staging", staging: "production", production: null };
const toolColumn = columnsFor<ToolRow>();

/** The tool columns with a "Reclassify" button for policy authors. */
const withReclassify = (onReclassify: (tool: ToolRow) => void) => [
  ...TOOL_COLUMNS,
  toolColumn.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    enableHiding: false,
    meta: { className: "text-right" },
    cell: (c) => (
      <Button variant="ghost" onClick={() => onReclassify(c.row.original)}>
        Reclassify
      </Button>
    ),
  }) as ListColumn<ToolRow>,
];

/** One catalogued server: its status and receipt check, what a policy author may do to it, and its tools. */
export function ServerCard({
  server: s,
  canWrite,
  busy,
  onDiscover,
  onPromote,
  onReceipt,
  onStatus,
  onReclassify,
}: {
  server: ServerRow;
  canWrite: boolean;
  busy: boolean;
  onDiscover: () => void;
  onPromote: () => void;
  onReceipt: (requires: boolean) => void;
  onStatus: (verb: "suspend" | "activate") => void;
  onReclassify: (tool: ToolRow) => void;
}) {
  const confirm = useConfirm();
  return (
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
              <Button variant="secondary" onClick={onDiscover}>
                <Radar size={14} aria-hidden /> Discover tools
              </Button>
            )}
            {NEXT[s.environment] && s.transport === "remote_http" && (
              <Button
                variant="secondary"
                disabled={busy}
                onClick={async () =>
                  (await confirm({
                    title: `Promote ${s.name} to ${NEXT[s.environment]}?`,
                    description: `The server and its ${s.tools.length} tools are registered in ${NEXT[s.environment]}.`,
                    confirmLabel: "Promote",
                  })) && onPromote()
                }
              >
                <ArrowUpRight size={14} aria-hidden /> Promote to {NEXT[s.environment]}
              </Button>
            )}
            <Button
              variant="secondary"
              disabled={busy}
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
                })) && onReceipt(!s.requires_receipt)
              }
            >
              <ShieldCheck size={14} aria-hidden /> {s.requires_receipt ? "Receipts required" : "Require receipts"}
            </Button>
            {s.status === "active" ? (
              <Button variant="danger" disabled={busy} onClick={() => onStatus("suspend")}>
                Suspend
              </Button>
            ) : (
              <Button variant="secondary" disabled={busy} onClick={() => onStatus("activate")}>
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
          columns={canWrite ? withReclassify(onReclassify) : TOOL_COLUMNS}
          rowId={(t) => t.id}
          rowTestId={(t) => `tool-${s.name}-${t.name}`}
          noun="tools"
          initialPageSize={10}
          columnMenu={false}
        />
      )}
    </Card>
  );
}
