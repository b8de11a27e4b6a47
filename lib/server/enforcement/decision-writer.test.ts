import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPgDatabase, openTestDb, testDbKinds } from "@/lib/testing/test-db";
import { applyMigrations } from "../migrate";
import { verifyDecisionChain } from "../audit-search/verify";
import { fixtureDecisions } from "../audit-search/fixtures";
import { openDatabase, type Database } from "../db";
import canonicalize from "canonicalize";
import { decisionHashFields } from "../audit-search/verify";
import { chainCanon, DecisionWriter, isRowRefusal } from "./decision-writer";

const kinds = await testDbKinds();

async function rollupTotal(db: Database): Promise<number> {
  const [r] = await db.sql.query(`SELECT coalesce(sum(count), 0)::int AS n FROM metric_decision_rollups`);
  return Number(r.n);
}

const fresh = (n: number, key?: (i: number) => string | null) =>
  fixtureDecisions(n, new Date()).map((r, i) => ({
    ...r,
    id: randomUUID(),
    at: new Date(),
    idempotencyKey: key ? key(i) : null,
  }));

describe("a decision row's canonical text", () => {
  it("is what the verifier recomputes with the reference canonicalize, for any arguments and absent values (property)", () => {
    const text = fc.string({ unit: "binary", maxLength: 12 });
    const json = fc.jsonValue({ maxDepth: 3 });
    const [base] = fresh(1);
    fc.assert(
      fc.property(
        json,
        json,
        fc.option(text),
        fc.option(fc.integer()),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        text,
        (args, constraints, ruleId, version, latencyMs, reason) => {
          const row = {
            ...base,
            arguments: args as never,
            constraints: constraints as never,
            ruleId,
            policyVersion: version,
            latencyMs,
            reason,
          };
          const { response: _r, ...stored } = row;
          expect(chainCanon(row)).toBe(
            canonicalize(decisionHashFields({ ...stored, seq: 1n, prevHash: "", hash: "" } as never)),
          );
          // The arguments' canonical text handed over by the request hash gives the same chain text.
          expect(chainCanon({ ...row, argumentsJson: canonicalize(args) })).toBe(chainCanon(row));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe.each(kinds)("decision group commit on %s", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(async () => db?.dispose());

  it("writes concurrent decisions as chained batches whose rollups count every row", async () => {
    const writer = new DecisionWriter(db.prisma);
    // Several rounds of batches, each gathered while the one before it was written.
    for (let round = 0; round < 4; round++) {
      const rows = fresh(40);
      expect(await Promise.all(rows.map((r) => writer.write(r)))).toEqual(rows.map(() => null));
    }
    expect(await db.prisma.decisionRecord.count()).toBe(160);
    // Values that quoting must carry through the one-round-trip path byte for byte.
    const tricky = {
      a: "O'Brien \\' \\\\ \"q\" ’ 😀 $1 $$ E'x'",
      b: "\\x00 -- ; COMMIT; DROP TABLE decisions;",
      c: ["'", "\\", "''"],
    };
    const [row] = fresh(1).map((r) => ({ ...r, arguments: tricky }));
    await writer.write(row);
    expect((await db.prisma.decisionRecord.findUniqueOrThrow({ where: { id: row.id } })).arguments).toEqual(tricky);
    expect(await rollupTotal(db)).toBe(161);
    expect(await verifyDecisionChain(db.prisma)).toMatchObject({ ok: true, checked: 161 });
    if (kind === "postgresql") expect(writer.stats.oneTrip).toBeGreaterThan(0);
  });

  it("carries any argument text through the batch unchanged (property)", async () => {
    const writer = new DecisionWriter(db.prisma);
    const text = fc.string({ unit: "grapheme", maxLength: 40 }).filter((t) => !t.includes("\u0000"));
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(text, fc.oneof(text, fc.array(text, { maxLength: 3 })), { maxKeys: 4 }),
        async (args) => {
          const [row] = fresh(1).map((r) => ({ ...r, arguments: args }));
          await writer.write(row);
          expect((await db.prisma.decisionRecord.findUniqueOrThrow({ where: { id: row.id } })).arguments).toEqual(args);
        },
      ),
      { numRuns: 60 },
    );
    expect(await verifyDecisionChain(db.prisma)).toMatchObject({ ok: true });
  });

  it("answers a repeated idempotency key with the first answer and writes it once, also within one batch", async () => {
    const writer = new DecisionWriter(db.prisma);
    const before = await db.prisma.decisionRecord.count();
    const rows = fresh(6, (i) => `key-${i % 3}`).map((r) => ({ ...r, clientId: "agent-idem", response: { n: r.id } }));
    const answers = await Promise.all(rows.map((r) => writer.write(r)));
    expect(answers.slice(0, 3)).toEqual([null, null, null]);
    expect(answers.slice(3).map((a) => (a!.response as { n: string }).n)).toEqual(rows.slice(0, 3).map((r) => r.id));
    const again = await writer.write({ ...fresh(1)[0], clientId: "agent-idem", idempotencyKey: "key-1" });
    expect((again!.response as { n: string }).n).toBe(rows[1].id);
    expect(await db.prisma.decisionRecord.count()).toBe(before + 3);
    expect(await verifyDecisionChain(db.prisma)).toMatchObject({ ok: true });
  });
});

describe.each(kinds)("a row the database refuses, on %s", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(async () => db?.dispose());

  it.each([
    ["without", null],
    ["with", "key"],
  ])("fails only its own caller, %s idempotency keys, and the others' rows are written", async (_label, key) => {
    const writer = new DecisionWriter(db.prisma);
    const before = await db.prisma.decisionRecord.count();
    // Past the edge's checks on purpose (a NUL jsonb cannot hold): the batch it lands in is refused.
    const rows = fresh(21, key ? (i) => `${key}-${i}` : undefined).map((r, i) =>
      i === 10 ? { ...r, arguments: { poison: "a\u0000b" } } : r,
    );
    const settled = await Promise.allSettled(rows.map((r) => writer.write(r)));
    expect(settled.map((s) => s.status)).toEqual(rows.map((_, i) => (i === 10 ? "rejected" : "fulfilled")));
    expect(isRowRefusal((settled[10] as PromiseRejectedResult).reason)).toBe(true);
    expect(writer.stats.rowByRow).toBeGreaterThan(0);
    expect(await db.prisma.decisionRecord.count()).toBe(before + 20);
    expect(await verifyDecisionChain(db.prisma)).toMatchObject({ ok: true });
  });
});

describe.runIf(kinds.includes("postgresql"))("decision group commit with two processes on one PostgreSQL", () => {
  let url: string;
  let drop: () => Promise<void>;
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    ({ url, drop } = await createTestPgDatabase());
    a = await openDatabase({ databaseUrl: url, dataDir: "unused" });
    await applyMigrations(a.sql);
    b = await openDatabase({ databaseUrl: url, dataDir: "unused" });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await drop?.();
  });

  it("keeps one verifiable chain when both write at once (each notices the other moved the head)", async () => {
    const wa = new DecisionWriter(a.prisma);
    const wb = new DecisionWriter(b.prisma);
    for (let round = 0; round < 6; round++) {
      await Promise.all([...fresh(25).map((r) => wa.write(r)), ...fresh(25).map((r) => wb.write(r))]);
    }
    expect(await a.prisma.decisionRecord.count()).toBe(300);
    expect(await rollupTotal(a)).toBe(300);
    expect(await verifyDecisionChain(a.prisma)).toMatchObject({ ok: true, checked: 300 });
    // Every batch went in one call, the two writers in flight at once: the database linked them in lock order.
    expect(wa.stats.careful + wb.stats.careful).toBe(0);
    expect(wa.stats.oneTrip + wb.stats.oneTrip).toBeGreaterThanOrEqual(12);
  });
});
