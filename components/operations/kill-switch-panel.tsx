"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleCheck, OctagonX, ShieldAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api } from "@/lib/client/api";
import { ENVIRONMENTS, operationsKeys, type KillSwitchMode, type KillSwitchState } from "./types";
import { useReasonAction } from "./use-reason-action";

const MODE_LABEL: Record<KillSwitchMode, string> = { off: "Off", writes: "Deny writes", all: "Deny all" };

const CONSEQUENCE: Record<KillSwitchMode, (env: string) => string> = {
  off: (env) => `Calls in ${env} are decided by policy again.`,
  writes: (env) => `Every write and admin call in ${env} is denied (reason kill_switch); reads still follow policy.`,
  all: (env) => `Every agent call in ${env} is denied (reason kill_switch), reads included.`,
};

export function ModeBadge({ mode }: { mode: KillSwitchMode }) {
  if (mode === "all")
    return (
      <Badge tone="red">
        <OctagonX size={12} aria-hidden /> All calls denied
      </Badge>
    );
  if (mode === "writes")
    return (
      <Badge tone="amber">
        <ShieldAlert size={12} aria-hidden /> Writes denied
      </Badge>
    );
  return (
    <Badge tone="green">
      <CircleCheck size={12} aria-hidden /> Off
    </Badge>
  );
}

export function KillSwitchPanel({ canManage, initial }: { canManage: boolean; initial: KillSwitchState[] }) {
  const q = useQuery({
    queryKey: operationsKeys.environments,
    queryFn: () => api<{ environments: KillSwitchState[] }>("/api/console/environments"),
    initialData: { environments: initial },
    refetchInterval: 5_000,
  });
  const { ask, dialog } = useReasonAction();
  const byEnv = new Map(q.data.environments.map((s) => [s.environment, s]));
  return (
    <Card
      title={<span id="kill-switch">Kill switch</span>}
      description="Per environment: deny every write, or every call, before policy is consulted. Takes effect within a second on every console process."
    >
      {q.isError && <Alert>{q.error.message}</Alert>}
      <div className="grid gap-3 md:grid-cols-3">
        {ENVIRONMENTS.map((env) => {
          const s = byEnv.get(env) ?? { environment: env, mode: "off" as const, reason: null, by: null, at: null };
          const on = s.mode !== "off";
          return (
            <div
              key={env}
              data-testid={`kill-switch-${env}`}
              className={`rounded-lg p-4 ring-1 ${s.mode === "all" ? "bg-red-50 ring-red-200" : s.mode === "writes" ? "bg-amber-50 ring-amber-200" : "bg-white ring-slate-200"}`}
            >
              <div className="flex items-center justify-between gap-2">
                <h3 className="font-medium capitalize text-slate-900">{env}</h3>
                <ModeBadge mode={s.mode} />
              </div>
              <p className="mt-2 min-h-10 text-xs text-slate-600">
                {on ? (
                  <>
                    “{s.reason}” — {s.by}, {s.at && <RelativeTime at={s.at} />}
                  </>
                ) : s.at ? (
                  <>
                    Released by {s.by} <RelativeTime at={s.at} />: “{s.reason}”
                  </>
                ) : (
                  "Never pulled."
                )}
              </p>
              {canManage && (
                <fieldset
                  aria-label={`Kill switch for ${env}`}
                  className="mt-3 flex rounded-md bg-white p-0.5 ring-1 ring-slate-300"
                >
                  {(["off", "writes", "all"] as const).map((mode) => (
                    <button
                      key={mode}
                      type="button"
                      aria-pressed={s.mode === mode}
                      // Stays focusable when pressed, so focus can come back to it after the dialog.
                      aria-disabled={s.mode === mode}
                      onClick={() =>
                        s.mode !== mode &&
                        ask({
                          title: mode === "off" ? `Release the ${env} kill switch?` : `${MODE_LABEL[mode]} in ${env}?`,
                          consequence: CONSEQUENCE[mode](env),
                          confirmLabel: mode === "off" ? "Release kill switch" : `${MODE_LABEL[mode]} in ${env}`,
                          danger: mode !== "off",
                          method: "PUT",
                          path: `/api/console/environments/${env}/kill-switch`,
                          body: { mode },
                        })
                      }
                      className={`flex-1 rounded px-2 py-1 text-xs font-medium ${
                        s.mode === mode
                          ? mode === "all"
                            ? "bg-red-600 text-white"
                            : mode === "writes"
                              ? "bg-amber-400 text-amber-950"
                              : "bg-emerald-600 text-white"
                          : "text-slate-700 hover:bg-slate-100"
                      }`}
                    >
                      {MODE_LABEL[mode]}
                    </button>
                  ))}
                </fieldset>
              )}
            </div>
          );
        })}
      </div>
      {dialog}
    </Card>
  );
}
