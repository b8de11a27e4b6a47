"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { DirtyBar } from "@/components/ui/dirty-bar";
import { Alert, Field, Input } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { Channels, Deliveries } from "./notification-settings";
import { useInvalidate } from "./settings-cache";
import { SlackAppSettings } from "./slack-app-settings";

interface Group {
  id: string;
  name: string;
  description: string;
  fallback: boolean;
  members: { user_id: string; email: string }[];
}
interface UserRow {
  id: string;
  email: string;
  role: string;
  disabled: boolean;
}

export function ApprovalSettings() {
  return (
    <div className="space-y-6">
      <Escalation />
      <Groups />
      <SlackAppSettings />
      <Channels />
      <Deliveries />
    </div>
  );
}

/** Whole minutes, 1 to 1440, in plain words beside the field (the API's escalationSchema holds the same bounds). */
const escalationForm = z.object({
  afterMin: z
    .number({ error: "Enter whole minutes." })
    .int("Enter whole minutes.")
    .min(1, "From 1 to 1440 minutes.")
    .max(1440, "From 1 to 1440 minutes."),
});
type EscalationValues = z.infer<typeof escalationForm>;

function Escalation() {
  const q = useQuery({
    queryKey: ["approval-settings", "escalation"],
    queryFn: () => api<{ escalation: { afterMin: number } }>("/api/console/approvals/settings"),
  });
  return (
    <Card
      title="Escalation"
      description="A request waiting longer than this goes to the fallback group too (default 10 min, the median decision-time target)."
    >
      {q.isError && <Alert>The escalation setting could not be loaded.</Alert>}
      {q.data && <EscalationForm afterMin={q.data.escalation.afterMin} />}
    </Card>
  );
}

/** One field, saved from the page's dirty bar like every settings page. */
function EscalationForm({ afterMin }: { afterMin: number }) {
  const form = useForm<EscalationValues>({ resolver: zodResolver(escalationForm), defaultValues: { afterMin } });
  const refresh = useInvalidate();
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (v: EscalationValues) => api("/api/console/approvals/settings", { method: "PUT", body: v }),
  });
  const error = form.formState.errors.afterMin?.message;
  return (
    <form
      noValidate
      className="space-y-3"
      onChange={() => setSaved(false)}
      onSubmit={form.handleSubmit(async (v) => {
        const ok = await save.mutateAsync(v).then(
          () => true,
          () => false, // shown by the bar from save.error
        );
        if (!ok) return;
        form.reset(v);
        setSaved(true);
        refresh();
      })}
    >
      <div className="w-48">
        <Field label="Escalate after (min)" error={error}>
          <Input type="number" min={1} max={1440} {...form.register("afterMin", { valueAsNumber: true })} />
        </Field>
      </div>
      <DirtyBar
        dirty={form.formState.isDirty}
        saving={save.isPending}
        changes="escalation time"
        saved={saved ? "Saved. Waiting requests escalate on the new time." : null}
        error={save.isError ? save.error.message : null}
        onDiscard={() => {
          form.reset();
          save.reset();
        }}
      />
    </form>
  );
}

function Groups() {
  const groups = useQuery({
    queryKey: ["approval-settings", "groups"],
    queryFn: () => api<{ groups: Group[] }>("/api/console/approver-groups"),
  });
  const users = useQuery({
    queryKey: ["approval-settings", "users"],
    queryFn: () => api<{ users: UserRow[] }>("/api/console/users"),
  });
  const refresh = useInvalidate();
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: object) => api("/api/console/approver-groups", { body }),
    onSuccess: () => {
      setError(null);
      refresh();
    },
    onError: (e) => setError(e.message),
  });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: object }) =>
      api(`/api/console/approver-groups/${id}`, { method: "PATCH", body }),
    onSuccess: refresh,
    onError: (e) => setError(e.message),
  });
  const approvers = (users.data?.users ?? []).filter(
    (u) => !u.disabled && (u.role === "approver" || u.role === "admin"),
  );
  return (
    <Card
      title="Approver groups"
      description="A rule's approver_group (or approver_groups, one approval from each) names who may decide. The fallback group also receives escalated requests."
    >
      <form
        className="mb-4 flex flex-wrap items-end gap-3"
        onSubmit={(e: FormEvent<HTMLFormElement>) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          create.mutate({
            name: String(f.get("name")),
            description: String(f.get("description") ?? ""),
            fallback: f.get("fallback") === "on",
          });
          e.currentTarget.reset();
        }}
      >
        <div className="w-48">
          <Field label="Group name">
            <Input name="name" required placeholder="sre" />
          </Field>
        </div>
        <div className="w-72">
          <Field label="Description">
            <Input name="description" />
          </Field>
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" name="fallback" /> Fallback group
        </label>
        <Button type="submit" disabled={create.isPending}>
          Add group
        </Button>
      </form>
      {error && (
        <div className="mb-3">
          <Alert>{error}</Alert>
        </div>
      )}
      {groups.data?.groups.length === 0 && (
        <EmptyState title="No groups">Without groups any approver may decide any request.</EmptyState>
      )}
      <ul className="divide-y divide-slate-100">
        {groups.data?.groups.map((g) => (
          <li key={g.id} className="py-3" data-testid={`group-${g.name}`}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{g.name}</span>
              {g.fallback && <Badge tone="amber">fallback</Badge>}
              <span className="text-sm text-slate-500">{g.description}</span>
            </div>
            <div className="mt-2 flex flex-wrap gap-2">
              {approvers.map((u) => {
                const member = g.members.some((m) => m.user_id === u.id);
                return (
                  <label
                    key={u.id}
                    className={`flex items-center gap-1 rounded-full px-2 py-0.5 text-xs ring-1 ${member ? "bg-indigo-50 ring-indigo-200" : "ring-slate-200"}`}
                  >
                    <input
                      type="checkbox"
                      checked={member}
                      onChange={() =>
                        update.mutate({
                          id: g.id,
                          body: {
                            members: member
                              ? g.members.filter((m) => m.user_id !== u.id).map((m) => m.user_id)
                              : [...g.members.map((m) => m.user_id), u.id],
                          },
                        })
                      }
                    />
                    {u.email}
                  </label>
                );
              })}
              {approvers.length === 0 && (
                <span className="text-sm text-slate-500">Create users with the Approver role to add them.</span>
              )}
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
