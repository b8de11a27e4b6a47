import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditExportQuery, auditFilterSchema, type AuditFilters } from "@/lib/schemas/audit";
import { openTestDb, testDbKinds, type DbKind } from "@/lib/testing/test-db";
import type { DecisionRow } from "../enforcement/decision-writer";
import { exportStream } from "./export";
import { fixtureDecisions, seedDecisions, seedEvents } from "./fixtures";
import type { DecisionItem, EventItem } from "./rows";
import { searchAudit } from "./search";

const kinds = await testDbKinds();
const N = 90;
const START = new Date("2026-01-01T00:00:00.000Z");

const filters = (raw: Record<string, string>): AuditFilters => auditFilterSchema.parse(raw);

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/** A small RFC 4180 reader for checking what the export wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += c;
  }
  return rows;
}

describe.each(kinds)("audit search on %s", (kind: DbKind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  let rows: DecisionRow[];
  const newestFirst = () => [...rows].reverse();

  beforeAll(async () => {
    db = await openTestDb(kind);
    rows = fixtureDecisions(N, START);
    await seedDecisions(db.prisma, rows);
    await seedEvents(db.prisma, rows);
  });
  afterAll(async () => db?.dispose());

  async function everyPage(f: AuditFilters, limit: number, payload = true): Promise<DecisionItem[]> {
    const out: DecisionItem[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 1_000; guard++) {
      const page = await searchAudit(db.sql, "decisions", f, { payload, cursor, limit });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      out.push(...(page.items as DecisionItem[]));
      if (!page.next_cursor) return out;
      cursor = page.next_cursor;
    }
    throw new Error("paging did not end");
  }

  it("pages through every decision newest first, with no duplicates or gaps", async () => {
    const all = await everyPage(filters({}), 7);
    expect(all.map((d) => d.id)).toEqual(newestFirst().map((r) => r.id));
    const seqs = all.map((d) => BigInt(d.seq));
    for (let i = 1; i < seqs.length; i++) expect(seqs[i] < seqs[i - 1]).toBe(true);
  });

  it("ends exactly when the last page is full (no empty trailing page surprise)", async () => {
    const page = await searchAudit(db.sql, "decisions", filters({}), { payload: true, limit: N });
    expect(page.items).toHaveLength(N);
    expect(page.next_cursor).toBeNull();
  });

  const cases: [string, Record<string, string>, (r: DecisionRow) => boolean][] = [
    ["agent", { agent: "agent-2" }, (r) => r.clientId === "agent-2"],
    ["actor (the agent for decisions)", { actor: "agent-4" }, (r) => r.clientId === "agent-4"],
    ["server", { server: "github" }, (r) => r.server === "github"],
    [
      "server and tool",
      { server: "github", tool: "get_file_contents" },
      (r) => r.server === "github" && r.tool === "get_file_contents",
    ],
    ["outcome", { outcome: "DENY" }, (r) => r.outcome === "DENY"],
    [
      "outcome and server",
      { outcome: "APPROVAL", server: "github" },
      (r) => r.outcome === "APPROVAL" && r.server === "github",
    ],
    ["rule", { rule: "approval-required-write-actions" }, (r) => r.ruleId === "approval-required-write-actions"],
    ["class", { class: "admin" }, (r) => r.action === "admin"],
    ["environment", { environment: "staging" }, (r) => r.environment === "staging"],
    [
      "time range",
      { from: "2026-01-01T00:10:00Z", to: "2026-01-01T00:20:00Z" },
      (r) => r.at >= new Date("2026-01-01T00:10:00Z") && r.at < new Date("2026-01-01T00:20:00Z"),
    ],
    ["free text on metadata", { q: "admin_users_remove" }, (r) => r.tool === "admin_users_remove"],
    [
      "free text with exclusion",
      { q: "github -create_issue" },
      (r) => r.server === "github" && r.tool !== "create_issue",
    ],
    [
      "free text on an argument value",
      { q: "acme/repo-3" },
      (r) => (r.arguments as { repo: string }).repo === "acme/repo-3",
    ],
    [
      "free text on a word inside a URL argument",
      { q: "evil" },
      (r) => String((r.arguments as { title: string }).title).includes("evil.example"),
    ],
  ];
  it.each(cases)("filters by %s, across pages", async (_name, raw, expected) => {
    const want = newestFirst()
      .filter(expected)
      .map((r) => r.id);
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(N);
    expect((await everyPage(filters(raw), 4)).map((d) => d.id)).toEqual(want);
  });

  it("filters by request hash and by a relative range", async () => {
    const target = rows[17];
    const byHash = await everyPage(filters({ request_hash: String(target.requestHash) }), 10);
    expect(byHash.map((d) => d.id)).toEqual([target.id]);
    expect(await everyPage(filters({ range: "1h" }), 10)).toEqual([]); // the fixtures are dated 2026-01-01
  });

  it("never shows or matches arguments for a reader without audit:payload", async () => {
    const all = await everyPage(filters({}), 50, false);
    expect(all.every((d) => d.arguments === null)).toBe(true);
    expect(JSON.stringify(all)).not.toContain("acme/repo-");
    expect(await everyPage(filters({ q: "acme/repo-3" }), 50, false)).toEqual([]);
    const withPayload = await everyPage(filters({}), 50, true);
    expect(withPayload[0].arguments).toMatchObject({ repo: expect.stringMatching(/^acme\/repo-/) });
  });

  it("searches audit events by actor, agent, event prefix, data fields and free text", async () => {
    const ev = async (raw: Record<string, string>, payload = true) =>
      (await searchAudit(db.sql, "events", filters({ kind: "events", ...raw }), { payload, limit: 50 }))
        .items as EventItem[];
    expect((await ev({ actor: "alice@example.com" })).map((e) => e.action)).toEqual(["policy.published"]);
    expect((await ev({ agent: rows[0].clientId })).map((e) => e.action)).toEqual(["approval.requested"]);
    expect((await ev({ event: "approval." })).map((e) => e.action)).toEqual(["approval.expired", "approval.requested"]);
    expect((await ev({ event: "approval_" })).map((e) => e.action)).toEqual([]);
    expect((await ev({ request_hash: String(rows[0].requestHash) })).map((e) => e.action)).toEqual([
      "approval.requested",
    ]);
    expect((await ev({ server: "jira", tool: "search" })).map((e) => e.action)).toEqual(["approval.expired"]);
    expect((await ev({ environment: "staging" })).map((e) => e.action)).toEqual(["change_request.created"]);
    expect((await ev({ q: "launch-codes-9000" })).map((e) => e.action)).toEqual(["change_request.created"]);
    expect(await ev({ q: "launch-codes-9000" }, false)).toEqual([]);
    const hidden = await ev({ actor: "bob@example.com" }, false);
    expect(JSON.stringify(hidden)).not.toMatch(/launch-codes|zebra-quartz/);
    expect(hidden[0].data).toMatchObject({ payload: expect.stringContaining("hidden") });
  });

  it("refuses malformed filters before any SQL runs", () => {
    for (const bad of [
      { request_hash: "abc" },
      { outcome: "MAYBE" },
      { from: "yesterday" },
      { approval_id: "1; DROP TABLE" },
      { range: "2y" },
    ]) {
      expect(auditFilterSchema.safeParse(bad).success).toBe(false);
    }
    expect(auditFilterSchema.parse({ agent: "", server: "  " })).toMatchObject({
      agent: undefined,
      server: undefined,
      kind: "decisions",
    });
  });

  it("exports CSV streamed page by page, escaped and protected against formula injection, capped by max_rows", async () => {
    const q = auditExportQuery.parse({ format: "csv", max_rows: "25" });
    const text = await readAll(exportStream(db.sql, q, { payload: true, pageSize: 4 }));
    const table = parseCsv(text);
    const [header, ...body] = table;
    expect(header).toContain("arguments");
    expect(body).toHaveLength(25);
    expect(body.map((r) => r[header.indexOf("id")])).toEqual(
      newestFirst()
        .slice(0, 25)
        .map((r) => r.id),
    );
    const full = parseCsv(
      await readAll(
        exportStream(db.sql, auditExportQuery.parse({ format: "csv", max_rows: "1000" }), {
          payload: true,
          pageSize: 16,
        }),
      ),
    );
    expect(full).toHaveLength(N + 1);
    const third = full.find((r) => r[header.indexOf("id")] === rows[3].id)!;
    const args = third[header.indexOf("arguments")];
    expect(args.startsWith("{")).toBe(true);
    expect(JSON.parse(args).title).toBe('=HYPERLINK("http://evil.example","x")');
    const fifth = full.find((r) => r[header.indexOf("id")] === rows[5].id)!;
    expect(JSON.parse(fifth[header.indexOf("arguments")]).title).toBe('ticket, "quoted" 5\nsecond line');
  });

  it("exports NDJSON, and a viewer's export has no arguments column and no argument values", async () => {
    const nd = await readAll(
      exportStream(db.sql, auditExportQuery.parse({ format: "ndjson", outcome: "DENY" }), {
        payload: false,
        pageSize: 5,
      }),
    );
    const lines = nd
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(
      newestFirst()
        .filter((r) => r.outcome === "DENY")
        .map((r) => r.id),
    );
    expect(lines.every((l) => !("arguments" in l))).toBe(true);
    const csv = await readAll(exportStream(db.sql, auditExportQuery.parse({ format: "csv" }), { payload: false }));
    expect(parseCsv(csv)[0]).not.toContain("arguments");
    expect(csv).not.toContain("acme/repo-");
    expect(csv).not.toContain("HYPERLINK");
  });

  it("exports an empty search as a header only", async () => {
    const csv = await readAll(
      exportStream(db.sql, auditExportQuery.parse({ format: "csv", agent: "nobody" }), { payload: true }),
    );
    expect(parseCsv(csv)).toHaveLength(1);
  });

  it("prefixes agent-supplied cells that a spreadsheet would run as a formula", async () => {
    const [evil] = fixtureDecisions(1, new Date());
    await seedDecisions(db.prisma, [{ ...evil, tool: "=cmd|' /C calc'!A0", clientId: "@evil-agent", reason: "-1+1" }]);
    const table = parseCsv(
      await readAll(exportStream(db.sql, auditExportQuery.parse({ format: "csv", max_rows: "1" }), { payload: false })),
    );
    const [header, row] = table;
    expect(row[header.indexOf("tool")]).toBe("'=cmd|' /C calc'!A0");
    expect(row[header.indexOf("client_id")]).toBe("'@evil-agent");
    expect(row[header.indexOf("reason")]).toBe("'-1+1");
  });
});
