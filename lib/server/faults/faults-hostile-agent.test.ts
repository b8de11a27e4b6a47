import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countBy,
  decisionLoad,
  newAgent,
  seedProduction,
  startWorldConsole,
  type DecisionAnswer,
  type WorldAgent,
  type WorldConsole,
} from "@/lib/testing/fuzz/console-world";
import { postgresReachable, createTestPgDatabase } from "@/lib/testing/test-db";
import { requireNextBuild } from "@/lib/testing/pg-instance";

/**
 * Issue 19 §1: nothing one agent sends may fail or delay another agent's decision. Honest agents
 * keep asking a console on PostgreSQL while an agent with the fewest rights (mcp:notion:read,
 * calling a server that does not exist: a DENY whose arguments are still stored) sends each
 * poison that once failed whole decision batches. Each poison gets its own answer; the honest
 * agents see no failure. Their p99 with and without the attacker is printed, not asserted.
 */
const hasPostgres = await postgresReachable();

/** ~770 KB of distinct words: once over PostgreSQL's 1 MB tsvector limit inside the search index. */
function distinctWords(bytes: number): string {
  const words: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const w = `w${i.toString(36)}`;
    words.push(w);
    size += w.length + 1;
  }
  return words.join(" ");
}

interface Poison {
  name: string;
  body: string | Uint8Array;
  /** The answer it must get: its own 4xx, or a normal decision (stored) when nothing is wrong with it. */
  status: number;
}

const ghost = (args: string) => `{"server":"ghost","tool":"read","arguments":${args}}`;
const POISONS: Poison[] = [
  { name: "lone high surrogate in a value", body: ghost(`{"q":"\\ud800"}`), status: 422 },
  { name: "lone low surrogate in a key", body: ghost(`{"\\udc00":"x"}`), status: 422 },
  { name: "number out of range (1e400)", body: ghost(`{"n":1e400}`), status: 422 },
  { name: "NUL in a value", body: ghost(`{"q":"a\\u0000b"}`), status: 422 },
  {
    name: "invalid UTF-8",
    body: Buffer.concat([Buffer.from(ghost(`{"q":"`)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(`"}}`)]),
    status: 400,
  },
  { name: "text too large to index", body: ghost(JSON.stringify({ q: distinctWords(770_000) })), status: 200 },
  {
    name: "~0.9 MB of random arguments",
    body: ghost(JSON.stringify({ blob: randomBytes(650_000).toString("base64") })),
    status: 200,
  },
];

async function send(url: string, token: string, body: string | Uint8Array): Promise<{ status: number; id?: string }> {
  const res = await fetch(`${url}/api/v1/decisions`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: typeof body === "string" ? body : new Blob([new Uint8Array(body)]),
  });
  const parsed = (await res.json().catch(() => ({}))) as { decision_id?: string };
  return { status: res.status, id: parsed.decision_id };
}

const p99 = (answers: DecisionAnswer[]) => {
  const ms = answers.map((a) => a.answeredAt - a.sentAt).sort((a, b) => a - b);
  return ms.length ? ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.99))] : Number.NaN;
};
const honestOk = (a: DecisionAnswer) => a.status === 200 && a.decision === "ALLOW";

describe.skipIf(!hasPostgres)("a hostile agent beside honest agents (PostgreSQL)", () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let world: WorldConsole;
  let honest: WorldAgent;
  let attacker: WorldAgent;

  beforeAll(async () => {
    requireNextBuild();
    scratch = await createTestPgDatabase();
    world = await startWorldConsole({ databaseUrl: scratch.url });
    await seedProduction(world);
    honest = await newAgent(world, "honest-bot", ["mcp:github:read"]);
    attacker = await newAgent(world, "poison-bot", ["mcp:notion:read"]);
  }, 180_000);

  afterAll(async () => {
    await world?.proc.stop();
    await scratch?.drop();
  }, 60_000);

  it("refuses each poison alone, stores none of them, and never fails an honest decision", async () => {
    const token = await honest.client.accessToken();
    const call = { server: "github", tool: "get_file_contents", arguments: { path: "README.md" } };

    const quiet = decisionLoad(
      () => world.url,
      async () => token,
      call,
      8,
      2,
    );
    await new Promise((r) => setTimeout(r, 3_000));
    await quiet.stop();

    const attackerToken = await attacker.client.accessToken();
    const loud = decisionLoad(
      () => world.url,
      async () => token,
      call,
      8,
      2,
    );
    const answers: { poison: Poison; status: number; id?: string }[] = [];
    // Four attackers in parallel, each poison sent repeatedly, while the honest load runs.
    await Promise.all(
      Array.from({ length: 4 }, async (_, lane) => {
        for (let round = 0; round < 4; round++) {
          for (const poison of POISONS) {
            if ((round + lane) % 2 === 1 && poison.status === 200) continue;
            answers.push({ poison, ...(await send(world.url, attackerToken, poison.body)) });
          }
        }
      }),
    );
    await loud.stop();

    for (const a of answers)
      expect({ poison: a.poison.name, status: a.status }).toEqual({
        poison: a.poison.name,
        status: a.poison.status,
      });

    const ok = loud.answers.filter(honestOk).length;
    console.log(
      `hostile agent: ${answers.length} poisons sent; honest ${ok}/${loud.answers.length} ok with the attacker ` +
        `(p99 ${p99(loud.answers).toFixed(1)} ms) vs ${quiet.answers.filter(honestOk).length}/${quiet.answers.length} ` +
        `without (p99 ${p99(quiet.answers).toFixed(1)} ms); statuses ${JSON.stringify(countBy(loud.answers, (x) => String(x.status)))}`,
    );
    expect(loud.answers.length).toBeGreaterThan(50);
    expect(ok / loud.answers.length).toBeGreaterThanOrEqual(0.999);
    expect(quiet.answers.every(honestOk)).toBe(true);

    // Refused poisons left nothing behind; the accepted ones are stored as the DENY they were.
    const db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT id, decision, reason FROM decisions WHERE "clientId" = $1`, [
        attacker.clientId,
      ]);
      const accepted = answers.filter((a) => a.status === 200);
      expect(rows.map((r) => r.id).sort()).toEqual(accepted.map((a) => a.id).sort());
      expect(new Set(rows.map((r) => r.decision))).toEqual(new Set(["DENY"]));
      // Every honest ALLOW has its row.
      const allowed = loud.answers.filter(honestOk).map((a) => a.decisionId);
      const found = await db.query(`SELECT count(*)::int AS n FROM decisions WHERE id = ANY($1::uuid[])`, [allowed]);
      expect(found.rows[0].n).toBe(allowed.length);
    } finally {
      await db.end();
    }
  }, 180_000);
});
