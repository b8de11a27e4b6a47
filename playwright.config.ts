import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SERVER_ARGS } from "./scripts/server-args.mjs";

// scripts/test.sh creates a fresh PostgreSQL database per run and passes it here;
// the embedded half gets a fresh data directory.
const pgUrl = process.env.E2E_DATABASE_URL;
export const ADMIN_EMAIL = "admin@example.com";
export const ADMIN_PASSWORD = "e2e-admin-password-0001";

// A real OIDC provider (scripts/test-idp.ts) for single sign-on tests.
const idpPort = Number(process.env.E2E_PORT_BASE ?? 3101) + 49;
export const IDP_URL = `http://127.0.0.1:${idpPort}`;

const common = {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  AUTH_SECRET: "e2e-auth-secret-0123456789abcdef0123456789",
  SSRF_ALLOW_HOSTS: "127.0.0.1,localhost",
  OIDC_ISSUER: IDP_URL,
  OIDC_CLIENT_ID: "console",
  OIDC_CLIENT_SECRET: "console-test-secret-0123456789",
  OIDC_NAME: "Test IdP",
};

// E2E_PORT_BASE lets two runs on one machine use different ports.
const portBase = Number(process.env.E2E_PORT_BASE ?? 3101);
type Target = { name: string; port: number; env: Record<string, string> };
const allTargets: Target[] = [
  { name: "embedded", port: portBase, env: { DATA_DIR: mkdtempSync(path.join(tmpdir(), "mgc-e2e-")) } },
];
if (pgUrl)
  allTargets.push({
    name: "postgresql",
    port: portBase + 1,
    env: { DATABASE_URL: pgUrl, DATA_DIR: mkdtempSync(path.join(tmpdir(), "mgc-e2e-pg-")) },
  });
// E2E_TARGET=embedded|postgresql: one console only (scripts/test.sh runs one Playwright per console,
// side by side, each with one worker, so no two specs ever change the same console at once).
const targets = allTargets.filter((t) => !process.env.E2E_TARGET || t.name === process.env.E2E_TARGET);

/** Specs whose subject is the browser and the handlers rather than the database (run on PostgreSQL only). */
const BROWSER_ONLY_SPECS = [
  /\/keyboard\.spec\.ts$/,
  /\/screens-[a-z]+\.spec\.ts$/,
  /\/xss\.spec\.ts$/,
  /\/role-matrix\.spec\.ts$/,
  /\/sso\.spec\.ts$/,
];

export default defineConfig({
  testDir: "playwright",
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  // Two cores run two consoles, PostgreSQL, the identity provider and the browsers: a clean CI run
  // saw the browser's page thread stall ~9 s once (no requests, no rendering) while three specs
  // waited on data already delivered. Assertions wait longer; what they assert is unchanged.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  // One spec at a time per console: specs change a console's shared state (policy, catalog, kill
  // switches), and one judging a whole environment (readiness) must not meet another's changes.
  // scripts/test.sh runs the two consoles side by side, one Playwright each (E2E_TARGET).
  workers: 1,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: targets.map((t) => ({
    name: t.name,
    use: { baseURL: `http://127.0.0.1:${t.port}`, browserName: "chromium" as const },
    metadata: { database: t.name },
    // *.pg.spec.ts reach into the database directly, which only PostgreSQL allows while the server runs.
    // Screens, keyboard, the role matrix and single sign-on exercise the browser and the handlers, not
    // the database: they run once, on PostgreSQL (production's), which keeps the suite inside CI's
    // budget; every flow that stores or reads data runs on both.
    testIgnore: t.name === "embedded" ? [/\.pg\.spec\.ts$/, ...BROWSER_ONLY_SPECS] : undefined,
  })),
  webServer: [
    {
      command: "node --import tsx scripts/test-idp.ts",
      url: `${IDP_URL}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore" as const,
      stderr: "pipe" as const,
      env: {
        NODE_ENV: "test",
        IDP_PORT: String(idpPort),
        IDP_CONSOLE_ORIGINS: targets.map((t) => `http://127.0.0.1:${t.port}`).join(","),
      },
    },
    ...targets.map((t) => ({
      // The same server `npm start` runs: Next plus the lean decision path (server.ts).
      command: `node ${SERVER_ARGS.join(" ")}`,
      url: `http://127.0.0.1:${t.port}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore" as const,
      stderr: "pipe" as const,
      env: { ...common, ...t.env, PORT: String(t.port), HOST: "127.0.0.1", PUBLIC_URL: `http://127.0.0.1:${t.port}` },
    })),
  ],
});
