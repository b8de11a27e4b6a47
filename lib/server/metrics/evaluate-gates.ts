import "server-only";
import { processSlot } from "../singleton";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import { env } from "@/lib/env";
import {
  evaluateGates,
  gateDefinition,
  metricValue,
  type GateResult,
  type GateState,
  type MetricName,
  type Verdict,
} from "@/lib/metrics/gates";
import { windowBounds } from "@/lib/metrics/windows";
import { createGuardedFetch } from "../ssrf";
import { loadGateInputs } from "./gate-data";
import { getWebhookUrl, loadGateDefinitions, webhookSsrfEnvironment } from "./gate-settings";
import { log } from "../log";

export const ENVIRONMENTS: Environment[] = ["production", "staging", "development"];

/** One metric as the plain-integer endpoint answers it; null = NO_DATA. */
export async function computeMetric(
  prisma: PrismaClient,
  environment: Environment,
  metric: MetricName,
  windowMinutes: number,
  now = Date.now(),
): Promise<number | null> {
  const { start, end } = windowBounds(now, windowMinutes);
  const inputs = await loadGateInputs(prisma, [metric], {
    environment,
    from: start,
    to: end,
    now,
    denyWindowStart: start,
    grain: "window",
  });
  return metricValue(metric, inputs, now, windowMinutes);
}

export interface GateReport {
  environment: Environment;
  verdict: Verdict;
  evaluatedAt: string;
  gates: (GateResult & { since: string | null })[];
}

/**
 * Every gate of one environment at `now`. With `record`, state changes are stored as history
 * (exactly once across processes) and sent to the webhook.
 */
export async function evaluateEnvironmentGates(
  prisma: PrismaClient,
  environment: Environment,
  now = Date.now(),
  opts: { record?: boolean } = { record: true },
): Promise<GateReport> {
  const defs = await loadGateDefinitions(prisma);
  const span = Math.max(...defs.map((d) => (d.sustained ? 2 : 1) * d.windowMinutes));
  const { start, end } = windowBounds(now, span);
  const deny = defs.find((d) => d.metric === "deny-rate-baseline-percent")!;
  const inputs = await loadGateInputs(
    prisma,
    defs.map((d) => d.metric),
    { environment, from: start, to: end, now, denyWindowStart: windowBounds(now, deny.windowMinutes).start },
  );
  const { verdict, gates } = evaluateGates(defs, inputs, now);
  const since =
    opts.record === false
      ? await storedSince(prisma, environment, gates)
      : await recordGateStates(prisma, environment, gates, now);
  return {
    environment,
    verdict,
    evaluatedAt: new Date(now).toISOString(),
    gates: gates.map((g) => ({ ...g, since: since.get(g.metric) ?? null })),
  };
}

/** The recorded start of each gate's current state; a state not recorded yet has no `since` (never an older state's). */
async function storedSince(
  prisma: PrismaClient,
  environment: Environment,
  gates: readonly GateResult[],
): Promise<Map<string, string>> {
  const current = new Map(gates.map((g) => [g.metric as string, g.state]));
  const rows = await prisma.gateState.findMany({ where: { environment } });
  return new Map(rows.filter((r) => current.get(r.gate) === r.state).map((r) => [r.gate, r.since.toISOString()]));
}

/**
 * Compares each gate with its stored state. A change is claimed by a conditional UPDATE (or
 * the first INSERT), so when several processes see it only one writes history and notifies.
 */
export async function recordGateStates(
  prisma: PrismaClient,
  environment: Environment,
  gates: readonly GateResult[],
  now: number,
): Promise<Map<string, string>> {
  const stored = new Map((await prisma.gateState.findMany({ where: { environment } })).map((r) => [r.gate, r]));
  const since = new Map<string, string>();
  const at = new Date(now);
  for (const g of gates) {
    const prev = stored.get(g.metric);
    if (prev && prev.state === g.state) {
      since.set(g.metric, prev.since.toISOString());
      continue;
    }
    const claimed = await prisma.$transaction(async (tx) => {
      const won = prev
        ? (
            await tx.gateState.updateMany({
              where: { environment, gate: g.metric, state: prev.state },
              data: { state: g.state, since: at, value: g.value, evaluatedAt: at },
            })
          ).count === 1
        : (
            await tx.gateState.createMany({
              data: [{ environment, gate: g.metric, state: g.state, since: at, value: g.value, evaluatedAt: at }],
              skipDuplicates: true,
            })
          ).count === 1;
      if (!won) return null;
      return tx.gateStateChange.create({
        data: {
          at,
          environment,
          gate: g.metric,
          fromState: prev?.state ?? null,
          toState: g.state,
          value: g.value,
          detail: g.reason,
        },
      });
    });
    if (claimed) {
      since.set(g.metric, at.toISOString());
      if (claimed.fromState !== null || claimed.toState !== "NO_DATA") void notifyGateChange(prisma, claimed.id);
    } else {
      const fresh = await prisma.gateState.findUnique({ where: { environment_gate: { environment, gate: g.metric } } });
      if (fresh) since.set(g.metric, fresh.since.toISOString());
    }
  }
  return since;
}

/** POSTs one state change to the configured webhook through the SSRF guard; marks it notified on a 2xx. */
export async function notifyGateChange(
  prisma: PrismaClient,
  changeId: string,
  fetchImpl?: typeof fetch,
): Promise<boolean> {
  try {
    const url = await getWebhookUrl(prisma);
    if (!url) return false;
    const change = await prisma.gateStateChange.findUnique({ where: { id: changeId } });
    if (!change) return false;
    const def = gateDefinition(change.gate as MetricName);
    const send =
      fetchImpl ??
      createGuardedFetch({
        environment: webhookSsrfEnvironment(url),
        allowHosts: env().SSRF_ALLOW_HOSTS,
        timeoutMs: 5_000,
        maxBytes: 64 * 1024,
      });
    const res = await send(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "mcp-governance-console/gates" },
      body: JSON.stringify({
        type: "gate.state_changed",
        environment: change.environment,
        gate: change.gate,
        title: def?.title ?? change.gate,
        owner: def?.owner,
        from: change.fromState,
        to: change.toState,
        value: change.value,
        detail: change.detail,
        at: change.at.toISOString(),
        dashboard: `${env().PUBLIC_URL}/?environment=${change.environment}`,
      }),
    });
    await res.body?.cancel().catch(() => {});
    if (!res.ok) return false;
    await prisma.gateStateChange.update({ where: { id: changeId }, data: { notifiedAt: new Date() } });
    return true;
  } catch (err) {
    log.error({ err, gate_change_id: changeId }, "gate webhook not delivered");
    return false;
  }
}

export async function gateHistory(prisma: PrismaClient, environment: Environment, limit = 50) {
  const rows = await prisma.gateStateChange.findMany({ where: { environment }, orderBy: { at: "desc" }, take: limit });
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    gate: r.gate,
    // People read the gate's title; the metric id stays for scripts.
    title: gateDefinition(r.gate as MetricName)?.title ?? r.gate,
    from: r.fromState as GateState | null,
    to: r.toState as GateState,
    value: r.value,
    detail: r.detail,
    notified_at: r.notifiedAt?.toISOString() ?? null,
  }));
}

/** The API shape of a report (snake_case, like the rest of /api/v1). */
export function gateReportJson(r: GateReport) {
  return {
    environment: r.environment,
    verdict: r.verdict,
    evaluated_at: r.evaluatedAt,
    gates: r.gates.map((g) => ({
      gate: g.metric,
      metric: g.metric,
      title: g.title,
      value: g.value,
      unit: g.unit,
      target: g.target,
      condition: {
        op: g.block.op,
        value: g.block.value,
        window_minutes: g.block.windowMinutes,
        sustained: g.block.sustained,
        text: g.block.text,
      },
      owner: g.owner,
      state: g.state as GateState,
      reason: g.reason,
      since: g.since,
    })),
  };
}

const watcher = processSlot<NodeJS.Timeout>("gateWatcher");
const WATCH_MS = 30 * 1000;

/** Once a process serves metrics, it re-evaluates every environment's gates in the background so changes reach history and the webhook without anyone reading. */
export function ensureGateWatcher(prisma: PrismaClient): void {
  if (watcher.get()) return;
  const timer = setInterval(() => {
    void (async () => {
      for (const e of ENVIRONMENTS) await evaluateEnvironmentGates(prisma, e).catch(() => {});
    })();
  }, WATCH_MS);
  timer.unref();
  watcher.set(timer);
}
