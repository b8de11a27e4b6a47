import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventHash, GENESIS_HASH, verifyLinks, type ChainedEvent } from "@/lib/audit/chain";
import { makeUser } from "@/lib/testing/principals";
import { openTestDb, testDbKinds, type DbKind } from "@/lib/testing/test-db";
import { createApiToken } from "../api-tokens";
import { fixtureDecisions, seedDecisions, seedEvents } from "../audit-search/fixtures";
import { inThreadHasher, workerHasher } from "./chain-hasher";
import { signCheckpoint } from "./checkpoints";
import { startVerification, verificationRuns, verifyChains } from "./shared-runs";
import { walkChain } from "./walk-chain";

const kinds = await testDbKinds();
const holder = globalThis as unknown as { __consoleDb?: Promise<unknown> };

/** Synthetic audit events chained in memory: a page for the hashers without a database. */
function syntheticEvents(n: number): ChainedEvent[] {
  let prev = GENESIS_HASH;
  return Array.from({ length: n }, (_, i) => {
    const fields = {
      id: crypto.randomUUID(),
      at: new Date(1_767_225_600_000 + i),
      actorType: "system",
      actorId: null,
      actorLabel: "system",
      action: "test.event",
      targetType: i % 2 ? "approval" : null,
      targetId: null,
      environment: "production",
      data: { i, nested: { b: [1, "two", null], a: "é\u2028" } },
    };
    const hash = eventHash(prev, fields);
    const e = { ...fields, seq: BigInt(i + 1), prevHash: prev, hash };
    prev = hash;
    return e;
  });
}

describe("the worker thread's hashing", () => {
  it("computes exactly what lib/audit computes, intact and tampered, without blocking this thread", async () => {
    const events = syntheticEvents(4_000);
    const hasher = await workerHasher();
    try {
      expect(hasher.threaded).toBe(true);
      let turns = 0;
      let settled = false;
      const pending = hasher.verify("audit_events", GENESIS_HASH, events).finally(() => {
        settled = true;
      });
      // This thread keeps turning its event loop while the worker hashes the one big page.
      while (!settled) {
        await new Promise((r) => setImmediate(r));
        turns += 1;
      }
      expect(turns).toBeGreaterThan(1);
      expect(await pending).toEqual(verifyLinks("audit_events", GENESIS_HASH, events));
      expect((await pending).checked).toBe(4_000);
      expect(await inThreadHasher().verify("audit_events", GENESIS_HASH, events)).toEqual(await pending);

      const edited = events.map((e, i) => (i === 2_500 ? { ...e, data: { i: -1 } } : e));
      const broken = await hasher.verify("audit_events", GENESIS_HASH, edited);
      expect(broken).toEqual(verifyLinks("audit_events", GENESIS_HASH, edited));
      expect(broken).toMatchObject({ checked: 2_500, break: { seq: "2501", problem: "hash_mismatch" } });
    } finally {
      await hasher.close();
    }
  });
});

describe.each(kinds)("incremental verification with signed checkpoints on %s", (kind: DbKind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  const rows = fixtureDecisions(60, new Date("2026-03-01T00:00:00Z"));

  beforeAll(async () => {
    db = await openTestDb(kind);
    holder.__consoleDb = Promise.resolve(db);
    await seedDecisions(db.prisma, rows.slice(0, 40), 10);
    await seedEvents(db.prisma, rows);
  });
  afterAll(async () => {
    holder.__consoleDb = undefined;
    await db?.dispose();
  });

  const tamper = async (id: string) => {
    const before = await db.prisma.decisionRecord.findUniqueOrThrow({ where: { id } });
    await db.sql.query(`UPDATE decisions SET reason = 'edited' WHERE id = $1::uuid`, [id]);
    return {
      seq: String(before.seq),
      restore: () => db.sql.query(`UPDATE decisions SET reason = $2 WHERE id = $1::uuid`, [id, before.reason]),
    };
  };

  it("verifies everything once, then only the records appended since the checkpoint", async () => {
    const first = await verifyChains(db.prisma);
    expect(first).toMatchObject({ ok: true, checked: 44, incremental: false, worker: true, mode: "incremental" });
    expect(first.chains.decisions).toMatchObject({ checkpoint: { status: "none" }, verified_records: 40 });
    const head = await db.prisma.decisionRecord.findFirstOrThrow({ orderBy: { seq: "desc" } });

    await seedDecisions(db.prisma, rows.slice(40, 45));
    const second = await verifyChains(db.prisma);
    expect(second).toMatchObject({ ok: true, checked: 5, incremental: true });
    expect(second.chains.decisions).toMatchObject({
      checked: 5,
      incremental: true,
      resumed_after: { seq: String(head.seq) },
      verified_records: 45,
      checkpoint: { status: "valid", seq: String(head.seq) },
    });
    expect(second.chains.audit_events).toMatchObject({ checked: 0, verified_records: 4, incremental: true });
    expect(second.chains.decisions.head).toBe(
      (await db.prisma.decisionRecord.findFirstOrThrow({ orderBy: { seq: "desc" } })).hash,
    );
  });

  it("detects a record edited after the checkpoint", async () => {
    await seedDecisions(db.prisma, rows.slice(45, 50));
    const edited = await tamper(rows[47].id);
    try {
      const report = await verifyChains(db.prisma);
      expect(report).toMatchObject({ ok: false, incremental: true, break: { chain: "decisions", seq: edited.seq } });
      expect(report.chains.decisions.checked).toBe(2);
    } finally {
      await edited.restore();
    }
    expect(await verifyChains(db.prisma)).toMatchObject({ ok: true, incremental: true });
  });

  it("does not trust a checkpoint row altered in the database: starts from the first record and says so", async () => {
    await db.sql.query(`UPDATE verify_checkpoints SET seq = seq + 100, count = count + 100 WHERE chain = 'decisions'`);
    const report = await verifyChains(db.prisma);
    expect(report.ok).toBe(true);
    expect(report.chains.decisions).toMatchObject({
      incremental: false,
      checked: 50,
      checkpoint: { status: "invalid_signature", seq: null },
    });
    expect(report.chains.audit_events).toMatchObject({ incremental: true, checkpoint: { status: "valid" } });
    // A row signed for the other chain is refused as well (the chain's name is signed).
    const events = await db.prisma.verifyCheckpoint.findUniqueOrThrow({ where: { chain: "audit_events" } });
    await db.prisma.verifyCheckpoint.update({ where: { chain: "decisions" }, data: { mac: events.mac } });
    expect((await verifyChains(db.prisma)).chains.decisions.checkpoint.status).toBe("invalid_signature");
    // Re-signed by that run, the next one resumes again.
    expect((await verifyChains(db.prisma)).chains.decisions).toMatchObject({ incremental: true, checked: 0 });
  });

  it("signs every column: the same checkpoint with any field changed has another mac", async () => {
    const row = await db.prisma.verifyCheckpoint.findUniqueOrThrow({ where: { chain: "decisions" } });
    const cp = { ...row, chain: "decisions" as const };
    expect(signCheckpoint(cp)).toBe(row.mac);
    for (const change of [
      { seq: cp.seq - 1n },
      { hash: GENESIS_HASH },
      { count: cp.count + 1n },
      { verifiedAt: new Date(0) },
    ])
      expect(signCheckpoint({ ...cp, ...change })).not.toBe(row.mac);
  });

  it("needs a full run to find an edit before the checkpoint; from then on incremental runs report it too", async () => {
    const edited = await tamper(rows[3].id);
    try {
      expect((await verifyChains(db.prisma)).ok).toBe(true);
      const full = await verifyChains(db.prisma, { full: true });
      expect(full).toMatchObject({ ok: false, mode: "full", incremental: false, break: { seq: edited.seq } });
      expect(full.chains.decisions.checked).toBe(3);
      const after = await verifyChains(db.prisma);
      expect(after).toMatchObject({ ok: false, incremental: true, break: { seq: edited.seq } });
      expect(after.chains.decisions.checked).toBe(0);
    } finally {
      await edited.restore();
    }
    const restored = await verifyChains(db.prisma);
    expect(restored).toMatchObject({ ok: true, incremental: true });
    expect(restored.chains.decisions.checked).toBe(47);
  });

  it("reports a checkpointed record that was removed since (the chain's tail cut off)", async () => {
    const head = await db.prisma.decisionRecord.findFirstOrThrow({ orderBy: { seq: "desc" } });
    await db.prisma.decisionRecord.delete({ where: { seq: head.seq } });
    try {
      const report = await verifyChains(db.prisma);
      expect(report).toMatchObject({
        ok: false,
        break: {
          chain: "decisions",
          seq: String(head.seq),
          id: head.id,
          problem: "checkpoint_mismatch",
          found: "missing",
        },
      });
      // The chain itself still links up: only the signed checkpoint shows that its last record went.
      expect(report.chains.decisions).toMatchObject({ incremental: false, checkpoint: { status: "mismatch" } });
    } finally {
      await db.prisma.decisionRecord.create({ data: head as never });
    }
    expect((await verifyChains(db.prisma)).ok).toBe(true);
  });

  it("shares one run between concurrent callers, and a running full run answers incremental ones", async () => {
    const before = verificationRuns(db.prisma).runs_started;
    const [a, b, c] = await Promise.all([verifyChains(db.prisma), verifyChains(db.prisma), verifyChains(db.prisma)]);
    expect(b.run_id).toBe(a.run_id);
    expect(c).toBe(a);
    expect(verificationRuns(db.prisma).runs_started).toBe(before + 1);

    const full = startVerification(db.prisma, "full");
    const joined = verifyChains(db.prisma);
    expect(await joined).toBe(await full.promise);
    expect(verificationRuns(db.prisma).runs_started).toBe(before + 2);
    const view = verificationRuns(db.prisma).runs.find((r) => r.run_id === full.id);
    expect(view).toMatchObject({ state: "done", mode: "full", checked: 54, total: 54 });
  });

  it("keeps this thread serving while a full run over a sizeable chain is under way, with progress", async () => {
    await seedDecisions(db.prisma, fixtureDecisions(3_000, new Date("2026-03-02T00:00:00Z")), 500);
    const run = startVerification(db.prisma, "full");
    let ticks = 0;
    let midRun = 0;
    const timer = setInterval(() => {
      ticks += 1;
      const p = verificationRuns(db.prisma).runs.find((r) => r.run_id === run.id);
      if (p?.state === "running" && p.checked > 0) midRun += 1;
    }, 0);
    // An unrelated query answers before the run is done.
    let runDone = false;
    void run.promise.finally(() => {
      runDone = true;
    });
    const users = await db.prisma.user.count();
    expect(users).toBeGreaterThanOrEqual(0);
    expect(runDone).toBe(false);
    const report = await run.promise;
    clearInterval(timer);
    expect(report).toMatchObject({ ok: true, worker: true, checked: 3_054 });
    expect(ticks).toBeGreaterThan(0);
    expect(midRun).toBeGreaterThan(0);
  });

  it("walks on this thread for the library callers, page by page", async () => {
    const r = await walkChain(db.prisma, "decisions", undefined, { pageSize: 7 });
    expect(r).toMatchObject({ ok: true, checked: 3_050 });
  });

  it("through the route: auditors may verify (full or not) and follow progress; a viewer may not; bad input is 422", async () => {
    const route = await import("@/app/api/v1/audit/verify/route");
    const progress = await import("@/app/api/v1/audit/verify/progress/route");
    const token = async (role: "auditor" | "viewer") => {
      const u = await makeUser(db.prisma, role);
      return (await createApiToken(db.prisma, u.principal, u.actor, "t")).token as string;
    };
    const auditor = { authorization: `Bearer ${await token("auditor")}` };
    const viewer = { authorization: `Bearer ${await token("viewer")}` };
    const get = (url: string, headers: Record<string, string>) =>
      route.GET(new Request(`http://console.test/api/v1/audit/verify${url}`, { headers }));

    expect((await get("", viewer)).status).toBe(403);
    expect((await get("?full=yes", auditor)).status).toBe(422);
    expect((await get("?fast=1", auditor)).status).toBe(422);
    const bad = await progress.GET(
      new Request("http://console.test/api/v1/audit/verify/progress?run_id=nope", { headers: auditor }),
    );
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");

    const incremental = await get("", auditor);
    expect(incremental.status).toBe(200);
    expect(await incremental.json()).toMatchObject({ ok: true, incremental: true, mode: "incremental" });

    const started = await route.POST(
      new Request("http://console.test/api/v1/audit/verify?full=1", { method: "POST", headers: auditor }),
    );
    expect(started.status).toBe(202);
    const { run_id } = (await started.json()) as { run_id: string };
    const full = await get("?full=1", auditor);
    // The two API tokens above added an audit event each.
    expect(await full.json()).toMatchObject({ ok: true, run_id, mode: "full", checked: 3_056 });
    const followed = await progress.GET(
      new Request(`http://console.test/api/v1/audit/verify/progress?run_id=${run_id}`, { headers: auditor }),
    );
    expect(await followed.json()).toMatchObject({
      runs: [{ run_id, state: "done", checked: 3_056, total: 3_056, report: { ok: true } }],
    });
  });
});
