"use client";

import {
  Bot,
  Fingerprint,
  Gauge,
  KeyRound,
  LogOut,
  ScrollText,
  Server,
  ShieldCheck,
  Users,
  GitPullRequest,
  Inbox,
  Siren,
  BookOpen,
  ShieldAlert,
  SlidersHorizontal,
  ClipboardCheck,
  Send,
} from "lucide-react";
import { useQuery } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { useAnnounce } from "@/components/ui/announcer";
import type { NavItem } from "@/lib/nav";

const ICONS = {
  gauge: Gauge,
  users: Users,
  key: KeyRound,
  scroll: ScrollText,
  shield: ShieldCheck,
  review: GitPullRequest,
  bot: Bot,
  server: Server,
  fingerprint: Fingerprint,
  inbox: Inbox,
  siren: Siren,
  book: BookOpen,
  quarantine: ShieldAlert,
  sliders: SlidersHorizontal,
  clipboard: ClipboardCheck,
  send: Send,
};

export function Sidebar({ items, user }: { items: NavItem[]; user: { email: string; roleLabel: string } }) {
  const path = usePathname();
  return (
    <aside className="flex w-full shrink-0 flex-col bg-slate-900 text-slate-200 md:min-h-screen md:w-60">
      <div className="flex items-center gap-2 px-4 py-4">
        <div
          className="flex h-8 w-8 items-center justify-center rounded-lg bg-indigo-500 font-bold text-white"
          aria-hidden
        >
          M
        </div>
        <div className="leading-tight">
          <div className="text-sm font-semibold text-white">MCP Governance</div>
          <div className="text-xs text-slate-400">Console</div>
        </div>
      </div>
      <nav aria-label="Main" className="flex gap-1 overflow-x-auto px-2 md:flex-1 md:flex-col md:overflow-visible">
        {items.map((item) => {
          const Icon = ICONS[item.icon];
          const active = item.href === "/" ? path === "/" : path.startsWith(item.href);
          return (
            <Link
              key={item.href}
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={`flex items-center gap-2 whitespace-nowrap rounded-md px-3 py-2 text-sm ${active ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white"}`}
            >
              <Icon size={16} aria-hidden />
              {item.label}
              {item.badge === "pending-approvals" && <PendingCount />}
            </Link>
          );
        })}
      </nav>
      <div className="hidden border-t border-slate-800 px-4 py-3 md:block">
        <div className="truncate text-sm text-white" title={user.email}>
          {user.email}
        </div>
        <div className="text-xs text-slate-400">{user.roleLabel}</div>
        <button
          type="button"
          onClick={() => signOut({ callbackUrl: "/login" })}
          className="mt-2 inline-flex items-center gap-1.5 text-xs text-slate-300 hover:text-white"
        >
          <LogOut size={14} aria-hidden /> Sign out
        </button>
      </div>
    </aside>
  );
}

/** The approval queue's size, refreshed in the background so approvers see new requests anywhere. */
function PendingCount() {
  const q = useQuery({
    queryKey: ["approvals-summary"],
    queryFn: async () => (await fetch("/api/console/approvals/summary")).json() as Promise<{ pending?: number }>,
    refetchInterval: 5_000,
  });
  const n = q.data?.pending ?? 0;
  const announce = useAnnounce();
  const seen = useRef<number | null>(null);
  useEffect(() => {
    if (q.data?.pending === undefined) return;
    const before = seen.current;
    seen.current = n;
    if (before !== null && n > before)
      announce(
        `${n - before === 1 ? "A new approval request" : `${n - before} new approval requests`} arrived; ${n} waiting.`,
      );
  }, [n, q.data?.pending, announce]);
  if (!n) return null;
  return (
    <span
      className="ml-auto rounded-full bg-amber-400 px-1.5 text-xs font-semibold text-slate-900"
      data-testid="pending-approvals-count"
    >
      {n}
      <span className="sr-only"> waiting</span>
    </span>
  );
}
