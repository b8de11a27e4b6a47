"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Search, X } from "lucide-react";
import type { ReactNode } from "react";
import { type FieldErrors, type UseFormReturn, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { OUTCOMES, type AuditKind } from "@/lib/schemas/audit";
import {
  type AuditFilterFormOutput,
  type AuditFilterFormValues,
  auditFilterFormSchema,
  FILTER_FORM_KEYS,
  type FilterFormKey,
  toLocalInput,
} from "@/lib/schemas/audit-filter-form";
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

const errorId = (name: FilterFormKey) => `audit-filter-${name}-error`;
/** A field with an error says so to screen readers and points at the message. */
const invalidProps = (errors: FieldErrors<AuditFilterFormValues>, name: FilterFormKey) =>
  errors[name] ? { "aria-invalid": true, "aria-describedby": errorId(name) } : {};

function Labelled({
  label,
  children,
  error,
  name,
}: {
  label: string;
  children: ReactNode;
  error?: string;
  name?: FilterFormKey;
}) {
  return (
    <div className="text-xs font-medium text-slate-600">
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the control is `children`, wrapped by the label */}
      <label className="block">
        <span className="mb-1 block">{label}</span>
        {children}
      </label>
      {error && name && <FieldError id={errorId(name)} message={error} />}
    </div>
  );
}

function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <span id={id} role="alert" className="mt-1 block text-xs font-normal text-red-600">
      {message}
    </span>
  );
}

function defaultsOf(values: FilterValues): AuditFilterFormValues {
  const custom = Boolean(values.from || values.to);
  const d = Object.fromEntries(FILTER_FORM_KEYS.map((k) => [k, values[k] ?? ""])) as AuditFilterFormValues;
  return { ...d, range: custom ? "custom" : d.range, from: toLocalInput(values.from), to: toLocalInput(values.to) };
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
  const form = useForm<AuditFilterFormValues, unknown, AuditFilterFormOutput>({
    resolver: zodResolver(auditFilterFormSchema),
    defaultValues: defaultsOf(values),
  });
  const errors = form.formState.errors;
  const submit = form.handleSubmit((next) =>
    onApply({ kind, ...next, ...(values.approval_id ? { approval_id: values.approval_id } : {}) }),
  );
  const applyNow = () => void submit();
  const custom = form.watch("range") === "custom";

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Audit filters">
      <div className="flex flex-wrap items-start gap-2">
        <div className="relative min-w-0 flex-1 basis-72">
          <Search size={16} className="pointer-events-none absolute left-2.5 top-2 text-slate-500" aria-hidden />
          <Input
            {...form.register("q")}
            {...invalidProps(errors, "q")}
            aria-label="Search text"
            placeholder={
              kind === "decisions"
                ? 'Words in agent, server, tool, rule, reason (and arguments, if your role sees them) — "phrase", -exclude, or'
                : 'Words in actor, action, target (and event data, if your role sees it) — "phrase", -exclude, or'
            }
            className="pl-8"
          />
          {errors.q?.message && <FieldError id={errorId("q")} message={errors.q.message} />}
        </div>
        <div className="w-44">
          <Select
            {...form.register("range", { onChange: (e) => e.target.value !== "custom" && applyNow() })}
            aria-label="Time range"
          >
            {RANGES.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </Select>
        </div>
        {custom && <CustomRange form={form} />}
        <Button type="submit">
          <Search size={14} aria-hidden /> Search
        </Button>
      </div>
      <FilterGrid kind={kind} form={form} onSelect={applyNow} />
      <button type="submit" hidden aria-hidden tabIndex={-1} />
    </form>
  );
}

type FilterForm = UseFormReturn<AuditFilterFormValues, unknown, AuditFilterFormOutput>;

/** The per-field filters; a choice in a list applies at once, text applies with Enter or Search. */
function FilterGrid({ kind, form, onSelect }: { kind: AuditKind; form: FilterForm; onSelect: () => void }) {
  const errors = form.formState.errors;
  const text = (name: FilterFormKey, placeholder: string, extra: { mono?: boolean } = {}) => (
    <Input
      {...form.register(name)}
      {...invalidProps(errors, name)}
      placeholder={placeholder}
      aria-label={LABELS[name]}
      className={extra.mono ? "font-mono text-xs" : ""}
    />
  );
  const select = (name: FilterFormKey) => ({
    ...form.register(name, { onChange: onSelect }),
    "aria-label": LABELS[name],
  });

  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-4 xl:grid-cols-8">
      <Labelled label="Environment">
        <Select {...select("environment")}>
          <option value="">Any</option>
          <option value="production">production</option>
          <option value="staging">staging</option>
          <option value="development">development</option>
        </Select>
      </Labelled>
      {kind === "decisions" ? (
        <>
          <Labelled label="Outcome">
            <Select {...select("outcome")}>
              <option value="">Any</option>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </Select>
          </Labelled>
          <Labelled label="Class">
            <Select {...select("class")}>
              <option value="">Any</option>
              <option value="read">read</option>
              <option value="write">write</option>
              <option value="admin">admin</option>
            </Select>
          </Labelled>
        </>
      ) : (
        <>
          <Labelled label="Actor" name="actor" error={errors.actor?.message}>
            {text("actor", "email or client id")}
          </Labelled>
          <Labelled label="Event" name="event" error={errors.event?.message}>
            {text("event", "e.g. approval.")}
          </Labelled>
        </>
      )}
      <Labelled label="Agent (client id)" name="agent" error={errors.agent?.message}>
        {text("agent", "client id")}
      </Labelled>
      <Labelled label="Server" name="server" error={errors.server?.message}>
        {text("server", "e.g. github")}
      </Labelled>
      <Labelled label="Tool" name="tool" error={errors.tool?.message}>
        {text("tool", "e.g. create_issue")}
      </Labelled>
      <Labelled label="Rule" name="rule" error={errors.rule?.message}>
        {text("rule", "rule id")}
      </Labelled>
      <Labelled label="Request hash" name="request_hash" error={errors.request_hash?.message}>
        {text("request_hash", "sha256:…", { mono: true })}
      </Labelled>
    </div>
  );
}

/** From and To of a custom range, in local time; an error stands under the field it concerns. */
function CustomRange({ form }: { form: FilterForm }) {
  const errors = form.formState.errors;
  return (
    <>
      {(["from", "to"] as const).map((name) => (
        <div key={name} className="w-52">
          <Input
            type="datetime-local"
            {...form.register(name)}
            aria-label={LABELS[name]}
            {...invalidProps(errors, name)}
          />
          {errors[name]?.message && <FieldError id={errorId(name)} message={errors[name].message} />}
        </div>
      ))}
    </>
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
