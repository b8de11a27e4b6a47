"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { api } from "@/lib/client/api";
import { STATUS_STYLE } from "./status";
import { AREAS, ENVIRONMENTS, type Environment, type ReadinessReport } from "./types";

/** The dashboard's Readiness section: the thirteen checks at a glance by area (the verdict is above it, in the go/no-go panel). */
export function ReadinessSection() {
  return (
    <Suspense fallback={<div className="mb-6 h-24 animate-pulse rounded-xl bg-slate-100" />}>
      <Section />
    </Suspense>
  );
}

function Section() {
  const params = useSearchParams();
  const environment = (ENVIRONMENTS as string[]).includes(params.get("environment") ?? "")
    ? (params.get("environment") as Environment)
    : "production";
  const q = useQuery({
    queryKey: ["readiness", environment],
    queryFn: () => api<ReadinessReport>(`/api/v1/readiness?environment=${environment}`),
    refetchInterval: 60_000,
  });
  const data = q.data;
  if (q.isError)
    return (
      <p className="mb-6 text-sm text-red-700">
        The readiness checklist could not be loaded: {(q.error as Error).message}
      </p>
    );
  if (!data)
    return (
      <div className="mb-6 h-24 animate-pulse rounded-xl bg-slate-100" role="status" aria-label="Loading readiness" />
    );
  return (
    <section className="mb-8 space-y-3" aria-labelledby="readiness-heading" data-testid="readiness-section">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h2 id="readiness-heading" className="text-base font-semibold text-slate-900">
          Readiness checklist · {environment}
        </h2>
        <Link
          href={`/readiness?environment=${environment}`}
          className="inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline"
        >
          Checklist, evidence and report <ArrowRight size={14} aria-hidden />
        </Link>
      </div>
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {AREAS.map((area) => (
          <div key={area} className="rounded-xl border border-slate-200 bg-white p-3 shadow-sm">
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{area}</h3>
            <ul className="mt-2 space-y-1.5">
              {data.checks
                .filter((c) => c.area === area)
                .map((c) => {
                  const s = STATUS_STYLE[c.status];
                  return (
                    <li
                      key={c.id}
                      className="flex items-start gap-2 text-sm"
                      data-testid={`summary-${c.id}`}
                      data-status={c.status}
                    >
                      <span
                        className={`mt-0.5 inline-flex shrink-0 items-center gap-1 rounded px-1 text-[11px] font-semibold ring-1 ring-inset ${s.chip}`}
                      >
                        <s.Icon size={12} aria-hidden /> {s.label}
                      </span>
                      <Link
                        href={`/readiness?environment=${environment}#${c.id}`}
                        className="min-w-0 text-slate-800 hover:text-indigo-700 hover:underline"
                        title={c.evidence}
                      >
                        {c.title}
                      </Link>
                      {c.stale && <span className="shrink-0 text-[11px] font-semibold text-amber-800">stale</span>}
                    </li>
                  );
                })}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
