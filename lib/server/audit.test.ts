import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, testDbKinds, type DbKind } from "@/lib/testing/test-db";
import { SYSTEM_ACTOR, verifyAuditChain, writeAudit } from "./audit";

const kinds = await testDbKinds();

describe.each(kinds)("audit trail on %s", (kind: DbKind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(async () => db?.dispose());

  it("chains events written in separate transactions and verifies them", async () => {
    for (let i = 0; i < 5; i++) {
      await db.prisma.$transaction((tx) => writeAudit(tx, { actor: SYSTEM_ACTOR, action: "test.event", data: { i } }));
    }
    await db.prisma.$transaction((tx) =>
      writeAudit(
        tx,
        { actor: SYSTEM_ACTOR, action: "test.batch", data: { n: 1 } },
        { actor: SYSTEM_ACTOR, action: "test.batch", data: { n: 2 } },
      ),
    );
    const result = await verifyAuditChain(db.prisma, 3);
    expect(result).toMatchObject({ ok: true, checked: 7 });
  });

  it("rolls the event back with the change it records", async () => {
    const before = await db.prisma.auditEvent.count();
    await expect(
      db.prisma.$transaction(async (tx) => {
        await writeAudit(tx, { actor: SYSTEM_ACTOR, action: "test.rolled_back" });
        throw new Error("change failed");
      }),
    ).rejects.toThrow("change failed");
    expect(await db.prisma.auditEvent.count()).toBe(before);
  });

  it("keeps one chain under concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.prisma.$transaction((tx) => writeAudit(tx, { actor: SYSTEM_ACTOR, action: "test.concurrent", data: { i } })),
      ),
    );
    expect((await verifyAuditChain(db.prisma)).ok).toBe(true);
  });

  it("reports the row an attacker edited in the database", async () => {
    const victim = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "test.event" },
      orderBy: { seq: "asc" },
      skip: 2,
    });
    await db.sql.query(`UPDATE audit_events SET data = '{"i": 99}' WHERE id = $1`, [victim.id]);
    const result = await verifyAuditChain(db.prisma);
    expect(result.ok).toBe(false);
    expect(result.break).toMatchObject({ seq: String(victim.seq), problem: "hash_mismatch" });
  });
});
