import "server-only";
import { lastDrill } from "../../operations/last-drill";
import { checkResult, type Check } from "../context";

const day = (iso: string) => iso.slice(0, 10);

/**
 * drill: a revoke-and-restore drill passed in the current calendar quarter (lastDrill, the same
 * answer the Operations page gives). An environment without a single agent has nothing to revoke.
 */
export const drillCheck: Check = async (ctx) => {
  const [drill, agents] = await Promise.all([
    lastDrill(ctx.prisma, ctx.environment, ctx.now),
    ctx.prisma.agent.count({ where: { environment: ctx.environment, drill: false } }),
  ]);
  const details = [
    { quarter: drill.quarter.label, state: drill.state, last_passed: drill.last_passed, last_run: drill.last_run },
  ];
  if (drill.state === "PASS") {
    const p = drill.last_passed!;
    const effect =
      p.revoke_effect_ms !== null
        ? `; revocation took effect in ${p.revoke_effect_ms} ms, restore in ${p.restore_effect_ms ?? "—"} ms`
        : "";
    return checkResult(
      ctx,
      "drill",
      "PASS",
      `A revoke-and-restore drill passed on ${day(p.finished_at!)} (${drill.quarter.label}), run by ${p.run_by}${effect}.`,
      details,
    );
  }
  if (!drill.last_run && agents === 0) {
    return checkResult(
      ctx,
      "drill",
      "NO_DATA",
      `${ctx.environment} has no agents yet and has never run a drill: there is nothing to revoke.`,
      details,
    );
  }
  const lastPassed = drill.last_passed
    ? `the last passed on ${day(drill.last_passed.finished_at!)}`
    : "none has ever passed";
  const lastRun =
    drill.last_run && drill.last_run.status === "failed"
      ? `; the latest, on ${day(drill.last_run.finished_at ?? drill.last_run.started_at)}, failed`
      : "";
  return checkResult(
    ctx,
    "drill",
    "FAIL",
    `No revoke-and-restore drill passed in ${drill.quarter.label}: ${lastPassed}${lastRun}.`,
    details,
  );
};
