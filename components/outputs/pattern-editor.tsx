"use client";

import { useMutation } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Alert, Field, Input, Select } from "@/components/ui/field";
import { api, ApiError } from "@/lib/client/api";
import { CATEGORY_STYLE, HighlightedText } from "./highlighted-text";
import { useSaveSettings } from "./use-settings";
import type { CustomPattern, SettingsView } from "./types";

interface TestResult {
  action: "ALLOW" | "REDACT" | "QUARANTINE";
  output: unknown;
  findings: { kind: string; category: string; start: number; end: number; confidence: number }[];
  candidateMatches: number;
}

const ACTION_TONE = { ALLOW: "green", REDACT: "amber", QUARANTINE: "red" } as const;

function errorText(e: Error): string {
  return e instanceof ApiError && e.errors.length ? e.errors.map((x) => x.message).join("; ") : e.message;
}

/** Custom patterns: listed with their category, added after a safety check, tried out in a test box first. */
export function PatternEditor({ view }: { view: SettingsView }) {
  const patterns = view.settings.customPatterns;
  const [draft, setDraft] = useState<CustomPattern>({ kind: "", pattern: "", category: "secret", description: "" });
  const [sample, setSample] = useState("");
  const save = useSaveSettings();
  const test = useMutation({
    mutationFn: () =>
      api<TestResult>("/api/console/output-safety/test", {
        body: { sample, category: draft.category, ...(draft.pattern ? { pattern: draft.pattern } : {}) },
      }),
    meta: { readOnly: true },
  });
  const set = (patch: Partial<CustomPattern>) => {
    setDraft((d) => ({ ...d, ...patch }));
    test.reset();
    save.reset();
  };
  return (
    <Card
      title="Custom patterns"
      description={
        "Your own formats (employee ids, internal tokens), in RE2 syntax: matched in time linear in the output, " +
        "so no pattern can stall the classifier. Backreferences and lookaround are not available. " +
        "Start with (?i) for case-insensitive."
      }
    >
      {patterns.length === 0 ? (
        <EmptyState title="No custom patterns">Add one below; try it on a sample first.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="custom-patterns">
          {patterns.map((p) => (
            <li key={p.kind} className="flex items-start justify-between gap-3 py-2">
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-mono text-sm text-slate-900">{p.kind}</span>
                  <Badge tone={CATEGORY_STYLE[p.category].badge}>{CATEGORY_STYLE[p.category].label}</Badge>
                  {view.settings.disabledKinds.includes(p.kind) && <Badge tone="slate">off</Badge>}
                </div>
                <code className="mt-0.5 block break-all font-mono text-xs text-slate-600">{p.pattern}</code>
                {p.description && <p className="text-xs text-slate-500">{p.description}</p>}
              </div>
              <Button
                variant="ghost"
                aria-label={`Remove ${p.kind}`}
                disabled={save.isPending}
                onClick={() =>
                  save.mutate({
                    customPatterns: patterns.filter((x) => x.kind !== p.kind),
                    disabledKinds: view.settings.disabledKinds.filter((k) => k !== p.kind),
                  })
                }
              >
                <Trash2 size={14} aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-4 space-y-3 rounded-lg bg-slate-50 p-4" data-testid="pattern-form">
        <h3 className="text-sm font-semibold text-slate-900">New pattern</h3>
        <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
          <Field label="Name (becomes [REDACTED:name])" hint="lower-case letters, digits and _">
            <Input value={draft.kind} onChange={(e) => set({ kind: e.target.value })} placeholder="employee_id" />
          </Field>
          <Field label="Category">
            <Select
              value={draft.category}
              onChange={(e) => set({ category: e.target.value as CustomPattern["category"] })}
            >
              <option value="secret">secret → redact</option>
              <option value="pii">PII → redact</option>
              <option value="steering">steering → quarantine</option>
            </Select>
          </Field>
        </div>
        <Field label="Pattern (RE2 regular expression)">
          <Input
            value={draft.pattern}
            onChange={(e) => set({ pattern: e.target.value })}
            placeholder="EMP-\d{6}"
            className="font-mono"
          />
        </Field>
        <Field label="Description (optional)">
          <Input value={draft.description} onChange={(e) => set({ description: e.target.value })} />
        </Field>
        <Field
          label="Test sample"
          hint="Run the classifier as configured, plus this pattern, over some text. Nothing is stored."
        >
          <textarea
            rows={3}
            value={sample}
            onChange={(e) => {
              setSample(e.target.value);
              test.reset();
            }}
            className="block w-full rounded-md border-0 px-3 py-1.5 font-mono text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600"
          />
        </Field>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" disabled={!sample || test.isPending} onClick={() => test.mutate()}>
            Test
          </Button>
          <Button
            disabled={!draft.kind || !draft.pattern || save.isPending}
            onClick={() =>
              save.mutate(
                { customPatterns: [...patterns, draft] },
                { onSuccess: () => setDraft({ kind: "", pattern: "", category: "secret", description: "" }) },
              )
            }
          >
            Add pattern
          </Button>
        </div>
        {test.isError && <Alert>{errorText(test.error)}</Alert>}
        {save.isError && <Alert>{errorText(save.error)}</Alert>}
        {test.data && (
          <div className="space-y-2" data-testid="pattern-test-result">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <Badge tone={ACTION_TONE[test.data.action]}>{test.data.action}</Badge>
              <span>
                {draft.pattern
                  ? `${test.data.candidateMatches} match${test.data.candidateMatches === 1 ? "" : "es"} of the new pattern`
                  : "no new pattern"}
                , {test.data.findings.length} finding{test.data.findings.length === 1 ? "" : "s"} in all
              </span>
            </div>
            <HighlightedText text={sample} marks={test.data.findings} before={false} after={false} />
          </div>
        )}
      </div>
    </Card>
  );
}
