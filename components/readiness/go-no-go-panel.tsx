"use client";

import { ArrowRight, BookOpen, CircleHelp, OctagonX, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useAnnounceChange } from "@/components/ui/announcer";
import { formatRelative } from "@/components/ui/relative-time";
import type { GoNoGo, VerdictReason } from "./types";
import { durationLabel, trendLabel, VERDICT_STYLE } from "./verdict-style";

/** How many reasons of each kind fit above the fold at 1440×900; the rest are one click away. */
const SHOWN = { blockers: 5, missing: 4 };

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

/**
 * The first screen for leadership: one verdict (word, colour and icon), how long it has held,
 * and every reason in a sentence with its owner, since when, the evidence and the fix.
 */
export function GoNoGoPanel({
  verdict,
  detailsHref,
  showAll = false,
}: {
  verdict: GoNoGo;
  detailsHref: string;
  /** The readiness page lists every reason; the Overview keeps to what fits above the fold. */
  showAll?: boolean;
}) {
  const now = useNow();
  const style = VERDICT_STYLE[verdict.verdict];
  useAnnounceChange(`The verdict for ${verdict.environment} is now ${style.word}.`, verdict.environment);
  const trend = trendLabel(verdict.verdict, verdict.since, now);
  const reasons = verdict.verdict === "NO_GO" ? verdict.blockers : verdict.missing;
  const limit = showAll ? reasons.length : verdict.verdict === "NO_GO" ? SHOWN.blockers : SHOWN.missing;
  const shown = reasons.slice(0, limit);
  const more = reasons.length - shown.length;
  const judged =
    verdict.counts.checks.PASS + verdict.counts.checks.FAIL + verdict.counts.gates.PASS + verdict.counts.gates.WARN;
  const total =
    Object.values(verdict.counts.checks).reduce((a, b) => a + b, 0) +
    Object.values(verdict.counts.gates).reduce((a, b) => a + b, 0);
  return (
    <section
      data-testid="verdict-banner"
      data-verdict={verdict.verdict}
      aria-label={`Go / no-go verdict for ${verdict.environment}`}
      className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm"
    >
      <div className={`flex flex-wrap items-center gap-x-5 gap-y-2 px-5 py-4 ${style.band}`} data-testid="verdict-band">
        <style.Icon size={44} aria-hidden className="shrink-0" />
        <div className="min-w-0 flex-1">
          <p className="text-3xl font-bold tracking-tight" data-testid="verdict-word">
            {style.word}
            <span className="ml-2 text-base font-medium opacity-90">· {verdict.environment}</span>
          </p>
          <p className="text-sm font-medium opacity-95" data-testid="verdict-headline">
            {verdict.headline}
          </p>
        </div>
        <div className="text-right text-sm">
          {trend && verdict.since ? (
            <p className="text-base font-semibold" data-testid="verdict-trend">
              <time dateTime={verdict.since} title={`${verdict.since.replace("T", " ").slice(0, 19)} UTC`}>
                {trend}
              </time>
            </p>
          ) : (
            <p className="opacity-90" data-testid="verdict-trend">
              since: not recorded yet
            </p>
          )}
          <p className="opacity-90">
            {judged} of {total} gates and checks judged ·{" "}
            <time dateTime={verdict.evaluated_at} title={verdict.evaluated_at}>
              evaluated {formatRelative(now - new Date(verdict.evaluated_at).getTime())}
            </time>
          </p>
        </div>
      </div>

      <div className="px-5 py-3">
        {verdict.verdict === "GO" ? (
          <p className="text-sm text-slate-700">
            Every gate has data in its window and is clear of its block condition; every check passes on current
            evidence.
            {verdict.at_risk.length > 0 &&
              ` ${verdict.at_risk.length} gate${verdict.at_risk.length === 1 ? " is" : "s are"} off target but not blocking.`}
          </p>
        ) : (
          <>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
              {verdict.verdict === "NO_GO" ? "What blocks production" : "What has no evidence yet"}
            </h3>
            <ul className="mt-1 divide-y divide-slate-100" data-testid="verdict-reasons">
              {shown.map((r) => (
                <Reason key={`${r.kind}-${r.id}`} reason={r} now={now} />
              ))}
            </ul>
          </>
        )}
        {verdict.verdict === "NO_GO" && verdict.missing.length > 0 && (
          <p className="mt-1 text-xs text-slate-600">
            Also without evidence: {verdict.missing.length} item{verdict.missing.length === 1 ? "" : "s"}.
          </p>
        )}
        <p className="mt-2 flex flex-wrap items-center gap-x-4 text-xs">
          {more > 0 && (
            <span className="text-slate-600">
              and {more} more {verdict.verdict === "NO_GO" ? "blocking" : "without evidence"} ·
            </span>
          )}
          <Link
            href={detailsHref}
            className="inline-flex items-center gap-1 font-medium text-indigo-700 hover:underline"
          >
            Every gate and check, with evidence <ArrowRight size={12} aria-hidden />
          </Link>
        </p>
      </div>
    </section>
  );
}

function Reason({ reason, now }: { reason: VerdictReason; now: number }) {
  const blocking = reason.state === "BLOCK" || reason.state === "FAIL";
  const Icon = blocking ? OctagonX : reason.state === "WARN" ? TriangleAlert : CircleHelp;
  return (
    <li
      className="flex items-start gap-2 py-1.5"
      data-testid="verdict-reason"
      data-id={reason.id}
      data-state={reason.state}
    >
      <Icon
        size={16}
        aria-label={blocking ? "blocks" : "no evidence"}
        className={`mt-0.5 shrink-0 ${blocking ? "text-red-600" : "text-amber-600"}`}
      />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-slate-900" data-testid="verdict-sentence">
          {reason.sentence}
        </p>
        <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-500">
          <span>
            Owner <span className="font-medium text-slate-700">{reason.owner}</span>
          </span>
          {reason.since && (
            <span>
              {blocking ? "blocking" : "no data"} for{" "}
              <time dateTime={reason.since} title={`since ${reason.since.replace("T", " ").slice(0, 19)} UTC`}>
                {durationLabel(now - new Date(reason.since).getTime())}
              </time>
            </span>
          )}
          <Link href={reason.evidence_url} className="text-indigo-700 hover:underline">
            Evidence
          </Link>
          <Link href={reason.runbook_url} className="inline-flex items-center gap-0.5 text-indigo-700 hover:underline">
            <BookOpen size={11} aria-hidden /> {reason.kind === "gate" ? "Runbook" : "Fix"}
          </Link>
        </p>
      </div>
    </li>
  );
}
