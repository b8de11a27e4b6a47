"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import { useState } from "react";
import { type UseFormReturn, useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DirtyBar } from "@/components/ui/dirty-bar";
import { Alert, Field, Input } from "@/components/ui/field";
import { ApiError, api } from "@/lib/client/api";
import type { Wire } from "@/lib/client/wire";
import type { gateSettingsView } from "@/lib/server/metrics/gate-settings";

type Settings = Wire<Awaited<ReturnType<typeof gateSettingsView>>>;
type GateRow = Settings["gates"][number];

/** Thresholds are stored in basis points and milliseconds; people read and type % and seconds. */
const DISPLAY: Record<string, { hint: string; factor: number; short: string }> = {
  bp: { hint: "percent", factor: 100, short: "%" },
  count: { hint: "count", factor: 1, short: "" },
  min: { hint: "minutes", factor: 1, short: " min" },
  ms: { hint: "seconds", factor: 1000, short: " s" },
  pct: { hint: "% of baseline (100 = at baseline)", factor: 1, short: "% of baseline" },
};
const display = (unit: string) => DISPLAY[unit] ?? { hint: unit, factor: 1, short: ` ${unit}` };
export const toShown = (unit: string, stored: number) => Number((stored / display(unit).factor).toFixed(6));
export const toStored = (unit: string, shown: number) => Math.round(shown * display(unit).factor * 1e6) / 1e6;
export const GATE_SETTINGS_KEY = ["gate-settings"] as const;

const amount = z.number({ error: "Enter a number." }).min(0, "Must be 0 or more.").max(1_000_000, "Too large.");
const gateValues = z.object({
  target: amount,
  block: amount,
  window: z
    .number({ error: "Enter whole minutes." })
    .int("Enter whole minutes.")
    .min(1, "From 1 to 1440 minutes.")
    .max(1440, "From 1 to 1440 minutes."),
  sustained: z.boolean(),
  owner: z.string().trim().min(1, "Name who owns this gate.").max(100, "At most 100 characters."),
});
const formSchema = z.object({
  gates: z.record(z.string(), gateValues),
  webhook: z.string().trim().max(2000, "At most 2000 characters."),
});
type FormValues = z.infer<typeof formSchema>;

function valuesOf(s: Settings): FormValues {
  return {
    gates: Object.fromEntries(
      s.gates.map((g) => [
        g.metric,
        {
          target: toShown(g.unit, g.target),
          block: toShown(g.unit, g.block),
          window: g.window_minutes,
          sustained: g.sustained,
          owner: g.owner,
        },
      ]),
    ),
    webhook: s.webhook_url ?? "",
  };
}

const targetLabel = (g: GateRow) =>
  g.target_op === "band" ? "Target band (± %)" : `Target (${g.target_op === "<" ? "below" : "at most"})`;

/** Gate thresholds for everyone to read; admins (settings:manage) edit them with one save, each change audited. */
export function GateSettings({ canEdit }: { canEdit: boolean }) {
  const q = useQuery({ queryKey: GATE_SETTINGS_KEY, queryFn: () => api<Settings>("/api/console/gates") });
  if (q.isError) return <Alert>Gate settings could not be loaded.</Alert>;
  if (!q.data) return <div className="h-40 animate-pulse rounded-xl bg-slate-100" role="status" aria-label="Loading" />;
  return canEdit ? <GateSettingsForm settings={q.data} /> : <GateSettingsReadOnly settings={q.data} />;
}

function GateSettingsReadOnly({ settings }: { settings: Settings }) {
  return (
    <div className="space-y-4" data-testid="gate-settings-read-only">
      <div className="grid gap-4 lg:grid-cols-2">
        {settings.gates.map((g) => {
          const u = display(g.unit);
          return (
            <Card key={g.metric} title={g.title} actions={<EditedBy gate={g} />}>
              <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm" aria-label={`${g.title} thresholds`}>
                <Fact label={targetLabel(g)} value={`${toShown(g.unit, g.target)}${u.short}`} />
                <Fact label="Blocks above" value={`${toShown(g.unit, g.block)}${u.short}`} />
                <Fact
                  label="Window"
                  value={`${g.window_minutes} min${g.sustained ? ", sustained (held every minute)" : ""}`}
                />
                <Fact label="Owner" value={g.owner || "not set"} />
              </dl>
            </Card>
          );
        })}
      </div>
      <Card title="State-change webhook">
        <p className="text-sm text-slate-800">
          {settings.webhook_url ? (
            <>
              Every gate state change is POSTed to <span className="break-all font-mono">{settings.webhook_url}</span>.
            </>
          ) : (
            "Off: gate state changes are not sent anywhere."
          )}
        </p>
      </Card>
      <p className="text-sm text-slate-500">Only admins change thresholds.</p>
    </div>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="font-medium text-slate-900">{value}</dd>
    </div>
  );
}

function EditedBy({ gate }: { gate: GateRow }) {
  return gate.updated_at !== null ? (
    <span className="text-xs text-slate-500" title={gate.updated_at ?? undefined}>
      edited by {gate.updated_by}
    </span>
  ) : (
    <span className="text-xs text-slate-600">Default thresholds</span>
  );
}

function GateSettingsForm({ settings }: { settings: Settings }) {
  const qc = useQueryClient();
  const form = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: valuesOf(settings) });
  const [saved, setSaved] = useState<string | null>(null);
  const { dirtyFields, isDirty } = form.formState;
  const dirtyGates = settings.gates.filter((g) => dirtyFields.gates?.[g.metric]);
  const webhookDirty = Boolean(dirtyFields.webhook);
  const save = useMutation({
    mutationFn: (values: FormValues) =>
      api<Settings>("/api/console/gates", {
        method: "PUT",
        body: {
          gates: dirtyGates.map((g) => {
            const v = values.gates[g.metric];
            return {
              metric: g.metric,
              target: toStored(g.unit, v.target),
              block: toStored(g.unit, v.block),
              window_minutes: v.window,
              sustained: v.sustained,
              owner: v.owner,
            };
          }),
          ...(webhookDirty ? { webhook_url: values.webhook.trim() || null } : {}),
        },
      }),
    onSuccess: (data) => {
      qc.setQueryData(GATE_SETTINGS_KEY, data);
      form.reset(valuesOf(data));
      setSaved("Saved. The gates use the new thresholds from their next evaluation.");
    },
  });
  // Field errors from the server: paths are gates.<index in the body>.<field> and url.
  const serverError = (path: string) =>
    save.error instanceof ApiError ? save.error.errors.find((e) => e.path === path)?.message : undefined;
  const changes = [
    dirtyGates.length ? `${dirtyGates.length} gate${dirtyGates.length === 1 ? "" : "s"}` : "",
    webhookDirty ? "the webhook" : "",
  ]
    .filter(Boolean)
    .join(" and ");
  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={form.handleSubmit((values) => {
        setSaved(null);
        save.mutate(values);
      })}
      onChange={() => setSaved(null)}
    >
      <div className="grid gap-4 lg:grid-cols-2">
        {settings.gates.map((g) => (
          <GateFields
            key={g.metric}
            gate={g}
            form={form}
            serverError={(field) => serverError(`gates.${dirtyGates.indexOf(g)}.${field}`)}
          />
        ))}
      </div>
      <Card
        title="State-change webhook"
        description="Every gate state change is POSTed here as JSON (through the SSRF guard: https, public addresses only). Empty turns it off."
      >
        <Field label="Webhook URL" error={form.formState.errors.webhook?.message ?? serverError("url")}>
          <Input type="url" placeholder="https://hooks.example.com/mcp-gates" {...form.register("webhook")} />
        </Field>
      </Card>
      <DirtyBar
        dirty={isDirty}
        saving={save.isPending}
        changes={changes || "nothing to save"}
        saved={saved}
        error={save.isError ? save.error.message : null}
        onDiscard={() => {
          form.reset();
          save.reset();
        }}
      />
    </form>
  );
}

function GateFields({
  gate,
  form,
  serverError,
}: {
  gate: GateRow;
  form: UseFormReturn<FormValues>;
  serverError: (field: string) => string | undefined;
}) {
  const errors = form.formState.errors.gates?.[gate.metric];
  const path = `gates.${gate.metric}` as const;
  const hint = display(gate.unit).hint;
  const window = form.watch(`${path}.window`);
  const fillDefaults = () => {
    const d = gate.defaults;
    const opts = { shouldDirty: true, shouldValidate: true };
    form.setValue(`${path}.target`, toShown(gate.unit, d.target), opts);
    form.setValue(`${path}.block`, toShown(gate.unit, d.block), opts);
    form.setValue(`${path}.window`, d.window_minutes, opts);
    form.setValue(`${path}.sustained`, d.sustained, opts);
    form.setValue(`${path}.owner`, d.owner, opts);
  };
  return (
    <Card
      title={gate.title}
      description={`Measured over ${gate.window_minutes} min; owner ${gate.owner || "not set"}.`}
      actions={<EditedBy gate={gate} />}
    >
      <fieldset className="grid grid-cols-2 gap-3" aria-label={`${gate.title} thresholds`}>
        <Field label={targetLabel(gate)} hint={hint} error={errors?.target?.message ?? serverError("target")}>
          <Input type="number" step="any" min={0} {...form.register(`${path}.target`, { valueAsNumber: true })} />
        </Field>
        <Field label="Blocks above" hint={hint} error={errors?.block?.message ?? serverError("block")}>
          <Input type="number" step="any" min={0} {...form.register(`${path}.block`, { valueAsNumber: true })} />
        </Field>
        <Field label="Window (minutes)" error={errors?.window?.message ?? serverError("window_minutes")}>
          <Input type="number" min={1} max={1440} {...form.register(`${path}.window`, { valueAsNumber: true })} />
        </Field>
        <Field label="Owner" error={errors?.owner?.message ?? serverError("owner")}>
          <Input {...form.register(`${path}.owner`)} />
        </Field>
        <label className="col-span-2 flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" className="h-4 w-4 rounded border-slate-300" {...form.register(`${path}.sustained`)} />
          Sustained: block only when the condition held at every minute of the window (“for{" "}
          {Number.isFinite(window) ? window : "N"} m”), not just over it
        </label>
        <div className="col-span-2 flex justify-end">
          <Button type="button" variant="ghost" onClick={fillDefaults}>
            <RotateCcw size={14} aria-hidden /> Use default values
          </Button>
        </div>
      </fieldset>
    </Card>
  );
}
