"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Alert, Field, Input } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { setServerErrors } from "@/lib/client/form-errors";
import type { Wire } from "@/lib/client/wire";
import { groupSchema } from "@/lib/schemas/approval-workflow";
import type { listGroups } from "@/lib/server/approval-admin";
import type { listUsers } from "@/lib/server/users";
import { useInvalidate } from "./settings-cache";

type Group = Wire<Awaited<ReturnType<typeof listGroups>>[number]>;
type UserRow = Wire<Awaited<ReturnType<typeof listUsers>>[number]>;
type GroupInput = z.input<typeof groupSchema>;
type GroupValues = z.output<typeof groupSchema>;
const NEW_GROUP: GroupInput = { name: "", description: "", fallback: false };

/** Who may decide: named groups of approvers, one of them the fallback that escalations also reach. */
export function ApproverGroups() {
  const groups = useQuery({
    queryKey: ["approval-settings", "groups"],
    queryFn: () => api<{ groups: Group[] }>("/api/console/approver-groups"),
  });
  const users = useQuery({
    queryKey: ["approval-settings", "users"],
    queryFn: () => api<{ users: UserRow[] }>("/api/console/users"),
  });
  const approvers = (users.data?.users ?? []).filter(
    (u) => !u.disabled && (u.role === "approver" || u.role === "admin"),
  );
  return (
    <Card
      title="Approver groups"
      description="A rule's approver_group (or approver_groups, one approval from each) names who may decide. The fallback group also receives escalated requests."
    >
      <AddGroupForm />
      {groups.data?.groups.length === 0 && (
        <EmptyState title="No groups">Without groups any approver may decide any request.</EmptyState>
      )}
      <GroupList groups={groups.data?.groups ?? []} approvers={approvers} />
    </Card>
  );
}

/** A new group, checked by the API's groupSchema before it is sent; a taken name comes back beside the field. */
function AddGroupForm() {
  const form = useForm<GroupInput, unknown, GroupValues>({
    resolver: zodResolver(groupSchema),
    defaultValues: NEW_GROUP,
  });
  const refresh = useInvalidate();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const create = useMutation({ mutationFn: (body: GroupValues) => api("/api/console/approver-groups", { body }) });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (v) => {
    try {
      await create.mutateAsync(v);
    } catch (err) {
      const placed = setServerErrors(form.setError, err, ["name", "description"]);
      setMessage(placed ? null : { tone: "error", text: err instanceof Error ? err.message : "Could not add it." });
      return;
    }
    setMessage({ tone: "success", text: `Added group ${v.name}.` });
    form.reset(NEW_GROUP);
    refresh();
  });
  return (
    <form
      noValidate
      onSubmit={onSubmit}
      aria-label="Add an approver group"
      className="mb-4 grid gap-3 sm:grid-cols-[12rem_minmax(0,18rem)_auto_auto] sm:items-start sm:justify-start"
    >
      <Field label="Group name" error={errors.name?.message}>
        <Input placeholder="sre" autoComplete="off" {...form.register("name")} />
      </Field>
      <Field label="Description" error={errors.description?.message}>
        <Input {...form.register("description")} />
      </Field>
      <label className="flex items-center gap-2 text-sm sm:mt-8">
        <input type="checkbox" {...form.register("fallback")} /> Fallback group
      </label>
      <Button type="submit" className="sm:mt-6" disabled={create.isPending}>
        {create.isPending ? "Adding…" : "Add group"}
      </Button>
      {message && (
        <div className="sm:col-span-4">
          <Alert tone={message.tone}>{message.text}</Alert>
        </div>
      )}
    </form>
  );
}

/** Each group with its approvers as toggles; a toggle saves at once (one member in or out). */
function GroupList({ groups, approvers }: { groups: Group[]; approvers: UserRow[] }) {
  const refresh = useInvalidate();
  const update = useMutation({
    mutationFn: ({ id, members }: { id: string; members: string[] }) =>
      api(`/api/console/approver-groups/${id}`, { method: "PATCH", body: { members } }),
    onSettled: refresh,
  });
  return (
    <>
      {update.isError && (
        <div className="mb-3">
          <Alert>{update.error.message}</Alert>
        </div>
      )}
      <ul className="divide-y divide-slate-100">
        {groups.map((g) => (
          <li key={g.id} className="py-3" data-testid={`group-${g.name}`}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{g.name}</span>
              {g.fallback && <Badge tone="amber">fallback</Badge>}
              <span className="text-sm text-slate-500">{g.description}</span>
            </div>
            <div className="mt-2 flex flex-wrap gap-2">
              {approvers.map((u) => {
                const member = g.members.some((m) => m.user_id === u.id);
                const ids = g.members.map((m) => m.user_id);
                return (
                  <label
                    key={u.id}
                    className={`flex items-center gap-1 rounded-full px-2 py-0.5 text-xs ring-1 ${member ? "bg-indigo-50 ring-indigo-200" : "ring-slate-200"}`}
                  >
                    <input
                      type="checkbox"
                      checked={member}
                      disabled={update.isPending}
                      onChange={() =>
                        update.mutate({ id: g.id, members: member ? ids.filter((x) => x !== u.id) : [...ids, u.id] })
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
    </>
  );
}
