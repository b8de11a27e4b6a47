import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  GATE_DEFINITIONS,
  gateDefinition,
  withConfig,
  type GateConfig,
  type GateDefinition,
  type MetricName,
} from "@/lib/metrics/gates";
import { checkUrlSyntax } from "@/lib/net/url-policy";
import { env } from "@/lib/env";
import { writeAudit, type Actor } from "../audit";
import { Unprocessable } from "../errors";

export const WEBHOOK_SETTING = "gates.webhook_url";

/** The six gates with the admins' stored edits applied. */
export async function loadGateDefinitions(prisma: PrismaClient): Promise<GateDefinition[]> {
  const stored = new Map((await prisma.gateSetting.findMany()).map((s) => [s.gate, s]));
  return GATE_DEFINITIONS.map((d) => {
    const s = stored.get(d.metric);
    return s
      ? withConfig(d, {
          target: s.target,
          block: s.block,
          windowMinutes: s.windowMinutes,
          sustained: s.sustained,
          owner: s.owner,
        })
      : d;
  });
}

export async function gateSettingsView(prisma: PrismaClient) {
  const [defs, stored, webhook] = await Promise.all([
    loadGateDefinitions(prisma),
    prisma.gateSetting.findMany(),
    getWebhookUrl(prisma),
  ]);
  const byGate = new Map(stored.map((s) => [s.gate, s]));
  return {
    gates: defs.map((d) => {
      const def = gateDefinition(d.metric);
      const s = byGate.get(d.metric);
      return {
        metric: d.metric,
        title: d.title,
        unit: d.unit,
        target_op: d.targetOp,
        target: d.target,
        block: d.block,
        window_minutes: d.windowMinutes,
        sustained: d.sustained,
        owner: d.owner,
        defaults: {
          target: def.target,
          block: def.block,
          window_minutes: def.windowMinutes,
          sustained: def.sustained,
          owner: def.owner,
        },
        updated_at: s?.updatedAt ?? null,
        updated_by: s?.updatedBy ?? null,
      };
    }),
    webhook_url: webhook,
  };
}

/** An admin's edit of one gate, audited in the same transaction. */
export async function updateGateSetting(prisma: PrismaClient, actor: Actor, metric: MetricName, config: GateConfig) {
  return updateGateSettings(prisma, actor, { gates: [{ metric, ...config }] });
}

export interface GateSettingsChange {
  gates: (GateConfig & { metric: MetricName })[];
  /** Absent: unchanged; null: turned off. */
  webhookUrl?: string | null;
}

/**
 * The settings page's one save: every edited gate and the webhook, all checked before anything is
 * written, then written and audited (one event per gate, one for the webhook) in one transaction —
 * all or nothing.
 */
export async function updateGateSettings(prisma: PrismaClient, actor: Actor, change: GateSettingsChange) {
  const errors = change.gates.flatMap((g, i) =>
    g.metric === "unapproved-high-risk-writes" && g.target > g.block
      ? [{ path: `gates.${i}.target`, message: "must be ≤ block" }]
      : [],
  );
  if (errors.length) throw Unprocessable("The target cannot be above the block threshold.", errors);
  if (change.webhookUrl) checkWebhookUrl(change.webhookUrl);
  const before = new Map((await loadGateDefinitions(prisma)).map((d) => [d.metric, d]));
  await prisma.$transaction(async (tx) => {
    for (const { metric, ...config } of change.gates) {
      await tx.gateSetting.upsert({
        where: { gate: metric },
        create: { gate: metric, ...config, updatedBy: actor.label },
        update: { ...config, updatedBy: actor.label },
      });
      await writeAudit(tx, {
        actor,
        action: "gate.update",
        target: { type: "gate", id: metric },
        data: { before: pick(before.get(metric)!), after: config },
      });
    }
    if (change.webhookUrl !== undefined) await writeWebhook(tx, actor, change.webhookUrl || null);
  });
  return gateSettingsView(prisma);
}

export async function resetGateSetting(prisma: PrismaClient, actor: Actor, metric: MetricName) {
  await prisma.$transaction(async (tx) => {
    const deleted = await tx.gateSetting.deleteMany({ where: { gate: metric } });
    if (deleted.count)
      await writeAudit(tx, {
        actor,
        action: "gate.reset",
        target: { type: "gate", id: metric },
        data: { to: pick(gateDefinition(metric)) },
      });
  });
  return gateSettingsView(prisma);
}

function pick(d: GateConfig): GateConfig {
  return { target: d.target, block: d.block, windowMinutes: d.windowMinutes, sustained: d.sustained, owner: d.owner };
}

export async function getWebhookUrl(prisma: PrismaClient): Promise<string | null> {
  const row = await prisma.setting.findUnique({ where: { key: WEBHOOK_SETTING } });
  return typeof row?.value === "string" ? row.value : null;
}

/**
 * The webhook is console-wide, so it gets production's rules (https only, public addresses);
 * a host in SSRF_ALLOW_HOSTS (development and tests) gets development's, which allow http.
 */
export function webhookSsrfEnvironment(url: string): "production" | "development" {
  const allowHosts = env().SSRF_ALLOW_HOSTS;
  const dev = checkUrlSyntax(url, { environment: "development", allowHosts });
  return dev.ok && dev.allowListed ? "development" : "production";
}

/** Checked by the SSRF guard's URL rules when saved, and again (with DNS) at every send. */
function checkWebhookUrl(url: string): void {
  const verdict = checkUrlSyntax(url, {
    environment: webhookSsrfEnvironment(url),
    allowHosts: env().SSRF_ALLOW_HOSTS,
  });
  if (!verdict.ok)
    throw Unprocessable(
      `The webhook URL is refused: ${verdict.reason}`,
      [{ path: "url", message: verdict.reason }],
      "ssrf-blocked",
    );
}

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

async function writeWebhook(tx: Tx, actor: Actor, url: string | null): Promise<void> {
  if (url)
    await tx.setting.upsert({
      where: { key: WEBHOOK_SETTING },
      create: { key: WEBHOOK_SETTING, value: url },
      update: { value: url },
    });
  else await tx.setting.deleteMany({ where: { key: WEBHOOK_SETTING } });
  await writeAudit(tx, {
    actor,
    action: "gate.webhook",
    target: { type: "setting", id: WEBHOOK_SETTING },
    data: { url },
  });
}

export async function setWebhookUrl(prisma: PrismaClient, actor: Actor, url: string | null) {
  if (url) checkWebhookUrl(url);
  await prisma.$transaction((tx) => writeWebhook(tx, actor, url));
  return gateSettingsView(prisma);
}
