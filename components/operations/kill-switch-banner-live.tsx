"use client";

import { useQuery } from "@tanstack/react-query";
import { OctagonX, ShieldAlert } from "lucide-react";
import Link from "next/link";
import { api } from "@/lib/client/api";
import { operationsKeys, type KillSwitchState } from "./types";

/** Polls the kill switches, so a switch pulled elsewhere shows on a page already open (the layout is not re-rendered on navigation). */
export function KillSwitchBannerLive({ initial }: { initial: KillSwitchState[] }) {
  const q = useQuery({
    queryKey: operationsKeys.environments,
    queryFn: () => api<{ environments: KillSwitchState[] }>("/api/console/environments"),
    initialData: { environments: initial },
    refetchInterval: 5_000,
  });
  const on = q.data.environments.filter((s) => s.mode !== "off");
  if (on.length === 0) return null;
  const all = on.some((s) => s.mode === "all");
  return (
    <div
      role="status"
      aria-label="Kill switch"
      data-testid="kill-switch-banner"
      data-print-hide
      className={`mb-6 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg px-4 py-3 text-sm ring-1 ${all ? "bg-red-700 text-white ring-red-800" : "bg-amber-100 text-amber-950 ring-amber-300"}`}
    >
      {all ? <OctagonX size={18} aria-hidden /> : <ShieldAlert size={18} aria-hidden />}
      <span className="font-semibold">Kill switch on:</span>
      {on.map((s) => (
        <span key={s.environment}>
          <span className="font-medium capitalize">{s.environment}</span> —{" "}
          {s.mode === "all" ? "all calls denied" : "writes denied"}
          {s.reason ? (
            <span>
              {" "}
              (“{s.reason}”, {s.by})
            </span>
          ) : null}
        </span>
      ))}
      <Link
        href="/operations#kill-switch"
        className={`ml-auto font-medium underline ${all ? "text-white" : "text-amber-950"}`}
      >
        Operations
      </Link>
    </div>
  );
}
