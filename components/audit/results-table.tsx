"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { Badge, DecisionBadge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { DecisionItem, EventItem } from "./types";

const RISK_TONE = { high: "red", medium: "amber", low: "slate" } as const;

function Th({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <th
      className={`whitespace-nowrap py-2 pr-4 text-xs font-medium uppercase tracking-wide text-slate-500 ${className}`}
    >
      {children}
    </th>
  );
}

/** A row opens its detail on click anywhere; the link inside keeps it a real, keyboard-reachable link. */
function ClickRow({ href, children }: { href: string; children: ReactNode }) {
  const router = useRouter();
  return (
    <tr
      className="cursor-pointer align-top hover:bg-slate-50"
      onClick={(e) => {
        if (!(e.target as HTMLElement).closest("a, button") && !window.getSelection()?.toString()) router.push(href);
      }}
    >
      {children}
    </tr>
  );
}

const preview = (value: unknown) => {
  const text = JSON.stringify(value ?? {});
  return text === "{}" ? "" : text;
};

export function DecisionTable({ items, showArguments }: { items: DecisionItem[]; showArguments: boolean }) {
  return (
    <table className="w-full text-left text-sm" data-testid="decision-results">
      <thead>
        <tr>
          <Th>When</Th>
          <Th>Outcome</Th>
          <Th>Call</Th>
          <Th>Agent</Th>
          <Th className="hidden lg:table-cell">Rule · reason</Th>
          <Th className="hidden md:table-cell">Env</Th>
          {showArguments && <Th className="hidden xl:table-cell">Arguments</Th>}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {items.map((d) => (
          <ClickRow key={d.id} href={`/audit/decisions/${d.id}`}>
            <td className="whitespace-nowrap py-2 pr-4 text-slate-600">
              <RelativeTime at={d.at} />
              <div className="font-mono text-[11px] text-slate-500">#{d.seq}</div>
            </td>
            <td className="py-2 pr-4">
              <DecisionBadge decision={d.outcome} />
            </td>
            <td className="py-2 pr-4">
              <Link
                href={`/audit/decisions/${d.id}`}
                className="whitespace-nowrap font-medium text-slate-900 hover:text-indigo-700 hover:underline"
              >
                {d.server} · {d.tool}
              </Link>
              {d.action && (
                <div className="mt-0.5">
                  <Badge tone={RISK_TONE[d.risk as keyof typeof RISK_TONE] ?? "slate"}>
                    {d.action} · {d.risk}
                  </Badge>
                </div>
              )}
            </td>
            <td className="py-2 pr-4">
              <div className="max-w-40 truncate font-mono text-xs text-slate-700" title={d.client_id}>
                {d.client_id}
              </div>
            </td>
            <td className="hidden py-2 pr-4 lg:table-cell">
              <div className="max-w-56 truncate font-mono text-xs text-slate-700" title={d.rule_id ?? "no rule"}>
                {d.rule_id ?? "—"}
              </div>
              <div className="max-w-56 truncate text-xs text-slate-500">{d.reason}</div>
            </td>
            <td className="hidden py-2 pr-4 text-xs text-slate-600 md:table-cell">{d.environment}</td>
            {showArguments && (
              <td className="hidden py-2 xl:table-cell" data-testid="row-arguments">
                <div className="max-w-48 truncate font-mono text-xs text-slate-500" title={preview(d.arguments)}>
                  {preview(d.arguments)}
                </div>
              </td>
            )}
          </ClickRow>
        ))}
      </tbody>
    </table>
  );
}

export function EventTable({ items }: { items: EventItem[] }) {
  return (
    <table className="w-full text-left text-sm" data-testid="event-results">
      <thead>
        <tr>
          <Th>When</Th>
          <Th>Event</Th>
          <Th>Actor</Th>
          <Th className="hidden md:table-cell">Target</Th>
          <Th className="hidden md:table-cell">Env</Th>
          <Th className="hidden lg:table-cell">Details</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {items.map((e) => (
          <ClickRow key={e.id} href={`/audit/events/${e.id}`}>
            <td className="whitespace-nowrap py-2 pr-4 text-slate-600">
              <RelativeTime at={e.at} />
              <div className="font-mono text-[11px] text-slate-500">#{e.seq}</div>
            </td>
            <td className="py-2 pr-4">
              <Link
                href={`/audit/events/${e.id}`}
                className="font-mono text-xs font-medium text-slate-900 hover:text-indigo-700 hover:underline"
              >
                {e.action}
              </Link>
            </td>
            <td className="py-2 pr-4">
              <div className="max-w-56 truncate text-slate-800" title={e.actor_label}>
                {e.actor_label}
              </div>
              <div className="text-xs text-slate-500">{e.actor_type}</div>
            </td>
            <td
              className="hidden whitespace-nowrap py-2 pr-4 text-xs text-slate-600 md:table-cell"
              title={e.target_id ?? ""}
            >
              {e.target_type ? `${e.target_type} ${e.target_id?.slice(0, 8) ?? ""}` : "—"}
            </td>
            <td className="hidden py-2 pr-4 text-xs text-slate-600 md:table-cell">{e.environment ?? "—"}</td>
            <td className="hidden py-2 lg:table-cell">
              <div className="max-w-md truncate font-mono text-xs text-slate-500" title={preview(e.data)}>
                {preview(e.data)}
              </div>
            </td>
          </ClickRow>
        ))}
      </tbody>
    </table>
  );
}
