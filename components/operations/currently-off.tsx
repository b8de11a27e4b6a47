"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { ModeBadge } from "./kill-switch-panel";
import type { Revocations } from "./types";
import type { ReasonAction } from "./use-reason-action";

/** Everything switched off right now, each with how to undo it (when it can be undone and the person may). */
export function CurrentlyOff({
  data,
  canRevoke,
  ask,
  loading,
}: {
  data: Revocations | undefined;
  canRevoke: boolean;
  ask: (a: ReasonAction) => void;
  loading: boolean;
}) {
  if (loading) return <p className="text-sm text-slate-500">Loading…</p>;
  const c = data?.current;
  const count = c
    ? c.kill_switches.length + c.agents.length + c.servers.length + c.issuers.length + c.tokens.length
    : 0;
  return (
    <div>
      <h3 className="mb-2 text-sm font-semibold text-slate-900">Switched off right now</h3>
      {count === 0 || !c ? (
        <p className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500">
          Nothing is revoked, suspended or switched off.
        </p>
      ) : (
        <OffList current={c} canRevoke={canRevoke} ask={ask} />
      )}
    </div>
  );
}

function OffList({
  current: c,
  canRevoke,
  ask,
}: {
  current: Revocations["current"];
  canRevoke: boolean;
  ask: (a: ReasonAction) => void;
}) {
  // Undoing is always a confirmed POST that needs no reason.
  const undo = (label: string, a: Omit<ReasonAction, "danger" | "method">) =>
    canRevoke ? { label, onClick: () => ask({ ...a, danger: false, method: "POST" }) } : undefined;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200" data-testid="currently-off">
      {c.kill_switches.map((s) => (
        <Row
          key={`ks-${s.environment}`}
          kind="Kill switch"
          what={<span className="capitalize">{s.environment}</span>}
          badge={<ModeBadge mode={s.mode} />}
          reason={s.reason}
          since={s.at}
        />
      ))}
      {c.agents.map((a) => (
        <Row
          key={a.id}
          kind="Agent"
          what={`${a.environment} · ${a.name}`}
          badge={<Badge tone={a.status === "revoked" ? "red" : "slate"}>{a.status}</Badge>}
          reason={a.reason}
          since={a.since}
          action={
            a.status === "revoked"
              ? undo("Restore", {
                  title: `Restore ${a.name}?`,
                  consequence: "The agent can obtain tokens and make calls again. Tokens revoked with it stay revoked.",
                  confirmLabel: "Restore agent",
                  path: `/api/console/agents/${a.id}/restore`,
                })
              : undefined
          }
          note={a.status === "disabled" ? "Disabled — enable it on the Agents page." : undefined}
        />
      ))}
      {c.servers.map((s) => (
        <Row
          key={s.id}
          kind="Server"
          what={`${s.environment} · ${s.name}`}
          badge={<Badge tone="red">suspended</Badge>}
          reason={s.reason}
          since={s.since}
          action={undo("Reactivate", {
            title: `Reactivate ${s.name} in ${s.environment}?`,
            consequence: "Calls to this server are decided by policy again.",
            confirmLabel: "Reactivate server",
            path: `/api/console/servers/${s.id}/activate`,
          })}
        />
      ))}
      {c.issuers.map((i) => (
        <Row
          key={i.id}
          kind="Issuer"
          what={i.name}
          badge={<Badge tone="red">{i.status}</Badge>}
          reason={null}
          since={i.since}
          action={undo("Restore", {
            title: `Trust ${i.name} again?`,
            consequence: "Tokens it signs are accepted again (still checked for audience, scope and agent).",
            confirmLabel: "Restore issuer",
            path: `/api/console/operations/issuers/${i.id}/restore`,
          })}
        />
      ))}
      {c.tokens.map((t) => (
        <Row
          key={t.jti}
          kind="Token"
          what={
            <span className="font-mono text-xs">
              {t.jti.slice(0, 13)}… ({t.client_id})
            </span>
          }
          badge={<Badge tone="red">revoked</Badge>}
          reason={t.reason}
          since={t.revoked_at}
          note="Token revocation is final; the agent obtains a new token."
        />
      ))}
    </ul>
  );
}

function Row({
  kind,
  what,
  badge,
  reason,
  since,
  action,
  note,
}: {
  kind: string;
  what: React.ReactNode;
  badge: React.ReactNode;
  reason: string | null;
  since: string | null;
  action?: { label: string; onClick: () => void };
  note?: string;
}) {
  return (
    <li className="flex items-start justify-between gap-3 px-3 py-2.5 text-sm">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-xs uppercase tracking-wide text-slate-500">{kind}</span>
          <span className="font-medium text-slate-900">{what}</span>
          {badge}
        </div>
        <p className="mt-0.5 text-xs text-slate-500">
          {reason && <>“{reason}” · </>}
          {since && <RelativeTime at={since} />}
          {note && <> · {note}</>}
        </p>
      </div>
      {action && (
        <Button variant="secondary" onClick={action.onClick}>
          {action.label}
        </Button>
      )}
    </li>
  );
}
