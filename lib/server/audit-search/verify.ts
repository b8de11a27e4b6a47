import "server-only";
import { chainHash, decisionHashFields } from "@/lib/audit/chain";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { VerifyResult } from "../audit";
import { FROM_GENESIS, walkChain } from "../audit-verify/walk-chain";

export { decisionHashFields };
export { verifyChains } from "../audit-verify/shared-runs";
export type { ChainReport, ChainsReport } from "../audit-verify/verify-chains";

type DecisionForHash = Omit<Awaited<ReturnType<PrismaClient["decisionRecord"]["findFirstOrThrow"]>>, "response">;

export function decisionHashOk(row: DecisionForHash): boolean {
  return chainHash(row.prevHash, decisionHashFields(row)) === row.hash;
}

/** Walks the whole decision chain in seq order on this thread, recomputing every hash; reports the first broken link. */
export async function verifyDecisionChain(prisma: PrismaClient, pageSize = 2_000): Promise<VerifyResult> {
  const r = await walkChain(prisma, "decisions", FROM_GENESIS, { pageSize });
  return { ok: r.ok, checked: r.checked, head: r.head, ...(r.break && { break: r.break }) };
}
