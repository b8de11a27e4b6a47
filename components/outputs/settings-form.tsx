"use client";

import { useQuery } from "@tanstack/react-query";
import { Check, CircleAlert } from "lucide-react";
import { useMemo, useState, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
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

function SaveState({ m }: { m: ReturnType<typeof useSaveSettings> }) {
  if (m.isError)
    return (
      <Alert>
        {m.error instanceof ApiError && m.error.errors.length
          ? m.error.errors.map((e) => `${e.path}: ${e.message}`).join("; ")
          : m.error.message}
      </Alert>
    );
  if (m.isSuccess)
    return (
      <span role="status" className="text-sm text-emerald-700">
        Saved.
      </span>
    );
  return null;
}

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

function Detectors({ view }: { view: SettingsView }) {
  const [disabled, setDisabled] = useState(() => new Set(view.settings.disabledKinds));
  const [filter, setFilter] = useState("");
  const save = useSaveSettings();
  const dirty = [...disabled].sort().join() !== [...view.settings.disabledKinds].sort().join();
  const toggle = (kinds: string[], on: boolean) =>
    setDisabled((prev) => {
      const next = new Set(prev);
      for (const k of kinds) on ? next.delete(k) : next.add(k);
      return next;
    });
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
        <div className="flex items-center gap-3">
          <Button
            disabled={!dirty || save.isPending}
            onClick={() =>
              save.mutate({
                disabledKinds: [...disabled].filter(
                  (k) => view.kinds.some((d) => d.kind === k) || view.settings.customPatterns.some((c) => c.kind === k),
                ),
              })
            }
          >
            Save detectors
          </Button>
          {dirty && <span className="text-sm text-amber-700">Unsaved changes</span>}
          <SaveState m={save} />
        </div>
      </div>
    </Card>
  );
}

function Hosts({ view }: { view: SettingsView }) {
  const [text, setText] = useState(view.settings.allowHosts.join("\n"));
  const save = useSaveSettings();
  const hosts = text
    .split(/[\s,]+/)
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return (
    <Card
      title="Allowed hosts for images and links"
      description="Markdown and HTML images or links that carry data to any other host are quarantined. A host also allows its subdomains."
    >
      <Field label="Hosts, one per line" hint="e.g. docs.example.com or *.example.com">
        <textarea
          rows={5}
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="block w-full rounded-md border-0 px-3 py-1.5 font-mono text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600"
        />
      </Field>
      <div className="mt-3 flex items-center gap-3">
        <Button disabled={save.isPending} onClick={() => save.mutate({ allowHosts: hosts })}>
          Save hosts
        </Button>
        <SaveState m={save} />
      </div>
    </Card>
  );
}

function Sampling({ view }: { view: SettingsView }) {
  const s = view.settings;
  const [rate, setRate] = useState(String(Math.round(s.sampleRate * 10000) / 100));
  const [cap, setCap] = useState(String(s.maxSamplesPerWeek));
  const [days, setDays] = useState(String(s.retentionDays));
  const save = useSaveSettings();
  return (
    <Card
      title="False-negative review and retention"
      description="Each ISO week a random share of ALLOWed outputs is kept (encrypted) for reviewers to check for misses. Quarantined and sampled text is purged after the retention period; the records stay."
    >
      <div className="grid gap-4 sm:grid-cols-3 xl:grid-cols-1 2xl:grid-cols-3">
        <Field label="Sample rate (% of ALLOWed outputs)" hint="0 turns sampling off; 100 keeps every one">
          <Input type="number" min={0} max={100} step="0.01" value={rate} onChange={(e) => setRate(e.target.value)} />
        </Field>
        <Field label="At most, samples per week">
          <Input type="number" min={1} max={10000} value={cap} onChange={(e) => setCap(e.target.value)} />
        </Field>
        <Field label="Keep output text for (days)" hint="7 to 3650">
          <Input type="number" min={7} max={3650} value={days} onChange={(e) => setDays(e.target.value)} />
        </Field>
      </div>
      <div className="mt-3 flex items-center gap-3">
        <Button
          disabled={save.isPending}
          onClick={() =>
            save.mutate({ sampleRate: Number(rate) / 100, maxSamplesPerWeek: Number(cap), retentionDays: Number(days) })
          }
        >
          Save sampling and retention
        </Button>
        <SaveState m={save} />
      </div>
    </Card>
  );
}

export function OutputSafetySettingsForm() {
  const view = useQuery({ queryKey: KEY, queryFn: () => api<SettingsView>("/api/console/output-safety") });
  // Sections re-mount on every saved version so their local state starts from what is stored.
  const version = useMemo(() => JSON.stringify(view.data?.settings ?? null), [view.data]);
  if (view.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (view.isError || !view.data) return <Alert>{view.error?.message ?? "Could not load the settings."}</Alert>;
  return (
    <div className="space-y-6" key={version}>
      <Health check={view.data.check} />
      <div className="grid gap-6 xl:grid-cols-2">
        <Hosts view={view.data} />
        <Sampling view={view.data} />
      </div>
      <Detectors view={view.data} />
      <PatternEditor view={view.data} />
    </div>
  );
}
