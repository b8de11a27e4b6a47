import "server-only";
import { createHmac } from "node:crypto";
import type { ChainName } from "@/lib/audit/chain";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { derivedKey } from "../crypto-box";
import { safeEqual } from "../secrets";

/** The last record of a chain an earlier run found intact, with every record before it. */
export interface Checkpoint {
  chain: ChainName;
  seq: bigint;
  recordId: string;
  hash: string;
  /** Records from the chain's first through seq. */
  count: bigint;
  verifiedAt: Date;
}

/** none: never verified; invalid_signature: the row was altered (or signed with another key) and is ignored. */
export type StoredCheckpoint =
  | { status: "none" }
  | { status: "valid"; checkpoint: Checkpoint; mac: string }
  | { status: "invalid_signature"; mac: string };

const PURPOSE = "audit-verify/checkpoint-hmac/v1";

/** HMAC-SHA256 over every column but the mac, the chain's name included so rows cannot be swapped. */
export function signCheckpoint(cp: Checkpoint, key = derivedKey(PURPOSE)): string {
  const text = [PURPOSE, cp.chain, cp.seq, cp.recordId, cp.hash, cp.count, cp.verifiedAt.toISOString()].join("\n");
  return `v1.${createHmac("sha256", key).update(text).digest("base64url")}`;
}

export async function readCheckpoint(prisma: PrismaClient, chain: ChainName): Promise<StoredCheckpoint> {
  const row = await prisma.verifyCheckpoint.findUnique({ where: { chain } });
  if (!row) return { status: "none" };
  const checkpoint: Checkpoint = {
    chain,
    seq: row.seq,
    recordId: row.recordId,
    hash: row.hash,
    count: row.count,
    verifiedAt: row.verifiedAt,
  };
  return safeEqual(signCheckpoint(checkpoint), row.mac)
    ? { status: "valid", checkpoint, mac: row.mac }
    : { status: "invalid_signature", mac: row.mac };
}

/**
 * Stores the chain's checkpoint (null: remove it — not even the first record verified).
 * With `replacing`, only if the row still has that mac (or, for null, is still absent): an
 * incremental run must not overwrite what a concurrent run (say a full one that found a
 * break earlier in the chain) wrote meanwhile. Full runs replace unconditionally.
 */
export async function saveCheckpoint(
  prisma: PrismaClient,
  chain: ChainName,
  cp: Checkpoint | null,
  replacing?: { mac: string | null },
): Promise<void> {
  const guard = replacing ? (replacing.mac === null ? "" : ` AND mac = $2`) : "";
  if (!cp) {
    if (replacing?.mac === null) return;
    await prisma.$executeRawUnsafe(
      `DELETE FROM verify_checkpoints WHERE chain = $1${guard}`,
      ...(replacing ? [chain, replacing.mac] : [chain]),
    );
    return;
  }
  const mac = signCheckpoint(cp);
  const onConflict =
    replacing?.mac === null
      ? "DO NOTHING"
      : `DO UPDATE SET seq = EXCLUDED.seq, "recordId" = EXCLUDED."recordId", hash = EXCLUDED.hash, count = EXCLUDED.count,
           "verifiedAt" = EXCLUDED."verifiedAt", mac = EXCLUDED.mac${replacing ? ` WHERE verify_checkpoints.mac = $8` : ""}`;
  await prisma.$executeRawUnsafe(
    `INSERT INTO verify_checkpoints (chain, seq, "recordId", hash, count, "verifiedAt", mac)
     VALUES ($1, $2::bigint, $3::uuid, $4, $5::bigint, $6::timestamptz, $7) ON CONFLICT (chain) ${onConflict}`,
    chain,
    String(cp.seq),
    cp.recordId,
    cp.hash,
    String(cp.count),
    cp.verifiedAt.toISOString(),
    mac,
    ...(replacing && replacing.mac !== null ? [replacing.mac] : []),
  );
}
