import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/server/api-tokens";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/server/audit";
import { type Database, openDatabase } from "@/lib/server/db";
import { applyMigrations } from "@/lib/server/migrate";
import { enforcementWorld } from "@/lib/testing/enforcement-world";
import { makeUser } from "@/lib/testing/principals";
import { httpsReceiver, selfSignedCert, syslogReceiver } from "@/lib/testing/siem-receivers";
import { createTestPgDatabase, type DbKind, testDbKinds } from "@/lib/testing/test-db";
import { exportDestination } from "./export";

// The receivers listen on loopback, which only SSRF_ALLOW_HOSTS lets through (env() reads it lazily).
process.env.SSRF_ALLOW_HOSTS = "localhost";

const listRoute = await import("@/app/api/console/siem-destinations/route");
const oneRoute = await import("@/app/api/console/siem-destinations/[id]/route");
const testRoute = await import("@/app/api/console/siem-destinations/[id]/test/route");

const POLICY = `version: v1
rules:
  - id: reads-ok
    match: {labels: {mcp.action: read}}
    decision: ALLOW
  - id: no-writes
    match: {labels: {mcp.action: write}}
    decision: DENY
`;
const BASE = "http://console.test/api/console/siem-destinations";
const FAST = { timeoutMs: 400, batchSize: 4, retryNow: true };

/** A database that can be closed and opened again, as a restarted console would (a directory or a PostgreSQL URL). */
async function reopenableDb(kind: DbKind) {
  if (kind === "embedded") {
    const dir = mkdtempSync(path.join(tmpdir(), "siem-db-"));
    const open = async () => {
      const db = await openDatabase({ dataDir: dir });
      await applyMigrations(db.sql);
      return db;
    };
    return { open, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const pg = await createTestPgDatabase();
  const open = async () => {
    const db = await openDatabase({ databaseUrl: pg.url, dataDir: "unused" });
    await applyMigrations(db.sql);
    return db;
  };
  return { open, drop: pg.drop };
}

type Exported = { metadata: { uid: string; log_name: string; sequence: number } } & Record<string, unknown>;

/** What the receiver must hold: every row of both chains once, each chain in seq order. */
async function expectAllOnceInOrder(db: Database, received: Exported[]) {
  const events = await db.prisma.auditEvent.findMany({ orderBy: { seq: "asc" }, select: { id: true } });
  const decisions = await db.prisma.decisionRecord.findMany({ orderBy: { seq: "asc" }, select: { id: true } });
  const got = (log: string) => received.filter((r) => r.metadata.log_name === log).map((r) => r.metadata.uid);
  expect(got("audit_events")).toEqual(events.map((e) => e.id));
  expect(got("decisions")).toEqual(decisions.map((d) => d.id));
}

async function expectCursorOnChainHead(db: Database, id: string) {
  const s = await db.prisma.siemExportState.findUniqueOrThrow({ where: { destinationId: id } });
  const e = await db.prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
  const d = await db.prisma.decisionRecord.findFirstOrThrow({ orderBy: { seq: "desc" } });
  expect([s.eventSeq, s.eventHash, s.decisionSeq, s.decisionHash]).toEqual([e.seq, e.hash, d.seq, d.hash]);
  expect(s.pendingKey).toBeNull();
}

async function drain(db: Database, id: string, owner?: string) {
  for (let i = 0; i < 50; i++) {
    const r = await exportDestination(db.prisma, id, { ...FAST, owner });
    if (r.status === "idle") return;
    if (r.status === "failed") throw new Error(r.error);
  }
  throw new Error("export did not catch up");
}

const kinds = await testDbKinds();
const cert = selfSignedCert();

describe.each(kinds)("SIEM export on %s", (kind) => {
  let store: Awaited<ReturnType<typeof reopenableDb>>;
  let db: Database;
  let world: Awaited<ReturnType<typeof enforcementWorld>>;
  const tokens: Record<string, string> = {};
  const holder = globalThis as unknown as { __consoleDb?: Promise<unknown> };

  async function traffic(n: number) {
    for (let i = 0; i < n; i++) {
      await world.call({ server: "github", tool: "get_file_contents", arguments: { path: `f${i}`, token: "ghp_x" } });
      await world.call({ server: "github", tool: "create_issue", arguments: { title: `t${i}` } });
      await recordAudit(db.prisma, {
        actor: SYSTEM_ACTOR,
        action: "gate.update",
        target: { type: "gate", id: `g${i}` },
      });
    }
  }

  function call(method: string, url: string, role: string, body?: unknown, id?: string) {
    const route = url.endsWith("/test") ? testRoute : id ? oneRoute : listRoute;
    const req = new Request(url, {
      method,
      headers: { authorization: `Bearer ${tokens[role]}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const fn = (route as Record<string, (r: Request, c?: unknown) => Promise<Response>>)[method];
    return fn(req, { params: Promise.resolve(id ? { id } : {}) });
  }

  beforeAll(async () => {
    store = await reopenableDb(kind);
    db = await store.open();
    holder.__consoleDb = Promise.resolve(db);
    world = await enforcementWorld(db, POLICY);
    for (const role of ["admin", "auditor", "viewer", "policy_author"] as const) {
      const u = await makeUser(db.prisma, role);
      tokens[role] = (await createApiToken(db.prisma, u.principal, u.actor, "siem test")).token;
    }
  });

  afterAll(async () => {
    holder.__consoleDb = undefined;
    await db.close();
    await store.drop();
  });

  it("delivers every event and decision once, in chain order, through an outage and a restart (HTTPS)", async () => {
    const rx = await httpsReceiver(cert);
    const created = await call("POST", BASE, "admin", {
      kind: "https",
      name: "splunk",
      url: rx.url,
      secret: "s3cret-token",
      ca: cert.cert,
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await traffic(3);
    await drain(db, id);
    expect(rx.accepted.every((b) => b.authorization === "Bearer s3cret-token")).toBe(true);
    expect(rx.accepted.every((b) => b.contentType === "application/x-ndjson")).toBe(true);

    // Refused with 500, stalled, then not listening: each attempt fails and the cursor stays.
    await traffic(2);
    const before = await db.prisma.siemExportState.findUniqueOrThrow({ where: { destinationId: id } });
    rx.state.mode = "error500";
    expect(await exportDestination(db.prisma, id, FAST)).toMatchObject({
      status: "failed",
      error: expect.stringContaining("HTTP 500"),
    });
    rx.state.mode = "stall";
    expect(await exportDestination(db.prisma, id, FAST)).toMatchObject({ status: "failed" });
    await rx.stop();
    expect(await exportDestination(db.prisma, id, FAST)).toMatchObject({ status: "failed" });
    const during = await db.prisma.siemExportState.findUniqueOrThrow({ where: { destinationId: id } });
    expect([during.eventSeq, during.decisionSeq, during.attempts]).toEqual([before.eventSeq, before.decisionSeq, 3]);
    expect(during.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect(await exportDestination(db.prisma, id, { ...FAST, retryNow: false })).toEqual({ status: "waiting" });

    // The receiver keeps a batch but never answers: the retry repeats it under the same Idempotency-Key.
    await rx.start();
    rx.state.mode = "storeThenStall";
    await exportDestination(db.prisma, id, FAST);
    const kept = rx.accepted.at(-1)!.key;

    // Restart: drop this process's state, reopen the database, a new exporter continues from the cursor.
    await db.close();
    db = await store.open();
    holder.__consoleDb = Promise.resolve(db);
    world = await enforcementWorld(db, POLICY);
    rx.state.mode = "ok";
    await drain(db, id, "restarted-exporter");
    expect(rx.accepted.filter((b) => b.key === kept)).toHaveLength(2);
    const deduped = [...new Map(rx.accepted.map((b) => [b.key, b])).values()].flatMap((b) => b.records as Exported[]);
    await expectAllOnceInOrder(db, deduped);
    await expectCursorOnChainHead(db, id);
    await rx.stop();
    await call("DELETE", `${BASE}/${id}`, "admin", undefined, id);
  });

  it("maps records to OCSF, arguments hidden unless the destination includes payloads", async () => {
    const rx = await httpsReceiver(cert);
    const res = await call("POST", BASE, "admin", { kind: "https", name: "ocsf", url: rx.url, ca: cert.cert });
    const { id } = (await res.json()) as { id: string };
    await drain(db, id);
    const records = rx.accepted.flatMap((b) => b.records as Exported[]);
    const allowed = records.find(
      (r) => r.metadata.log_name === "decisions" && (r.unmapped as { outcome: string }).outcome === "ALLOW",
    )!;
    const denied = records.find(
      (r) => r.metadata.log_name === "decisions" && (r.unmapped as { outcome: string }).outcome === "DENY",
    )!;
    const row = await db.prisma.decisionRecord.findUniqueOrThrow({ where: { id: allowed.metadata.uid } });
    expect(allowed).toMatchObject({
      class_uid: 6003,
      category_uid: 6,
      activity_id: 2,
      type_uid: 600302,
      disposition_id: 1,
      time: row.at.getTime(),
      api: { operation: "get_file_contents", service: { name: "github" } },
      metadata: { uid: row.id, sequence: Number(row.seq), product: { name: "MCP governance console" } },
      unmapped: { rule_id: "reads-ok", policy_hash: row.policyHash, environment: "production", decision: "ALLOW" },
    });
    expect(allowed.unmapped).toMatchObject({ chain: { name: "decisions", seq: String(row.seq), hash: row.hash } });
    expect(allowed.unmapped).not.toHaveProperty("arguments");
    expect(denied).toMatchObject({ disposition_id: 2, disposition: "Blocked", unmapped: { rule_id: "no-writes" } });
    const created = records.find((r) => (r.unmapped as { action?: string }).action === "siem_destination.create")!;
    expect(created).toMatchObject({ class_uid: 3004, activity_id: 1 });
    expect(JSON.stringify(created)).not.toContain("s3cret");
    await rx.stop();
    await call("DELETE", `${BASE}/${id}`, "admin", undefined, id);
  });

  it("sends RFC 5424 over TLS with octet counting, and recovers after the receiver was down", async () => {
    const rx = await syslogReceiver(cert);
    const res = await call("POST", BASE, "admin", {
      kind: "syslog",
      name: "syslog",
      host: "localhost",
      port: rx.port,
      tls: true,
      ca: cert.cert,
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await drain(db, id);
    await rx.stop();
    await traffic(2);
    expect(await exportDestination(db.prisma, id, FAST)).toMatchObject({ status: "failed" });
    await rx.start();
    // Stalled: the receiver reads but never closes, so the batch is not acknowledged and is sent again.
    rx.state.mode = "stall";
    await traffic(1);
    expect(await exportDestination(db.prisma, id, FAST)).toMatchObject({ status: "failed" });
    rx.state.mode = "ok";
    await drain(db, id);
    const received = rx.frames.map((f) => f.json as Exported);
    await expectAllOnceInOrder(db, received);
    await expectCursorOnChainHead(db, id);
    for (const f of rx.frames) {
      expect(f.sd).toContain(`uid="${(f.json as Exported).metadata.uid}"`);
      expect(f.sd).toMatch(/^\[mgc@32473 seq="\d+" /);
      expect(Math.floor(f.pri / 8)).toBe(13);
    }
    await rx.stop();
    await call("DELETE", `${BASE}/${id}`, "admin", undefined, id);
  });

  it("lets one exporter at a time work a destination; another takes over an expired lease", async () => {
    const rx = await httpsReceiver(cert);
    const res = await call("POST", BASE, "admin", { kind: "https", name: "hosts", url: rx.url, ca: cert.cert });
    const { id } = (await res.json()) as { id: string };
    await traffic(2);
    const hosts = ["host-a", "host-b", "host-c"];
    const runs = await Promise.all(
      hosts.map((owner) => exportDestination(db.prisma, id, { ...FAST, owner, maxBatches: 50 })),
    );
    expect(runs.filter((r) => r.status === "sent")).toHaveLength(1);
    expect(runs.every((r) => ["sent", "busy", "idle"].includes(r.status))).toBe(true);

    // host-a keeps a batch the receiver stored, then "dies" holding the lease with the batch in flight.
    await traffic(1);
    rx.state.mode = "storeThenStall";
    expect(await exportDestination(db.prisma, id, { ...FAST, owner: "host-a" })).toMatchObject({ status: "failed" });
    const leaseUntil = new Date(Date.now() + 60_000);
    await db.prisma.siemExportState.update({
      where: { destinationId: id },
      data: { leaseOwner: "host-a", leaseUntil },
    });
    rx.state.mode = "ok";
    expect(await exportDestination(db.prisma, id, { ...FAST, owner: "host-b" })).toEqual({ status: "busy" });
    await db.prisma.siemExportState.update({ where: { destinationId: id }, data: { leaseUntil: new Date(0) } });
    await drain(db, id, "host-b");
    const keys = rx.accepted.map((b) => b.key);
    expect(keys.at(-1)).toBe(keys.at(-2));
    const deduped = [...new Map(rx.accepted.map((b) => [b.key, b])).values()].flatMap((b) => b.records as Exported[]);
    await expectAllOnceInOrder(db, deduped);
    await expectCursorOnChainHead(db, id);
    await rx.stop();
    await call("DELETE", `${BASE}/${id}`, "admin", undefined, id);
  });

  it("sends a test event without moving the cursor", async () => {
    const rx = await httpsReceiver(cert);
    const { id } = (await (
      await call("POST", BASE, "admin", { kind: "https", name: "t", url: rx.url, ca: cert.cert })
    ).json()) as { id: string };
    const res = await call("POST", `${BASE}/${id}/test`, "admin", undefined, id);
    expect(await res.json()).toMatchObject({ ok: true });
    expect(rx.accepted[0].records[0]).toMatchObject({ metadata: { log_name: "siem_test" } });
    const s = await db.prisma.siemExportState.findUniqueOrThrow({ where: { destinationId: id } });
    expect([s.eventSeq, s.decisionSeq]).toEqual([0n, 0n]);
    await rx.stop();
    await call("DELETE", `${BASE}/${id}`, "admin", undefined, id);

    // Plain TCP syslog (no TLS) frames the same messages.
    const tcp = await syslogReceiver();
    const body = { kind: "syslog", name: "tcp", host: "localhost", port: tcp.port, tls: false };
    const made = (await (await call("POST", BASE, "admin", body)).json()) as { id: string };
    expect(await (await call("POST", `${BASE}/${made.id}/test`, "admin", undefined, made.id)).json()).toMatchObject({
      ok: true,
    });
    expect(tcp.frames.map((f) => [f.msgId, (f.json as Exported).metadata.log_name])).toEqual([
      ["siem_test", "siem_test"],
    ]);
    await tcp.stop();
    await call("DELETE", `${BASE}/${made.id}`, "admin", undefined, made.id);
  });

  it("refuses bad settings with 4xx and changes nothing; roles without rights get 403", async () => {
    const count = () => Promise.all([db.prisma.siemDestination.count(), db.prisma.auditEvent.count()]);
    const before = await count();
    const bad = [
      { kind: "https", name: "plain", url: "http://localhost:9/x" },
      { kind: "https", name: "private", url: "https://192.168.1.10/ingest" },
      { kind: "https", name: "loop", url: "https://127.0.0.2:8443/ingest" },
      { kind: "syslog", name: "private", host: "10.0.0.5", port: 6514 },
      {
        kind: "https",
        name: "ca",
        url: "https://localhost:1234/x",
        ca: "-----BEGIN CERTIFICATE-----\nnot a cert\n-----END CERTIFICATE-----",
      },
    ];
    for (const body of bad) {
      const res = await call("POST", BASE, "admin", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      if (body.name === "private") expect((await res.json()).type).toMatch(/\/ssrf-blocked$/);
    }
    for (const role of ["viewer", "policy_author", "auditor"]) {
      const res = await call("POST", BASE, role, { kind: "https", name: "x", url: "https://localhost:1/x" });
      expect(res.status).toBe(403);
    }
    expect((await call("GET", BASE, "viewer")).status).toBe(403);
    expect(await count()).toEqual(before);
    const rx = await httpsReceiver(cert);
    const { id } = (await (
      await call("POST", BASE, "admin", { kind: "https", name: "seen", url: rx.url, secret: "top-secret" })
    ).json()) as { id: string };
    expect(
      (await call("PUT", `${BASE}/${id}`, "auditor", { kind: "https", name: "seen", url: rx.url }, id)).status,
    ).toBe(403);
    expect((await call("DELETE", `${BASE}/${id}`, "auditor", undefined, id)).status).toBe(403);
    const list = await call("GET", BASE, "auditor");
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).not.toContain("top-secret");
    expect(JSON.parse(text).items.find((d: { id: string }) => d.id === id)).toMatchObject({
      secretSet: true,
      status: { lagRows: expect.any(String) },
    });
    // An intake key in the URL's query is used to send, but the audit trail records the URL without it.
    const keyed = `${rx.url}${rx.url.includes("?") ? "&" : "?"}api_key=query-secret-123`;
    expect((await call("POST", BASE, "admin", { kind: "https", name: "keyed", url: keyed })).status).toBe(201);
    const audited = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: { contains: "siem" } },
      orderBy: { seq: "desc" },
    });
    expect(JSON.stringify(audited.data)).not.toContain("query-secret-123");
    expect(audited.data).toMatchObject({ name: "keyed", query: "(set)" });
    await rx.stop();
  });
});
