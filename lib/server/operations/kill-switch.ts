import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import type { KillSwitchMode } from "@/lib/schemas/operations";
import { ENVIRONMENTS } from "@/lib/schemas/identity";
import { writeAudit, type Actor } from "../audit";
import { changeTransaction } from "../change-feed";

export interface KillSwitchView {
  environment: Environment;
  mode: KillSwitchMode;
  reason: string | null;
  by: string | null;
  at: string | null;
}

function modeOf(value: string | null | undefined): KillSwitchMode {
  return value === "writes" || value === "all" ? value : "off";
}

/** Every environment's kill switch (an environment with no state row is off). */
export async function killSwitches(prisma: PrismaClient): Promise<KillSwitchView[]> {
  const rows = await prisma.environmentState.findMany({
    select: { environment: true, killSwitch: true, killSwitchReason: true, killSwitchBy: true, killSwitchAt: true },
  });
  const byEnv = new Map(rows.map((r) => [r.environment, r]));
  return ENVIRONMENTS.map((environment) => {
    const r = byEnv.get(environment);
    return {
      environment,
      mode: modeOf(r?.killSwitch),
      reason: r?.killSwitchReason ?? null,
      by: r?.killSwitchBy ?? null,
      at: r?.killSwitchAt?.toISOString() ?? null,
    };
  });
}

/**
 * Pulls (or releases) an environment's kill switch. The change and its audit event commit
 * together; the next decision on this process sees it, other processes as soon as they hear the
 * announcement (and within a second regardless, when they re-read the switch).
 */
export async function setKillSwitch(
  prisma: PrismaClient,
  actor: Actor,
  environment: Environment,
  mode: KillSwitchMode,
  reason: string,
) {
  const result = await changeTransaction(prisma, async (tx, announce) => {
    // The row may not exist yet (no policy published); create it, then lock it so concurrent switches serialise.
    await tx.$executeRaw`INSERT INTO environment_states (environment, "killSwitch", "updatedAt") VALUES (${environment}::"Environment", 'off', now()) ON CONFLICT (environment) DO NOTHING`;
    const [before] = await tx.$queryRaw<
      { killSwitch: string }[]
    >`SELECT "killSwitch" FROM environment_states WHERE environment = ${environment}::"Environment" FOR UPDATE`;
    const from = modeOf(before?.killSwitch);
    const at = new Date();
    const row = await tx.environmentState.update({
      where: { environment },
      data: { killSwitch: mode, killSwitchReason: reason, killSwitchBy: actor.label, killSwitchAt: at },
    });
    await writeAudit(tx, {
      actor,
      action: mode === "off" ? "environment.kill_switch_off" : "environment.kill_switch_on",
      target: { type: "environment", id: environment },
      environment,
      data: { from, to: mode, reason },
    });
    await announce({ kind: "environment", environment });
    return { row, from };
  });
  return {
    environment,
    mode: modeOf(result.row.killSwitch),
    previous: result.from,
    reason: result.row.killSwitchReason,
    by: result.row.killSwitchBy,
    at: result.row.killSwitchAt?.toISOString() ?? null,
  };
}
