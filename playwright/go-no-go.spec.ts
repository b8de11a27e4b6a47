import { expect, test, type Page } from "@playwright/test";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { GATE_DEFINITIONS, gateDefinition, targetText } from "../lib/metrics/gates";
import { CHECK_IDS } from "../lib/readiness/checklist";
import { type CheckEvidence, type GateEvidence, type GoNoGo, goNoGo } from "../lib/readiness/verdict";
import { adminApiToken, signInAsAdmin } from "./helpers";

// The one go/no-go verdict: every surface agrees on live data, and the first screen reads in
// five seconds — the verdict and the reasons above the fold at 1440×900 for GO, NO_GO and NOT_READY.

const ENVS = ["production", "staging", "development"] as const;
const VIEWPORT = { width: 1440, height: 900 };
const WORDS = { GO: "GO", NO_GO: "NO-GO", NOT_READY: "NOT READY" } as const;

test.describe.configure({ mode: "serial" });

function runGateCli(baseURL: string, token: string, environment: string) {
  const run = spawnSync(
    process.execPath,
    [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/gate.ts", "--url", baseURL, "--environment", environment],
    { env: { ...process.env, METRICS_TOKEN: token }, encoding: "utf8", timeout: 60_000 },
  );
  return run.status;
}

test("every surface shows the same verdict: APIs, CLI, Overview banner and tile, readiness page and report", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const token = await adminApiToken(request);
  const headers = { authorization: `Bearer ${token}` };
  await page.setViewportSize(VIEWPORT);
  await signInAsAdmin(page);
  for (const environment of ENVS) {
    // Windows move while this runs; read every surface again until they agree (a lasting disagreement fails).
    await expect(async () => {
      const verdict: GoNoGo = await (
        await request.get(`/api/v1/go-no-go?environment=${environment}`, { headers })
      ).json();
      const gates = await (await request.get(`/api/v1/gates?environment=${environment}`, { headers })).json();
      const readiness = await (await request.get(`/api/v1/readiness?environment=${environment}`, { headers })).json();
      const overview = await (
        await request.get(`/api/console/gates/overview?environment=${environment}&range=1h`, { headers })
      ).json();
      const cli = runGateCli(baseURL!, token, environment);
      expect({
        gates: gates.verdict,
        readiness: readiness.verdict,
        overview: overview.verdict,
        tile: overview.environments.find((e: { environment: string }) => e.environment === environment).verdict,
        cli,
      }).toEqual({
        gates: verdict.verdict,
        readiness: verdict.verdict,
        overview: verdict.verdict,
        tile: verdict.verdict,
        cli: { GO: 0, NO_GO: 1, NOT_READY: 2 }[verdict.verdict],
      });

      await page.goto(`/?environment=${environment}`);
      const banner = page.getByTestId("verdict-banner");
      await expect(banner).toHaveAttribute("data-verdict", verdict.verdict, { timeout: 15_000 });
      await expect(banner.getByTestId("verdict-word")).toContainText(WORDS[verdict.verdict]);
      await expect(banner.getByTestId("verdict-word")).toBeInViewport({ ratio: 1 });
      const first = (verdict.verdict === "NO_GO" ? verdict.blockers : verdict.missing)[0];
      if (first) await expect(banner.getByText(first.sentence, { exact: true })).toBeInViewport({ ratio: 1 });
      await expect(page.getByTestId(`env-${environment}`)).toHaveAttribute("data-verdict", verdict.verdict);

      await page.goto(`/readiness?environment=${environment}`);
      await expect(page.getByTestId("verdict-banner")).toHaveAttribute("data-verdict", verdict.verdict, {
        timeout: 15_000,
      });
      await page.goto(`/readiness/report?environment=${environment}`);
      await expect(page.getByTestId("report-header")).toHaveAttribute("data-verdict", verdict.verdict);
      await expect(page.getByTestId("report-verdict")).toContainText(WORDS[verdict.verdict]);
    }).toPass({ intervals: [1_000, 5_000], timeout: 120_000 });
  }
});

// The panel's three states, from bodies the verdict function itself produces, served in place of
// /api/v1/go-no-go: a fresh console cannot be brought to GO (a drill, a reviewed sample week,
// a 7-day deny baseline…) within a test, and the layout is what is under test here.
const HOUR = 3_600_000;
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

function gate(metric: string, state: GateEvidence["state"], value: number | null): GateEvidence {
  const def = gateDefinition(metric as (typeof GATE_DEFINITIONS)[number]["metric"]);
  return {
    metric,
    title: def.title,
    state,
    value,
    unit: def.unit,
    owner: def.owner,
    reason: "No approvals pending or decided in the window.",
    since: iso(now - 2 * HOUR),
    target: { text: targetText(def) },
    condition: { window_minutes: def.windowMinutes, sustained: def.sustained, text: "" },
  };
}
const check = (id: (typeof CHECK_IDS)[number], status: CheckEvidence["status"], evidence: string): CheckEvidence => ({
  id,
  status,
  evidence,
  since: iso(now - 26 * HOUR),
  fix_url: "/operations",
});

const SCENARIOS: Record<"GO" | "NO_GO" | "NOT_READY", GoNoGo> = {
  GO: goNoGo({
    environment: "production",
    gates: GATE_DEFINITIONS.map((d) => ({ ...gate(d.metric, "PASS", 0), since: iso(now - 6 * 24 * HOUR) })),
    checks: CHECK_IDS.map((id) => ({ ...check(id, "PASS", "ok"), since: iso(now - 6 * 24 * HOUR) })),
    evaluatedAt: iso(now),
  }),
  NO_GO: goNoGo({
    environment: "production",
    gates: [
      gate("approval-queue-p50-minutes", "BLOCK", 34),
      gate("tool-call-p95-ms", "BLOCK", 7400),
      ...GATE_DEFINITIONS.slice(0, 2).map((d) => gate(d.metric, "PASS", 0)),
    ],
    checks: [
      check(
        "queue-slo",
        "FAIL",
        "No destination is configured for queue p50 and timeout alerts, so a stalled approval queue would page nobody.",
      ),
      check("drill", "FAIL", "No revoke-and-restore drill has passed this quarter; the last one passed on 2 Aug."),
      check("fn-review", "NO_DATA", "No false-negative sample was drawn last week."),
    ],
    evaluatedAt: iso(now),
  }),
  NOT_READY: goNoGo({
    environment: "production",
    gates: GATE_DEFINITIONS.map((d) => gate(d.metric, "NO_DATA", null)),
    checks: CHECK_IDS.map((id) =>
      check(id, id === "ssrf-guard" ? "PASS" : "NO_DATA", `Nothing to judge for ${id} yet.`),
    ),
    evaluatedAt: iso(now),
  }),
};

async function overviewWith(page: Page, body: GoNoGo) {
  await page.route("**/api/v1/go-no-go?environment=production", (route) => route.fulfill({ json: body }));
  await page.goto("/?environment=production");
}

for (const [verdict, body] of Object.entries(SCENARIOS)) {
  test(`five-second read, ${verdict}: the verdict, its trend and every reason shown are above the fold at 1440×900`, async ({
    page,
  }, testInfo) => {
    expect(body.verdict).toBe(verdict);
    await page.setViewportSize(VIEWPORT);
    await signInAsAdmin(page);
    await overviewWith(page, body);
    const banner = page.getByTestId("verdict-banner");
    await expect(banner).toHaveAttribute("data-verdict", verdict);
    await expect(banner.getByTestId("verdict-word")).toHaveText(new RegExp(`^${WORDS[body.verdict]}\\b`));
    await expect(banner.getByTestId("verdict-word")).toBeInViewport({ ratio: 1 });
    await expect(banner.getByTestId("verdict-headline")).toBeInViewport({ ratio: 1 });
    await expect(banner.getByTestId("verdict-trend")).toBeInViewport({ ratio: 1 });
    await expect(banner.getByTestId("verdict-trend")).toHaveText(
      {
        GO: "GO for 6 days",
        NO_GO: /^NO-GO since (\d+ \w+ )?\d\d:\d\d UTC$/,
        NOT_READY: /^NOT READY since .*\d\d:\d\d UTC$/,
      }[body.verdict],
    );
    const reasons = body.verdict === "NO_GO" ? body.blockers : body.verdict === "NOT_READY" ? body.missing : [];
    const shown = banner.getByTestId("verdict-sentence");
    await expect(shown).toHaveCount(Math.min(reasons.length, body.verdict === "NO_GO" ? 5 : 4));
    for (const [i, r] of reasons.slice(0, await shown.count()).entries()) {
      await expect(shown.nth(i)).toHaveText(r.sentence);
      await expect(shown.nth(i)).toBeInViewport({ ratio: 1 });
    }
    if (body.verdict === "NOT_READY")
      await expect(banner).toContainText(`and ${reasons.length - 4} more without evidence`);
    if (body.verdict === "GO") await expect(banner).toContainText("Every gate has data in its window");
    // Red blocks, amber is not ready, green only for GO.
    await expect(banner.getByTestId("verdict-band")).toHaveClass(
      { GO: /bg-emerald-700/, NO_GO: /bg-red-700/, NOT_READY: /bg-amber-400/ }[body.verdict],
    );
    await page.screenshot({ path: testInfo.outputPath(`overview-${verdict}.png`) });
  });
}
