import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { emptyMinute, type GateInputs } from "@/lib/metrics/gates";
import { MINUTE_MS } from "@/lib/metrics/windows";
import { CHECK_IDS, type CheckId, type CheckStatus } from "@/lib/readiness/checklist";
import { gateExitCode, type GoNoGoVerdict } from "@/lib/readiness/verdict";
import { makeUser } from "@/lib/testing/principals";
import { openTestDb, testDbKinds, type DbKind } from "@/lib/testing/test-db";

// One verdict on every surface: each scenario's evidence is scripted at the two places evidence
// enters the console — the gates' per-minute data and the checks — and every surface that shows a
// verdict is read through its own route or function, on both databases.

const scenario = vi.hoisted(() => ({
  gates: null as GateInputs | null,
  checks: {} as Partial<Record<string, "PASS" | "FAIL" | "NO_DATA">>,
}));

vi.mock("@/lib/server/metrics/gate-data", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/server/metrics/gate-data")>();
  return {
    ...real,
    loadGateInputs: async (_p: unknown, _m: unknown, span: { environment: string }) =>
      span.environment === "production" && scenario.gates
        ? scenario.gates
        : { minutes: new Map(), approvals: [], denyBaseline: { decisions: 0, denies: 0 } },
  };
});

vi.mock("@/lib/server/readiness/registry", async () => {
  const { checkResult } = await import("@/lib/server/readiness/context");
  const { CHECK_IDS: ids } = await import("@/lib/readiness/checklist");
  return {
    CHECK_FUNCTIONS: Object.fromEntries(
      ids.map((id) => [
        id,
        async (ctx: Parameters<typeof checkResult>[0]) => {
          const status = ctx.environment === "production" ? (scenario.checks[id] ?? "NO_DATA") : "NO_DATA";
          return checkResult(ctx, id, status, `${id} is ${status} (scripted).`);
        },
      ]),
    ),
  };
});

process.env.PUBLIC_URL = "http://console.test";
process.env.ENCRYPTION_KEY = "test-encryption-key-0123456789abcdef";
const { createApiToken } = await import("../api-tokens");
const { createMetricsToken } = await import("../metrics/metrics-tokens");
const { readinessReport } = await import("./report");
const { PROBE_STALE_MS } = await import("./report");
const goNoGoRoute = await import("@/app/api/v1/go-no-go/route");
const gatesRoute = await import("@/app/api/v1/gates/route");
const readinessRoute = await import("@/app/api/v1/readiness/route");
const reportRoute = await import("@/app/api/console/readiness/report/route");
const overviewRoute = await import("@/app/api/console/gates/overview/route");

const kinds = await testDbKinds();
const BASE = "http://console.test";

/** An hour of healthy traffic in every minute: each gate has data and none blocks. */
function healthyGates(now: number): GateInputs {
  const minutes = new Map<number, ReturnType<typeof emptyMinute>>();
  const current = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  for (let m = current - 70 * MINUTE_MS; m <= current; m += MINUTE_MS)
    minutes.set(m, { ...emptyMinute(), decisions: 100, denies: 5, results: 10, latency: [[120, 10]] });
  return {
    minutes,
    approvals: [{ createdAt: now - 5 * MINUTE_MS, endedAt: now - 4 * MINUTE_MS }],
    denyBaseline: { decisions: 10_000, denies: 500 },
  };
}

const allPass = () => Object.fromEntries(CHECK_IDS.map((id) => [id, "PASS" as const]));

interface Scenario {
  name: string;
  gates: (now: number) => GateInputs | null;
  checks: () => Partial<Record<CheckId, CheckStatus>>;
  /** The stored remote-auth probe: its age in ms, or null for none. */
  probeAgeMs: number | null;
  verdict: GoNoGoVerdict;
  blockers: string[];
}

const SCENARIOS: Scenario[] = [
  { name: "no data", gates: () => null, checks: () => ({}), probeAgeMs: null, verdict: "NOT_READY", blockers: [] },
  {
    name: "partial data",
    gates: (now) => ({ ...healthyGates(now), approvals: [] }),
    checks: () => ({ ...allPass(), drill: "NO_DATA" }),
    probeAgeMs: 60_000,
    verdict: "NOT_READY",
    blockers: [],
  },
  { name: "all green", gates: healthyGates, checks: allPass, probeAgeMs: 60_000, verdict: "GO", blockers: [] },
  {
    name: "one gate blocking",
    gates: (now) => {
      const g = healthyGates(now);
      g.minutes.get(Math.floor(now / MINUTE_MS) * MINUTE_MS)!.unapprovedHighRisk = 1;
      return g;
    },
    checks: allPass,
    probeAgeMs: 60_000,
    verdict: "NO_GO",
    blockers: ["unapproved-high-risk-writes"],
  },
  {
    name: "one check failing",
    gates: healthyGates,
    checks: () => ({ ...allPass(), "queue-slo": "FAIL" }),
    probeAgeMs: 60_000,
    verdict: "NO_GO",
    blockers: ["queue-slo"],
  },
  {
    name: "stale check",
    gates: healthyGates,
    checks: allPass,
    probeAgeMs: PROBE_STALE_MS + 5 * 60_000,
    verdict: "NOT_READY",
    blockers: [],
  },
];

describe.each(kinds)("one go/no-go verdict on every surface, on %s", (kind: DbKind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  let adminPat: string;
  let metricsToken: string;
  const holder = globalThis as unknown as { __consoleDb?: Promise<unknown> };

  beforeAll(async () => {
    db = await openTestDb(kind);
    holder.__consoleDb = Promise.resolve(db);
    const admin = await makeUser(db.prisma, "admin");
    adminPat = (await createApiToken(db.prisma, admin.principal, admin.actor, "t")).token;
    metricsToken = (await createMetricsToken(db.prisma, admin.actor, { name: "ci gate" })).token;
  });
  afterAll(async () => {
    holder.__consoleDb = undefined;
    await db?.dispose();
  });
  beforeEach(async () => {
    await db.prisma.readinessCheckResult.deleteMany();
    await db.prisma.gateState.deleteMany();
    await db.prisma.gateStateChange.deleteMany();
  });

  async function get(route: { GET: (req: Request) => Promise<Response> }, path: string, token: string) {
    const res = await route.GET(new Request(`${BASE}${path}`, { headers: { authorization: `Bearer ${token}` } }));
    expect(res.status, path).toBe(200);
    return res.json();
  }

  it.each(SCENARIOS)("$name → $verdict everywhere", async (s) => {
    scenario.gates = s.gates(Date.now());
    scenario.checks = s.checks();
    if (s.probeAgeMs !== null)
      await db.prisma.readinessCheckResult.create({
        data: {
          runId: crypto.randomUUID(),
          environment: "production",
          check: "remote-auth",
          status: "PASS",
          evidence: "Every remote server refused an unauthenticated request.",
          checkedAt: new Date(Date.now() - s.probeAgeMs),
          trigger: "schedule",
          runBy: "system",
        },
      });

    const q = "environment=production";
    const goNoGo = await get(goNoGoRoute, `/api/v1/go-no-go?${q}`, metricsToken);
    const gates = await get(gatesRoute, `/api/v1/gates?${q}`, metricsToken);
    const readiness = await get(readinessRoute, `/api/v1/readiness?${q}`, metricsToken);
    const printable = await get(reportRoute, `/api/console/readiness/report?${q}`, adminPat);
    const overview = await get(overviewRoute, `/api/console/gates/overview?${q}&range=1h`, adminPat);
    const page = await readinessReport(db.prisma, "production");

    const surfaces: Record<string, unknown> = {
      "GET /api/v1/go-no-go": goNoGo.verdict,
      "GET /api/v1/gates": gates.verdict,
      "GET /api/v1/readiness (readiness page)": readiness.verdict,
      "printable report": printable.verdict,
      "report page": page.verdict,
      "Overview banner": overview.verdict,
      "Overview production tile": overview.environments.find(
        (e: { environment: string }) => e.environment === "production",
      ).verdict,
    };
    expect(surfaces).toEqual(Object.fromEntries(Object.keys(surfaces).map((k) => [k, s.verdict])));
    expect(gateExitCode(goNoGo.verdict)).toBe({ GO: 0, NO_GO: 1, NOT_READY: 2 }[s.verdict]);

    expect(goNoGo.blockers.map((b: { id: string }) => b.id)).toEqual(s.blockers);
    for (const body of [gates, readiness]) expect(body.blockers).toEqual(goNoGo.blockers);
    for (const b of goNoGo.blockers) {
      expect(b.sentence).toMatch(/\w+ .*\./);
      expect(b.owner).not.toBe("");
      expect(b.evidence_url).toMatch(/^\//);
      expect(b.runbook_url).toMatch(/^\//);
    }
    if (s.verdict === "NOT_READY") expect(goNoGo.missing.length).toBeGreaterThan(0);
    if (s.name === "stale check") {
      const remote = readiness.checks.find((c: { id: string }) => c.id === "remote-auth");
      expect(remote).toMatchObject({ status: "NO_DATA", stale: true });
      expect(goNoGo.missing).toEqual([expect.objectContaining({ id: "remote-auth", sentence: remote.evidence })]);
    }
  });
});
