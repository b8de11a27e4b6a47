import "server-only";
import { allOf, listNames, someOf } from "@/lib/readiness/checklist";
import { checkResult, type Check } from "../context";

/**
 * receipts (advisory): which active servers of the environment verify the console's signed
 * decision receipts, so an agent holding an upstream's credentials cannot call it around the
 * console. Read from the catalog's requires_receipt flag.
 */
export const receiptsCheck: Check = async (ctx) => {
  const servers = await ctx.prisma.server.findMany({
    where: { environment: ctx.environment, status: "active" },
    select: { id: true, name: true, requiresReceipt: true },
    orderBy: { name: "asc" },
  });
  if (servers.length === 0)
    return checkResult(ctx, "receipts", "NO_DATA", `No active server is catalogued in ${ctx.environment}.`);
  const details = servers.map((s) => ({ server: s.name, server_id: s.id, requires_receipt: s.requiresReceipt }));
  const open = servers.filter((s) => !s.requiresReceipt).map((s) => s.name);
  const verifying = servers.filter((s) => s.requiresReceipt).map((s) => s.name);
  if (open.length === 0)
    return checkResult(
      ctx,
      "receipts",
      "PASS",
      `${allOf(servers.length, "active server")} ${servers.length === 1 ? "verifies" : "verify"} decision receipts.`,
      details,
    );
  const which = verifying.length ? ` (${listNames(verifying)})` : "";
  return checkResult(
    ctx,
    "receipts",
    "FAIL",
    `${someOf(verifying.length, servers.length, "active servers", "verifies", "verify")} decision receipts${which}; ${listNames(open)} ${open.length === 1 ? "runs" : "run"} calls sent around the console.`,
    details,
  );
};
