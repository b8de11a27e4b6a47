"use client";

import { useConfirm } from "@/components/ui/confirm";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Alert, Field, Input, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import { api, ApiError, queryKeys } from "@/lib/client/api";

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export function UsersTable({ canManage, selfId }: { canManage: boolean; selfId: string }) {
  const qc = useQueryClient();
  const confirm = useConfirm();
  const users = useQuery({ queryKey: queryKeys.users, queryFn: () => api<{ users: UserRow[] }>("/api/console/users") });
  const [error, setError] = useState<string | null>(null);
  const update = useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Partial<UserRow> }) =>
      api(`/api/console/users/${id}`, { method: "PATCH", body: patch }),
    onSuccess: () => {
      setError(null);
      qc.invalidateQueries({ queryKey: queryKeys.users });
    },
    onError: (e) => setError(e.message),
  });

  return (
    <div className="space-y-6">
      {canManage && <CreateUser onCreated={() => qc.invalidateQueries({ queryKey: queryKeys.users })} />}
      <Card title="All users">
        {error && (
          <div className="mb-3">
            <Alert>{error}</Alert>
          </div>
        )}
        {users.isPending && <p className="text-sm text-slate-500">Loading users…</p>}
        {users.isError && <Alert>{users.error.message}</Alert>}
        {users.data && users.data.users.length === 0 && (
          <EmptyState title="No users yet">Create the first one above.</EmptyState>
        )}
        {users.data && users.data.users.length > 0 && (
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="py-2 pr-4 font-medium">User</th>
                  <th className="py-2 pr-4 font-medium">Role</th>
                  <th className="py-2 pr-4 font-medium">Status</th>
                  <th className="py-2 pr-4 font-medium">Last sign-in</th>
                  {canManage && (
                    <th className="py-2 font-medium">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {users.data.users.map((u) => (
                  <tr key={u.id} data-testid={`user-row-${u.email}`}>
                    <td className="py-2 pr-4">
                      <div className="font-medium text-slate-900">{u.name || u.email}</div>
                      {u.name && <div className="text-xs text-slate-500">{u.email}</div>}
                    </td>
                    <td className="py-2 pr-4">
                      {canManage ? (
                        <Select
                          aria-label={`Role of ${u.email}`}
                          value={u.role}
                          disabled={update.isPending}
                          onChange={async (e) => {
                            const role = e.target.value as Role;
                            const ok = await confirm({
                              title: `Make ${u.email} ${ROLE_LABELS[role]}?`,
                              description: `Their role changes from ${ROLE_LABELS[u.role]} to ${ROLE_LABELS[role]} at their next request.`,
                              confirmLabel: "Change role",
                            });
                            if (ok) update.mutate({ id: u.id, patch: { role } });
                          }}
                          className="w-40"
                        >
                          {ROLES.map((r) => (
                            <option key={r} value={r}>
                              {ROLE_LABELS[r]}
                            </option>
                          ))}
                        </Select>
                      ) : (
                        ROLE_LABELS[u.role]
                      )}
                    </td>
                    <td className="py-2 pr-4">
                      {u.disabled ? (
                        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">
                          ● Disabled
                        </span>
                      ) : (
                        <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700">
                          ● Active
                        </span>
                      )}
                    </td>
                    <td className="py-2 pr-4 text-slate-600">
                      {u.lastLoginAt ? <RelativeTime at={u.lastLoginAt} /> : "Never"}
                    </td>
                    {canManage && (
                      <td className="py-2 text-right">
                        {u.id !== selfId && (
                          <Button
                            variant="secondary"
                            disabled={update.isPending}
                            onClick={() => update.mutate({ id: u.id, patch: { disabled: !u.disabled } })}
                          >
                            {u.disabled ? "Enable" : "Disable"}
                          </Button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}

function CreateUser({ onCreated }: { onCreated: () => void }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const create = useMutation({
    mutationFn: (body: Record<string, string>) => api<UserRow>("/api/console/users", { body }),
  });

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const body = Object.fromEntries(new FormData(formEl)) as Record<string, string>;
    try {
      const user = await create.mutateAsync(body);
      setErrors({});
      setMessage({ tone: "success", text: `Created ${user.email} as ${ROLE_LABELS[user.role]}.` });
      formEl.reset();
      onCreated();
    } catch (err) {
      const fieldErrors = err instanceof ApiError ? Object.fromEntries(err.errors.map((x) => [x.path, x.message])) : {};
      setErrors(fieldErrors);
      setMessage({ tone: "error", text: err instanceof Error ? err.message : "Could not create the user." });
    }
  }

  return (
    <Card
      title="Add a user"
      description="They sign in with this e-mail and password; ask them to keep the password private."
    >
      <form onSubmit={onSubmit} className="grid gap-4 md:grid-cols-5 md:items-end">
        <Field label="Email" error={errors.email}>
          <Input name="email" type="email" required />
        </Field>
        <Field label="Name" error={errors.name}>
          <Input name="name" />
        </Field>
        <Field label="Role" error={errors.role}>
          <Select name="role" defaultValue="viewer">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Initial password" error={errors.password}>
          <Input name="password" type="password" minLength={12} required autoComplete="new-password" />
        </Field>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create user"}
        </Button>
      </form>
      {message && (
        <div className="mt-3">
          <Alert tone={message.tone}>{message.text}</Alert>
        </div>
      )}
    </Card>
  );
}
