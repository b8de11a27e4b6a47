"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { RotateCcw, Save } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert, Field, Input } from "@/components/ui/field";
import { ApiError, api } from "@/lib/client/api";

interface GateRow {
  metric: string;
  title: string;
  unit: string;
  target_op: "<" | "<=" | "band";
  target: number;
  block: number;
  window_minutes: number;
  sustained: boolean;
  owner: string;
  defaults: { target: number; block: number; window_minutes: number; sustained: boolean; owner: string };
  updated_at: string | null;
  updated_by: string | null;
}
interface Settings {
  gates: GateRow[];
  webhook_url: string | null;
}

const UNIT_HINT: Record<string, string> = {
  bp: "basis points (100 = 1 %)",
  count: "count",
  min: "minutes",
  ms: "milliseconds",
  pct: "% of baseline (100 = at baseline)",
};
export const GATE_SETTINGS_KEY = ["gate-settings"] as const;

/** Gate thresholds for everyone to read; admins (settings:manage) edit them, each change audited. */
export function GateSettings({ canEdit }: { canEdit: boolean }) {
  const q = useQuery({ queryKey: GATE_SETTINGS_KEY, queryFn: () => api<Settings>("/api/console/gates") });
  if (q.isError) return <Alert>Gate settings could not be loaded.</Alert>;
  if (!q.data) return <div className="h-40 animate-pulse rounded-xl bg-slate-100" />;
  return (
    <div className="space-y-4">
      <div className="grid gap-4 lg:grid-cols-2">
        {q.data.gates.map((g) => (
          <GateForm key={`${g.metric}:${g.updated_at}`} gate={g} canEdit={canEdit} />
        ))}
      </div>
      <Webhook url={q.data.webhook_url} canEdit={canEdit} />
    </div>
  );
}

function GateForm({ gate, canEdit }: { gate: GateRow; canEdit: boolean }) {
  const qc = useQueryClient();
  const [form, setForm] = useState({
    target: String(gate.target),
    block: String(gate.block),
    window: String(gate.window_minutes),
    sustained: gate.sustained,
    owner: gate.owner,
  });
  const save = useMutation({
    mutationFn: () =>
      api<Settings>(`/api/console/gates/${gate.metric}`, {
        method: "PUT",
        body: {
          target: Number(form.target),
          block: Number(form.block),
          window_minutes: Number(form.window),
          sustained: form.sustained,
          owner: form.owner,
        },
      }),
    onSuccess: (data) => qc.setQueryData(GATE_SETTINGS_KEY, data),
  });
  const reset = useMutation({
    mutationFn: () => api<Settings>(`/api/console/gates/${gate.metric}`, { method: "DELETE" }),
    onSuccess: (data) => qc.setQueryData(GATE_SETTINGS_KEY, data),
  });
  const err = (path: string) =>
    save.error instanceof ApiError ? save.error.errors.find((e) => e.path === path)?.message : undefined;
  const edited = gate.updated_at !== null;
  return (
    <Card
      title={gate.title}
      description={<code className="font-mono text-xs">/api/metrics/{gate.metric}</code>}
      actions={
        edited ? (
          <span className="text-xs text-slate-500" title={gate.updated_at ?? undefined}>
            edited by {gate.updated_by}
          </span>
        ) : (
          <span className="text-xs text-slate-500">SPEC default</span>
        )
      }
    >
      <form
        className="grid grid-cols-2 gap-3"
        aria-label={`${gate.title} thresholds`}
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <fieldset disabled={!canEdit} className="contents">
          <Field
            label={
              gate.target_op === "band"
                ? "Target band (± %)"
                : `Target (${gate.target_op === "<" ? "below" : "at most"})`
            }
            hint={UNIT_HINT[gate.unit]}
            error={err("target")}
          >
            <Input
              type="number"
              step="any"
              min={0}
              value={form.target}
              onChange={(e) => setForm({ ...form, target: e.target.value })}
            />
          </Field>
          <Field label="Blocks above" hint={UNIT_HINT[gate.unit]} error={err("block")}>
            <Input
              type="number"
              step="any"
              min={0}
              value={form.block}
              onChange={(e) => setForm({ ...form, block: e.target.value })}
            />
          </Field>
          <Field label="Window (minutes)" error={err("window_minutes")}>
            <Input
              type="number"
              min={1}
              max={1440}
              value={form.window}
              onChange={(e) => setForm({ ...form, window: e.target.value })}
            />
          </Field>
          <Field label="Owner" error={err("owner")}>
            <Input value={form.owner} onChange={(e) => setForm({ ...form, owner: e.target.value })} />
          </Field>
          <label className="col-span-2 flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={form.sustained}
              onChange={(e) => setForm({ ...form, sustained: e.target.checked })}
              className="h-4 w-4 rounded border-slate-300"
            />
            Sustained: block only when the condition held at every minute of the window (“for {form.window} m”), not
            just over it
          </label>
        </fieldset>
        {save.isError && (
          <div className="col-span-2">
            <Alert>{(save.error as Error).message}</Alert>
          </div>
        )}
        {save.isSuccess && (
          <div className="col-span-2">
            <Alert tone="success">Saved. The gates use it from the next evaluation.</Alert>
          </div>
        )}
        {canEdit && (
          <div className="col-span-2 flex justify-end gap-2">
            {edited && (
              <Button type="button" variant="ghost" onClick={() => reset.mutate()} disabled={reset.isPending}>
                <RotateCcw size={14} aria-hidden /> Reset to default
              </Button>
            )}
            <Button type="submit" disabled={save.isPending}>
              <Save size={14} aria-hidden /> Save {gate.title.toLowerCase()}
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}

function Webhook({ url, canEdit }: { url: string | null; canEdit: boolean }) {
  const qc = useQueryClient();
  const [value, setValue] = useState(url ?? "");
  const save = useMutation({
    mutationFn: () =>
      api<Settings>("/api/console/gates/webhook", { method: "PUT", body: { url: value.trim() || null } }),
    onSuccess: (data) => qc.setQueryData(GATE_SETTINGS_KEY, data),
  });
  return (
    <Card
      title="State-change webhook"
      description="Every gate state change is POSTed here as JSON (through the SSRF guard: https, public addresses only)."
    >
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <div className="min-w-64 flex-1">
          <Field label="Webhook URL" error={save.error instanceof ApiError ? save.error.message : undefined}>
            <Input
              type="url"
              placeholder="https://hooks.example.com/mcp-gates"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              disabled={!canEdit}
            />
          </Field>
        </div>
        {canEdit && (
          <Button type="submit" disabled={save.isPending}>
            Save webhook
          </Button>
        )}
      </form>
      {save.isSuccess && (
        <div className="mt-2">
          <Alert tone="success">{value.trim() ? "Webhook saved." : "Webhook turned off."}</Alert>
        </div>
      )}
    </Card>
  );
}
