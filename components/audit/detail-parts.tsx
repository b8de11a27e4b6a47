import { CheckCircle2, ShieldAlert } from "lucide-react";
import type { ReactNode } from "react";

export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-0.5 py-1.5 text-sm sm:grid-cols-[10rem_1fr] sm:gap-2">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

export function Mono({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <code className="break-all font-mono text-xs text-slate-700" title={title}>
      {children}
    </code>
  );
}

export function Json({ value, testId }: { value: unknown; testId?: string }) {
  return (
    <pre
      className="max-h-80 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800 ring-1 ring-inset ring-slate-200"
      data-testid={testId}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** Whether this one record's stored hash recomputes from its fields and its predecessor's hash. */
export function HashCheck({ ok }: { ok: boolean }) {
  return ok ? (
    <span className="inline-flex items-center gap-1 text-emerald-700">
      <CheckCircle2 size={14} aria-hidden /> recomputes
    </span>
  ) : (
    <span className="inline-flex items-center gap-1 font-medium text-red-700">
      <ShieldAlert size={14} aria-hidden /> does NOT recompute — this record was altered
    </span>
  );
}

export function Hidden({ what }: { what: string }) {
  return (
    <p className="text-sm text-slate-500" data-testid="payload-hidden">
      Your role sees metadata only; {what} are visible to auditors and admins.
    </p>
  );
}

export function Time({ at }: { at: string | null }) {
  if (!at) return <>—</>;
  return <time dateTime={at}>{at.replace("T", " ").slice(0, 23)} UTC</time>;
}
