// npm run bench:audit-verify — decision write latency (the durable part of the decision path,
// DecisionWriter as the hot path uses it) in one process while a full chain verification runs
// in it, against no verification at all, in one run on a scratch PostgreSQL database:
//   baseline  no verification
//   inline    hashing on the event loop (the fallback; what GET /api/v1/audit/verify did before)
//   worker    hashing in the worker thread (what it does now)
// Phases alternate for ROUNDS rounds; p50/p99 per phase and ratios against the baseline.
// Runs under `tsx --conditions=react-server` so the server-only modules load outside Next.
import { fixtureDecisions, seedDecisions } from "@/lib/server/audit-search/fixtures";
import { verifyChains } from "@/lib/server/audit-verify/shared-runs";
import { openDatabase } from "@/lib/server/db";
import { DecisionWriter } from "@/lib/server/enforcement/decision-writer";
import { applyMigrations } from "@/lib/server/migrate";
import { withScratchPgDatabase } from "@/lib/testing/test-db";

const CHAIN = Number(process.env.BENCH_VERIFY_CHAIN ?? 60_000);
const PHASE_MS = Number(process.env.BENCH_VERIFY_PHASE_MS ?? 3_000);
const ROUNDS = Number(process.env.BENCH_VERIFY_ROUNDS ?? 2);
const IN_FLIGHT = 8;

type Phase = "baseline" | "inline" | "worker";

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

async function main() {
  await withScratchPgDatabase(async (url) => {
    const db = await openDatabase({ databaseUrl: url, dataDir: "unused" });
    try {
      await applyMigrations(db.sql);
      const started = performance.now();
      await seedDecisions(db.prisma, fixtureDecisions(CHAIN, new Date("2026-01-01T00:00:00Z")), 2_000);
      console.log(`${CHAIN.toLocaleString("en")} chained decisions in ${Math.round(performance.now() - started)} ms`);
      const writer = new DecisionWriter(db.prisma);
      const extra = fixtureDecisions(200_000, new Date("2026-02-01T00:00:00Z"));
      let next = 0;

      const samples: Record<Phase, number[]> = { baseline: [], inline: [], worker: [] };
      const verified: Record<Phase, { records: number; ms: number }> = {
        baseline: { records: 0, ms: 0 },
        inline: { records: 0, ms: 0 },
        worker: { records: 0, ms: 0 },
      };
      const phase = async (name: Phase) => {
        const until = performance.now() + PHASE_MS;
        let stop = false;
        const verifying = (async () => {
          while (!stop && name !== "baseline") {
            const t = performance.now();
            const r = await verifyChains(db.prisma, { full: true, worker: name === "worker" });
            verified[name].records += r.checked;
            verified[name].ms += performance.now() - t;
          }
        })();
        const loop = async () => {
          while (performance.now() < until) {
            const t = performance.now();
            await writer.write({ ...extra[next++ % extra.length], id: crypto.randomUUID() });
            samples[name].push(performance.now() - t);
          }
        };
        await Promise.all(Array.from({ length: IN_FLIGHT }, loop));
        stop = true;
        await verifying;
      };
      await phase("baseline"); // warm-up, not counted
      samples.baseline = [];
      for (let round = 0; round < ROUNDS; round++)
        for (const name of ["baseline", "inline", "worker"] as const) await phase(name);

      const figures = Object.fromEntries(
        (Object.keys(samples) as Phase[]).map((name) => {
          const s = [...samples[name]].sort((a, b) => a - b);
          const v = verified[name];
          return [
            name,
            {
              decisions: s.length,
              p50_ms: +percentile(s, 0.5).toFixed(2),
              p99_ms: +percentile(s, 0.99).toFixed(2),
              verify_records_per_s: v.ms ? Math.round(v.records / (v.ms / 1000)) : null,
            },
          ];
        }),
      ) as unknown as Record<Phase, { p50_ms: number; p99_ms: number }>;
      const ratio = (name: Phase) => ({
        p50: +(figures[name].p50_ms / figures.baseline.p50_ms).toFixed(2),
        p99: +(figures[name].p99_ms / figures.baseline.p99_ms).toFixed(2),
      });
      for (const [name, f] of Object.entries(figures)) console.log(name.padEnd(9), JSON.stringify(f));
      console.log(
        JSON.stringify({
          bench: "audit-verify",
          chain: CHAIN,
          phase_ms: PHASE_MS,
          rounds: ROUNDS,
          in_flight: IN_FLIGHT,
          figures,
          ratio_vs_baseline: { inline: ratio("inline"), worker: ratio("worker") },
        }),
      );
    } finally {
      await db.close();
    }
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
