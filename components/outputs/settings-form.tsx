"use client";

import { useQuery } from "@tanstack/react-query";
import { Check, CircleAlert } from "lucide-react";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState, type ReactNode } from "react";
import { type UseFormReturn, useForm } from "react-hook-form";
import { z } from "zod";
import { DirtyBar } from "@/components/ui/dirty-bar";
import { HOST_PATTERN } from "@/lib/schemas/output-safety";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Alert, Field, Input } from "@/components/ui/field";
import { api, ApiError } from "@/lib/client/api";
import { PatternEditor } from "./pattern-editor";
import type { SettingsView } from "./types";
import { SETTINGS_KEY as KEY, useSaveSettings } from "./use-settings";

const CATEGORIES = [
  {
    id: "steering",
    title: "Steering (quarantine)",
    hint: "Injected instructions, hidden Unicode and exfiltration links: the output is withheld for review.",
  },
  {
    id: "secret",
    title: "Secrets (redact)",
    hint: "Keys, tokens, private keys and passwords are replaced by [REDACTED:<kind>].",
  },
  {
    id: "pii",
    title: "Personal data (redact)",
    hint: "Payment cards, bank accounts, national ids, e-mail addresses and phone numbers.",
  },
] as const;

function Health({ check }: { check: SettingsView["check"] }) {
  const item = (ok: boolean, text: ReactNode) => (
    <li className="flex items-center gap-1.5">
      {ok ? (
        <Check size={14} className="text-emerald-600" aria-hidden />
      ) : (
        <CircleAlert size={14} className="text-red-600" aria-hidden />
      )}
      <span>{text}</span>
      <span className="sr-only">{ok ? "(passes)" : "(fails)"}</span>
    </li>
  );
  return (
    <div
      className="flex flex-wrap items-center gap-x-6 gap-y-2 rounded-xl border border-slate-200 bg-white px-5 py-3 text-sm shadow-sm"
      data-testid="output-safety-health"
    >
      {check.pass ? (
        <Badge tone="green">
          <Check size={12} aria-hidden /> ready
        </Badge>
      ) : (
        <Badge tone="red">
          <CircleAlert size={12} aria-hidden /> not ready
        </Badge>
      )}
      <ul className="flex flex-wrap gap-x-5 gap-y-1">
        {item(check.redactEnabled, "REDACT path enabled")}
        {item(check.quarantineEnabled, "QUARANTINE path enabled")}
        {item(check.selfTest.redact, "redaction self-test")}
        {item(check.selfTest.quarantine, "quarantine self-test")}
      </ul>
    </div>
  );
}

const hostList = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);

const formSchema = z.object({
  hosts: z
    .string()
    .refine(
      (text) => hostList(text).every((h) => h.length <= 253 && HOST_PATTERN.test(h)),
      "Each line must be a host name such as docs.example.com or *.example.com.",
    ),
  ratePct: z.number({ error: "Enter a percentage." }).min(0, "From 0 to 100.").max(100, "From 0 to 100."),
  cap: z
    .number({ error: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(1, "From 1 to 10,000.")
    .max(10_000, "From 1 to 10,000."),
  days: z
    .number({ error: "Enter whole days." })
    .int("Enter whole days.")
    .min(7, "From 7 to 3650 days.")
    .max(3650, "From 7 to 3650 days."),
  disabledKinds: z.array(z.string()),
});
type FormValues = z.infer<typeof formSchema>;

function valuesOf(view: SettingsView): FormValues {
  const s = view.settings;
  return {
    hosts: s.allowHosts.join("\n"),
    ratePct: Math.round(s.sampleRate * 10000) / 100,
    cap: s.maxSamplesPerWeek,
    days: s.retentionDays,
    disabledKinds: [...s.disabledKinds].sort(),
  };
}

function Detectors({ view, form }: { view: SettingsView; form: UseFormReturn<FormValues> }) {
  const disabled = new Set(form.watch("disabledKinds"));
  const [filter, setFilter] = useState("");
  const toggle = (kinds: string[], on: boolean) => {
    const next = new Set(disabled);
    for (const k of kinds) on ? next.delete(k) : next.add(k);
    form.setValue("disabledKinds", [...next].sort(), { shouldDirty: true });
  };
  const f = filter.trim().toLowerCase();
  return (
    <Card
      title="Detectors"
      description={`${view.kinds.length - view.kinds.filter((k) => disabled.has(k.kind)).length} of ${view.kinds.length} kinds enabled. Switching a kind off lets it through unnoticed: prefer a host allowlist or a tighter custom pattern.`}
      actions={
        <div className="w-56">
          <Input
            aria-label="Filter detectors"
            placeholder="Filter kinds…"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </div>
      }
    >
      <div className="space-y-5">
        {CATEGORIES.map((c) => {
          const kinds = view.kinds.filter(
            (k) => k.category === c.id && (!f || k.kind.includes(f) || k.description.toLowerCase().includes(f)),
          );
          if (kinds.length === 0) return null;
          const on = kinds.filter((k) => !disabled.has(k.kind)).length;
          return (
            <details
              key={c.id}
              open={c.id !== "secret" || !!f || on < kinds.length}
              className="group rounded-lg ring-1 ring-slate-200"
            >
              <summary className="flex cursor-pointer list-none flex-wrap items-baseline justify-between gap-2 px-3 py-2">
                <span className="text-sm font-semibold text-slate-900">
                  <span className="mr-1 inline-block text-slate-500 transition group-open:rotate-90" aria-hidden>
                    ›
                  </span>
                  {c.title}{" "}
                  <span className="font-normal text-slate-500">
                    · {on} of {kinds.length} on
                  </span>
                </span>
                <span className="flex gap-2 text-xs">
                  <button
                    type="button"
                    className="text-indigo-700 hover:underline"
                    onClick={(e) => {
                      e.preventDefault();
                      toggle(
                        kinds.map((k) => k.kind),
                        true,
                      );
                    }}
                  >
                    all on
                  </button>
                  <button
                    type="button"
                    className="text-indigo-700 hover:underline"
                    onClick={(e) => {
                      e.preventDefault();
                      toggle(
                        kinds.map((k) => k.kind),
                        false,
                      );
                    }}
                  >
                    all off
                  </button>
                </span>
              </summary>
              <div className="px-3 pb-3">
                <p className="mb-2 text-xs text-slate-500">{c.hint}</p>
                <div className="grid gap-x-4 gap-y-1 sm:grid-cols-2 xl:grid-cols-3">
                  {kinds.map((k) => (
                    <label
                      key={k.kind}
                      className="flex min-w-0 items-start gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-50"
                      title={k.description}
                    >
                      <input
                        type="checkbox"
                        className="mt-0.5"
                        checked={!disabled.has(k.kind)}
                        onChange={(e) => toggle([k.kind], e.target.checked)}
                        aria-label={k.kind}
                      />
                      <span className="min-w-0">
                        <span className="block font-mono text-xs text-slate-900">{k.kind}</span>
                        <span className="block truncate text-xs text-slate-500">{k.description}</span>
                      </span>
                    </label>
                  ))}
                </div>
              </div>
            </details>
          );
        })}
      </div>
    </Card>
  );
}

function Hosts({ form }: { form: UseFormReturn<FormValues> }) {
  return (
    <Card
      title="Allowed hosts for images and links"
      description="Markdown and HTML images or links that carry data to any other host are quarantined. A host also allows its subdomains."
    >
      <Field
        label="Hosts, one per line"
        hint="e.g. docs.example.com or *.example.com"
        error={form.formState.errors.hosts?.message}
      >
        <textarea
          rows={5}
          {...form.register("hosts")}
          className="block w-full rounded-md border-0 px-3 py-1.5 font-mono text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600"
        />
      </Field>
    </Card>
  );
}

function Sampling({ form }: { form: UseFormReturn<FormValues> }) {
  const errors = form.formState.errors;
  return (
    <Card
      title="False-negative review and retention"
      description="Each ISO week a random share of ALLOWed outputs is kept (encrypted) for reviewers to check for misses. Quarantined and sampled text is purged after the retention period; the records stay."
    >
      <div className="grid gap-4 sm:grid-cols-3 xl:grid-cols-1 2xl:grid-cols-3">
        <Field
          label="Sample rate (% of ALLOWed outputs)"
          hint="0 turns sampling off; 100 keeps every one"
          error={errors.ratePct?.message}
        >
          <Input type="number" min={0} max={100} step="0.01" {...form.register("ratePct", { valueAsNumber: true })} />
        </Field>
        <Field label="At most, samples per week" error={errors.cap?.message}>
          <Input type="number" min={1} max={10000} {...form.register("cap", { valueAsNumber: true })} />
        </Field>
        <Field label="Keep output text for (days)" hint="7 to 3650" error={errors.days?.message}>
          <Input type="number" min={7} max={3650} {...form.register("days", { valueAsNumber: true })} />
        </Field>
      </div>
    </Card>
  );
}

const SECTION_NAMES: Record<keyof FormValues, string> = {
  hosts: "allowed hosts",
  ratePct: "sampling",
  cap: "sampling",
  days: "retention",
  disabledKinds: "detectors",
};

/** Hosts, sampling and detectors save together (one PUT); custom patterns keep their own list editor. */
function SettingsSections({ view }: { view: SettingsView }) {
  const form = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: valuesOf(view) });
  const save = useSaveSettings();
  const [saved, setSaved] = useState(false);
  const dirtyFields = form.formState.dirtyFields as Partial<Record<keyof FormValues, unknown>>;
  const changed = [
    ...new Set(
      (Object.keys(SECTION_NAMES) as (keyof FormValues)[]).filter((k) => dirtyFields[k]).map((k) => SECTION_NAMES[k]),
    ),
  ];
  const saveError =
    save.error instanceof ApiError && save.error.errors.length
      ? save.error.errors.map((e) => `${e.path}: ${e.message}`).join("; ")
      : (save.error?.message ?? null);
  return (
    <form
      className="space-y-6"
      noValidate
      onChange={() => setSaved(false)}
      onSubmit={form.handleSubmit(async (v) => {
        setSaved(false);
        // Disabled kinds that no longer exist (a removed custom pattern) are dropped, not stored.
        const known = (k: string) =>
          view.kinds.some((d) => d.kind === k) || view.settings.customPatterns.some((c) => c.kind === k);
        const ok = await save
          .mutateAsync({
            allowHosts: hostList(v.hosts),
            sampleRate: v.ratePct / 100,
            maxSamplesPerWeek: v.cap,
            retentionDays: v.days,
            disabledKinds: v.disabledKinds.filter(known),
          })
          .then(
            () => true,
            () => false, // shown by the bar from save.error
          );
        if (!ok) return;
        form.reset(v);
        setSaved(true);
      })}
    >
      <div className="grid gap-6 xl:grid-cols-2">
        <Hosts form={form} />
        <Sampling form={form} />
      </div>
      <Detectors view={view} form={form} />
      <DirtyBar
        dirty={form.formState.isDirty}
        saving={save.isPending}
        changes={changed.join(", ") || "nothing to save"}
        saved={saved ? "Saved. The classifier uses the new settings for the next output." : null}
        error={save.isError ? saveError : null}
        onDiscard={() => {
          form.reset();
          save.reset();
        }}
      />
    </form>
  );
}

export function OutputSafetySettingsForm() {
  const view = useQuery({ queryKey: KEY, queryFn: () => api<SettingsView>("/api/console/output-safety") });
  // The pattern editor re-mounts on every saved version so its local state starts from what is stored.
  const version = useMemo(() => JSON.stringify(view.data?.settings ?? null), [view.data]);
  if (view.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (view.isError || !view.data) return <Alert>{view.error?.message ?? "Could not load the settings."}</Alert>;
  return (
    <div className="space-y-6">
      <Health check={view.data.check} />
      <SettingsSections view={view.data} />
      <PatternEditor key={version} view={view.data} />
    </div>
  );
}
