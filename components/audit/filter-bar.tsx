"use client";

import { Search, X } from "lucide-react";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { OUTCOMES, type AuditKind } from "@/lib/schemas/audit";
import type { FilterKey, FilterValues } from "./use-audit-filters";

const RANGES: [string, string][] = [
  ["", "All time"],
  ["15m", "Last 15 minutes"],
  ["1h", "Last hour"],
  ["24h", "Last 24 hours"],
  ["7d", "Last 7 days"],
  ["30d", "Last 30 days"],
  ["90d", "Last 90 days"],
  ["custom", "Custom range…"],
];

const LABELS: Record<FilterKey, string> = {
  kind: "Kind",
  range: "Range",
  from: "From",
  to: "To",
  environment: "Environment",
  agent: "Agent",
  server: "Server",
  tool: "Tool",
  outcome: "Outcome",
  class: "Class",
  rule: "Rule",
  actor: "Actor",
  event: "Event",
  request_hash: "Request hash",
  approval_id: "Approval",
  q: "Text",
};

/** datetime-local shows local time; the URL keeps ISO 8601 UTC. */
const toLocalInput = (iso?: string) => {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (v: FormDataEntryValue | null) => (typeof v === "string" && v ? new Date(v).toISOString() : "");

function Labelled({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is `children`, wrapped by the label
    <label className={`block text-xs font-medium text-slate-600 ${wide ? "sm:col-span-2" : ""}`}>
      <span className="mb-1 block">{label}</span>
      {children}
    </label>
  );
}

export function FilterBar({
  kind,
  values,
  onApply,
}: {
  kind: AuditKind;
  values: FilterValues;
  onApply: (v: FilterValues) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [custom, setCustom] = useState(Boolean(values.from || values.to));

  function submit(e?: FormEvent) {
    e?.preventDefault();
    const data = new FormData(form.current!);
    const next: FilterValues = { kind };
    for (const [k, v] of data.entries())
      if (typeof v === "string" && v.trim() && k !== "from" && k !== "to") next[k as FilterKey] = v.trim();
    if (next.range === "custom") {
      delete next.range;
      next.from = fromLocalInput(data.get("from"));
      next.to = fromLocalInput(data.get("to"));
    }
    if (values.approval_id) next.approval_id = values.approval_id;
    onApply(next);
  }
  const applyNow = () => form.current?.requestSubmit();
  const text = (name: FilterKey, placeholder: string, extra: { mono?: boolean } = {}) => (
    <Input
      name={name}
      defaultValue={values[name] ?? ""}
      placeholder={placeholder}
      aria-label={LABELS[name]}
      className={extra.mono ? "font-mono text-xs" : ""}
    />
  );

  return (
    <form ref={form} onSubmit={submit} className="space-y-3" aria-label="Audit filters">
      <div className="flex flex-wrap items-end gap-2">
        <div className="relative min-w-0 flex-1 basis-72">
          <Search size={16} className="pointer-events-none absolute left-2.5 top-2 text-slate-500" aria-hidden />
          <Input
            name="q"
            defaultValue={values.q ?? ""}
            aria-label="Search text"
            placeholder={
              kind === "decisions"
                ? 'Words in agent, server, tool, rule, reason (and arguments, if your role sees them) — "phrase", -exclude, or'
                : 'Words in actor, action, target (and event data, if your role sees it) — "phrase", -exclude, or'
            }
            className="pl-8"
          />
        </div>
        <div className="w-44">
          <Select
            name="range"
            aria-label="Time range"
            defaultValue={custom ? "custom" : (values.range ?? "")}
            onChange={(e) => (e.target.value === "custom" ? setCustom(true) : (setCustom(false), applyNow()))}
          >
            {RANGES.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </Select>
        </div>
        {custom && (
          <>
            <div className="w-52">
              <Input type="datetime-local" name="from" aria-label="From" defaultValue={toLocalInput(values.from)} />
            </div>
            <div className="w-52">
              <Input type="datetime-local" name="to" aria-label="To" defaultValue={toLocalInput(values.to)} />
            </div>
          </>
        )}
        <Button type="submit">
          <Search size={14} aria-hidden /> Search
        </Button>
      </div>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4 xl:grid-cols-8">
        <Labelled label="Environment">
          <Select
            name="environment"
            aria-label="Environment"
            defaultValue={values.environment ?? ""}
            onChange={applyNow}
          >
            <option value="">Any</option>
            <option value="production">production</option>
            <option value="staging">staging</option>
            <option value="development">development</option>
          </Select>
        </Labelled>
        {kind === "decisions" ? (
          <>
            <Labelled label="Outcome">
              <Select name="outcome" aria-label="Outcome" defaultValue={values.outcome ?? ""} onChange={applyNow}>
                <option value="">Any</option>
                {OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </Select>
            </Labelled>
            <Labelled label="Class">
              <Select name="class" aria-label="Class" defaultValue={values.class ?? ""} onChange={applyNow}>
                <option value="">Any</option>
                <option value="read">read</option>
                <option value="write">write</option>
                <option value="admin">admin</option>
              </Select>
            </Labelled>
          </>
        ) : (
          <>
            <Labelled label="Actor">{text("actor", "email or client id")}</Labelled>
            <Labelled label="Event">{text("event", "e.g. approval.")}</Labelled>
          </>
        )}
        <Labelled label="Agent (client id)">{text("agent", "client id")}</Labelled>
        <Labelled label="Server">{text("server", "e.g. github")}</Labelled>
        <Labelled label="Tool">{text("tool", "e.g. create_issue")}</Labelled>
        <Labelled label="Rule">{text("rule", "rule id")}</Labelled>
        <Labelled label="Request hash">{text("request_hash", "sha256:…", { mono: true })}</Labelled>
      </div>
      <button type="submit" hidden aria-hidden tabIndex={-1} />
    </form>
  );
}

/** The active filters as removable chips, so a shared link says what it shows. */
export function ActiveFilters({
  values,
  onRemove,
  onClear,
}: {
  values: FilterValues;
  onRemove: (k: FilterKey) => void;
  onClear: () => void;
}) {
  const active = (Object.entries(values) as [FilterKey, string][]).filter(([k]) => k !== "kind");
  if (active.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-1.5" data-testid="active-filters">
      {active.map(([k, v]) => (
        <span
          key={k}
          className="inline-flex max-w-full items-center gap-1 rounded-full bg-indigo-50 py-0.5 pl-2.5 pr-1 text-xs text-indigo-800 ring-1 ring-inset ring-indigo-200"
        >
          <span className="font-medium">{LABELS[k]}:</span>
          <span className="truncate font-mono">
            {k === "from" || k === "to" ? v.replace("T", " ").slice(0, 16) : v}
          </span>
          <button
            type="button"
            onClick={() => onRemove(k)}
            aria-label={`Remove ${LABELS[k]} filter`}
            className="rounded-full p-0.5 hover:bg-indigo-100"
          >
            <X size={12} aria-hidden />
          </button>
        </span>
      ))}
      <button
        type="button"
        onClick={onClear}
        className="text-xs font-medium text-slate-600 underline-offset-2 hover:underline"
      >
        Clear all
      </button>
    </div>
  );
}
