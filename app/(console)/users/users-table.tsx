"use client";

import { useConfirm } from "@/components/ui/confirm";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { columnsFor, DataTable, type ListColumn } from "@/components/ui/data-table";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Alert, Field, Input, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import { api, ApiError, queryKeys } from "@/lib/client/api";
import type { Wire } from "@/lib/client/wire";
import type { listUsers } from "@/lib/server/users";

type UserRow = Wire<Awaited<ReturnType<typeof listUsers>>[number]>;
const u = columnsFor<UserRow>();

const USER_COLUMN = u.accessor((r) => r.name || r.email, {
  id: "user",
  header: "User",
  cell: (c) => (
    <>
      <div className="font-medium text-slate-900">{c.getValue()}</div>
      {c.row.original.name && <div className="text-xs text-slate-500">{c.row.original.email}</div>}
    </>
  ),
}) as ListColumn<UserRow>;
const STATUS_COLUMN = u.accessor((r) => (r.disabled ? "Disabled" : "Active"), {
  id: "status",
  header: "Status",
  meta: { className: "hidden sm:table-cell whitespace-nowrap" },
  cell: (c) =>
    c.row.original.disabled ? (
      <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">● Disabled</span>
    ) : (
      <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700">● Active</span>
    ),
}) as ListColumn<UserRow>;
const LAST_LOGIN_COLUMN = u.accessor((r) => r.lastLoginAt ?? "", {
  id: "lastLogin",
  header: "Last sign-in",
  meta: { className: "hidden md:table-cell whitespace-nowrap" },
  sortFn: "basic",
  cell: (c) => (
    <span className="text-slate-600">
      {c.row.original.lastLoginAt ? <RelativeTime at={c.row.original.lastLoginAt} /> : "Never"}
    </span>
  ),
}) as ListColumn<UserRow>;

export function UsersTable({ canManage, selfId }: { canManage: boolean; selfId: string }) {
  const qc = useQueryClient();
  const users = useQuery({ queryKey: queryKeys.users, queryFn: () => api<{ users: UserRow[] }>("/api/console/users") });
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  const update = useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Partial<UserRow> }) =>
      api(`/api/console/users/${id}`, { method: "PATCH", body: patch }),
    onSuccess: () => {
      setError(null);
      qc.invalidateQueries({ queryKey: queryKeys.users });
    },
    onError: (e) => setError(e.message),
  });

  const columns = useMemo(() => {
    const all = [
      USER_COLUMN,
      u.accessor("role", {
        header: "Role",
        sortFn: "text",
        cell: (c) => {
          const row = c.row.original;
          if (!canManage) return ROLE_LABELS[row.role];
          return (
            <RoleSelect
              row={row}
              busy={update.isPending}
              onRole={(role) => update.mutate({ id: row.id, patch: { role } })}
            />
          );
        },
      }),
      STATUS_COLUMN,
      LAST_LOGIN_COLUMN,
    ] as ListColumn<UserRow>[];
    if (!canManage) return all;
    return [
      ...all,
      u.display({
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        enableHiding: false,
        meta: { className: "text-right" },
        cell: (c) =>
          c.row.original.id !== selfId && (
            <DisableToggle
              row={c.row.original}
              busy={update.isPending}
              onToggle={(disabled) => update.mutate({ id: c.row.original.id, patch: { disabled } })}
            />
          ),
      }) as ListColumn<UserRow>,
    ];
  }, [canManage, selfId, update]);

  const needle = filter.trim().toLowerCase();
  const shown = (users.data?.users ?? []).filter(
    (u) => !needle || u.email.toLowerCase().includes(needle) || u.name.toLowerCase().includes(needle),
  );

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
          <div className="mb-3 max-w-sm">
            <Input
              type="search"
              aria-label="Filter users by name or e-mail"
              placeholder="Filter by name or e-mail"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          </div>
        )}
        {users.data && users.data.users.length > 0 && (
          <DataTable
            data={shown}
            columns={columns}
            rowId={(u) => u.id}
            rowTestId={(u) => `user-row-${u.email}`}
            noun="users"
            testId="users"
            initialSort={{ id: "user", desc: false }}
          />
        )}
      </Card>
    </div>
  );
}

/** The API's createUserSchema with its errors in plain words, checked beside each field before sending. */
const createUserForm = z.object({
  email: z.email("Enter an e-mail address.").max(320, "At most 320 characters."),
  name: z.string().trim().max(200, "At most 200 characters."),
  role: z.enum(ROLES),
  password: z.string().min(12, "At least 12 characters.").max(1024, "At most 1024 characters."),
});
type CreateUserValues = z.infer<typeof createUserForm>;
const NEW_USER: CreateUserValues = { email: "", name: "", role: "viewer", password: "" };

function CreateUser({ onCreated }: { onCreated: () => void }) {
  const form = useForm<CreateUserValues>({ resolver: zodResolver(createUserForm), defaultValues: NEW_USER });
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const create = useMutation({
    mutationFn: (body: CreateUserValues) => api<UserRow>("/api/console/users", { body }),
  });
  const onSubmit = form.handleSubmit(async (v) => {
    try {
      const user = await create.mutateAsync(v);
      setMessage({ tone: "success", text: `Created ${user.email} as ${ROLE_LABELS[user.role]}.` });
      form.reset(NEW_USER);
      onCreated();
    } catch (err) {
      // The server's word on a field (an e-mail already taken) stands beside that field.
      for (const x of err instanceof ApiError ? err.errors : [])
        if (x.path in NEW_USER) form.setError(x.path as keyof CreateUserValues, { message: x.message });
      setMessage({ tone: "error", text: err instanceof Error ? err.message : "Could not create the user." });
    }
  });
  const errors = form.formState.errors;
  return (
    <Card
      title="Add a user"
      description="They sign in with this e-mail and password; ask them to keep the password private."
    >
      <form noValidate onSubmit={onSubmit} className="grid gap-4 md:grid-cols-5 md:items-start">
        <Field label="Email" error={errors.email?.message}>
          <Input type="email" {...form.register("email")} />
        </Field>
        <Field label="Name" error={errors.name?.message}>
          <Input {...form.register("name")} />
        </Field>
        <Field label="Role" error={errors.role?.message}>
          <Select {...form.register("role")}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Initial password" error={errors.password?.message}>
          <Input type="password" autoComplete="new-password" {...form.register("password")} />
        </Field>
        <Button type="submit" className="md:mt-6" disabled={create.isPending}>
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

/** A user's role, changed only after a confirmation that says what changes. */
function RoleSelect({ row, busy, onRole }: { row: UserRow; busy: boolean; onRole: (role: Role) => void }) {
  const confirm = useConfirm();
  return (
    <Select
      aria-label={`Role of ${row.email}`}
      value={row.role}
      disabled={busy}
      onChange={async (e) => {
        const role = e.target.value as Role;
        const ok = await confirm({
          title: `Make ${row.email} ${ROLE_LABELS[role]}?`,
          description: `Their role changes from ${ROLE_LABELS[row.role]} to ${ROLE_LABELS[role]} at their next request.`,
          confirmLabel: "Change role",
        });
        if (ok) onRole(role);
      }}
      className="w-36 min-w-36"
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r]}
        </option>
      ))}
    </Select>
  );
}

/** Disables a user (after a confirmation) or enables one again. */
function DisableToggle({
  row,
  busy,
  onToggle,
}: {
  row: UserRow;
  busy: boolean;
  onToggle: (disabled: boolean) => void;
}) {
  const confirm = useConfirm();
  return (
    <Button
      variant={row.disabled ? "secondary" : "danger"}
      disabled={busy}
      onClick={async () => {
        if (
          !row.disabled &&
          !(await confirm({
            title: `Disable ${row.email}?`,
            description: "They are signed out at their next request and cannot sign in until enabled again.",
            confirmLabel: "Disable user",
            destructive: true,
          }))
        )
          return;
        onToggle(!row.disabled);
      }}
    >
      {row.disabled ? "Enable" : "Disable"}
    </Button>
  );
}
