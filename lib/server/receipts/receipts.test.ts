import { randomUUID } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema, McpError } from "@modelcontextprotocol/sdk/types.js";
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareGatewayEnv, type GatewayWorld } from "@/lib/testing/gateway-world";
import { ledgerDecision, startLedgerGateway } from "@/lib/testing/ledger-world";
import { startMcpUpstream } from "@/lib/testing/mcp-upstream";
import { testDbKinds, type DbKind } from "@/lib/testing/test-db";

const at = await prepareGatewayEnv();
const { createReceiptVerifier, requireReceipt, RECEIPT_HEADER, RECEIPT_META_KEY, RECEIPT_REFUSED_CODE, RECEIPT_TYP } =
  await import("@/lib/receipt-verifier");
type ReceiptClaims = import("@/lib/receipt-verifier").ReceiptClaims;
const { jwks, rotateSigningKey } = await import("../identity/signing-keys");
const { writeSnapshot } = await import("../policies/policy-store");
const { invalidatePolicyCache } = await import("../policies/current-policy");
const { drainResultWrites } = await import("../enforcement/result-writer");
const { issueReceipt } = await import("./issue-receipt");
const { forgetReceiptKey } = await import("./receipt-key");

const POLICY = `version: v1
rules:
  - id: quick-reads
    match: { labels: { mcp.tool: quick } }
    decision: ALLOW
    constraints: { max_runtime_sec: 1 }
  - id: allow-reads
    match: { labels: { mcp.action: read } }
    decision: ALLOW
  - id: no-secrets
    match: { labels: { mcp.tool: secrets } }
    decision: DENY
`;

let world: GatewayWorld | undefined;
/** What the upstream ran: the receipt it accepted, and the copies in _meta and the header. */
const ran: { tool: string; claims: ReceiptClaims; meta: unknown; header: unknown }[] = [];

// A real upstream on the official SDK whose tools/call handler is wrapped by the verifier; its
// JWKS is the console's own (the world's database), served beside it.
const upstream = await startMcpUpstream(
  async (transport) => {
    const server = new Server({ name: "ledger", version: "1.0.0" }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: ["read-ledger", "quick", "other"].map((name) => ({ name, inputSchema: { type: "object" as const } })),
    }));
    server.setRequestHandler(
      CallToolRequestSchema,
      requireReceipt(
        { verify: (request, headers) => verifier.verify(request, headers) },
        async (request, extra, claims) => {
          ran.push({
            tool: request.params.name,
            claims,
            meta: request.params._meta?.[RECEIPT_META_KEY],
            header: extra.requestInfo?.headers?.[RECEIPT_HEADER],
          });
          return { content: [{ type: "text", text: `ran ${request.params.name}` }] };
        },
      ),
    );
    await server.connect(transport);
  },
  async (req, res) => {
    if (req.url !== "/jwks") return false;
    const body = JSON.stringify(await jwks(world!.prisma));
    res.writeHead(200, { "content-type": "application/json" }).end(body);
    return true;
  },
);
const upstreamBase = upstream.base;
// No clock tolerance: the expiry test waits one second past a one-second receipt, not six.
const verifierOptions = { jwksUrl: `${upstreamBase}/jwks`, audience: "ledger", issuer: at.base, clockToleranceSec: 0 };
// One per world: each world is a console of its own, with its own keys.
let verifier = createReceiptVerifier(verifierOptions);

const clients: Client[] = [];
async function connect(url: string, token?: string): Promise<Client> {
  const client = new Client({ name: "test-agent", version: "1.0.0" });
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  clients.push(client);
  return client;
}

/** The call sent straight to the upstream, as an agent going around the console would. */
async function direct(tool: string, args: Record<string, unknown>, receipt?: string) {
  const client = await connect(`${upstreamBase}/mcp`);
  return client.callTool({
    name: tool,
    arguments: args,
    ...(receipt ? { _meta: { [RECEIPT_META_KEY]: receipt } } : {}),
  });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(McpError);
  expect((err as McpError).code).toBe(RECEIPT_REFUSED_CODE);
  return ((err as McpError).data as { reason: string }).reason;
}

const decisionApi = (token: string, tool: string, args: Record<string, unknown>) =>
  ledgerDecision(at.base, token, tool, args);

afterAll(() => upstream.stop());

const kinds = await testDbKinds();

describe.each(kinds)("decision receipts on %s", (kind: DbKind) => {
  let agent: Awaited<ReturnType<GatewayWorld["agent"]>>;
  let gatewayClient: Client;

  beforeAll(async () => {
    forgetReceiptKey();
    verifier = createReceiptVerifier(verifierOptions);
    world = await startLedgerGateway(at, kind, upstream.url, ["read-ledger", "quick", "other", "secrets"]);
    const actor = { type: "system" as const, id: null, label: "test" };
    await world.prisma.$transaction((tx) =>
      writeSnapshot(tx, actor, "development", { source: POLICY, message: "receipts" }),
    );
    invalidatePolicyCache("development");
    agent = await world.agent(["ledger"]);
    gatewayClient = await connect(`${at.base}/mcp/development/ledger`, agent.token);
  });

  afterAll(async () => {
    for (const c of clients.splice(0)) await c.close().catch(() => {});
    await drainResultWrites();
    await world?.stop();
  });

  it("lets a call through the gateway run upstream: the receipt names the decision, in _meta and the header", async () => {
    ran.length = 0;
    const result = await gatewayClient.callTool({ name: "read-ledger", arguments: { account: "a-1", limit: 3 } });
    expect(result.isError).toBeFalsy();
    expect(result.content).toEqual([{ type: "text", text: "ran read-ledger" }]);
    expect(ran).toHaveLength(1);
    const { claims, meta, header } = ran[0];
    expect(header).toBe(meta);
    const stamp = (result._meta as Record<string, { decision_id: string }>)["governance-console/decision"];
    expect(claims.jti).toBe(stamp.decision_id);
    const row = await world!.prisma.decisionRecord.findUniqueOrThrow({ where: { id: stamp.decision_id } });
    expect(claims).toMatchObject({
      iss: at.base,
      aud: "ledger",
      client_id: agent.clientId,
      env: "development",
      server: "ledger",
      tool: "read-ledger",
      request_hash: row.requestHash,
      policy_hash: row.policyHash,
      decision: "ALLOW",
    });
    expect(claims.exp - claims.iat).toBe(60);
    expect(decodeProtectedHeader(meta as string).typ).toBe(RECEIPT_TYP);
    // The receipt the upstream saw, replayed straight to it, is refused.
    expect(await refusal(direct("read-ledger", { account: "a-1", limit: 3 }, meta as string))).toBe("replayed");
  });

  it("overrides a receipt the agent brings in _meta with the console's own", async () => {
    ran.length = 0;
    const foreign = "eyJhbGciOiJub25lIn0.e30.";
    const result = await gatewayClient.callTool({
      name: "read-ledger",
      arguments: { account: "a-2" },
      _meta: { [RECEIPT_META_KEY]: foreign },
    });
    expect(result.isError).toBeFalsy();
    expect(ran[0].meta).not.toBe(foreign);
  });

  it("sends nothing upstream for a denied call", async () => {
    ran.length = 0;
    await expect(gatewayClient.callTool({ name: "secrets", arguments: {} })).rejects.toThrow(/Denied/);
    expect(ran).toHaveLength(0);
  });

  it("refuses a call sent straight to the upstream without a receipt", async () => {
    ran.length = 0;
    expect(await refusal(direct("read-ledger", { account: "a-1" }))).toBe("missing");
    expect(ran).toHaveLength(0);
  });

  it("puts the receipt in ALLOW answers of the decision API only, and never in the audit row", async () => {
    const allowed = await decisionApi(agent.token, "read-ledger", { account: "b-1" });
    expect(allowed.status).toBe(200);
    expect(typeof allowed.body.receipt).toBe("string");
    const row = await world!.prisma.decisionRecord.findUniqueOrThrow({
      where: { id: allowed.body.decision_id as string },
    });
    expect(JSON.stringify(row.response)).not.toContain("receipt");
    const denied = await decisionApi(agent.token, "secrets", {});
    expect(denied.body.decision).toBe("DENY");
    expect(denied.body.receipt).toBeUndefined();
    // The agent of the decision API calls the upstream itself, with the receipt: it runs once.
    ran.length = 0;
    await direct("read-ledger", { account: "b-1" }, allowed.body.receipt);
    expect(ran.map((r) => r.claims.jti)).toEqual([allowed.body.decision_id]);
  });

  it("refuses altered, other-argument, other-tool, other-server and foreign-key receipts", async () => {
    const { body } = await decisionApi(agent.token, "read-ledger", { account: "c-1" });
    const receipt = body.receipt!;
    const [h, p, s] = receipt.split(".");
    const claims = decodeJwt(receipt) as unknown as ReceiptClaims;

    const altered = `${h}.${Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 3600 })).toString("base64url")}.${s}`;
    expect(await refusal(direct("read-ledger", { account: "c-1" }, altered))).toBe("bad_signature");
    expect(await refusal(direct("read-ledger", { account: "c-2" }, receipt))).toBe("arguments_mismatch");
    expect(await refusal(direct("read-ledger", { account: "c-1", extra: true }, receipt))).toBe("arguments_mismatch");
    expect(await refusal(direct("other", { account: "c-1" }, receipt))).toBe("wrong_tool");

    const mirror = await issueReceipt(
      world!.prisma,
      { clientId: agent.clientId, environment: "development" },
      "mirror",
      "read-ledger",
      {
        decision_id: randomUUID(),
        decision: "ALLOW",
        outcome: "ALLOW",
        constraints: {},
        request_hash: claims.request_hash,
        approval: null,
      },
    );
    expect(await refusal(direct("read-ledger", { account: "c-1" }, mirror))).toBe("wrong_audience");

    const { privateKey } = await generateKeyPair("ES256");
    const forge = (kid: string) =>
      new SignJWT({ ...claims, jti: randomUUID() })
        .setProtectedHeader({ alg: "ES256", typ: RECEIPT_TYP, kid })
        .sign(privateKey);
    expect(await refusal(direct("read-ledger", { account: "c-1" }, await forge("attacker-key")))).toBe("unknown_key");
    const realKid = decodeProtectedHeader(receipt).kid!;
    expect(await refusal(direct("read-ledger", { account: "c-1" }, await forge(realKid)))).toBe("bad_signature");
    const unsigned = `${Buffer.from(JSON.stringify({ alg: "none", typ: RECEIPT_TYP })).toString("base64url")}.${p}.`;
    expect(await refusal(direct("read-ledger", { account: "c-1" }, unsigned))).toBe("malformed");

    // None of the refused attempts used the receipt up: with its own arguments it runs, once.
    ran.length = 0;
    await direct("read-ledger", { account: "c-1" }, receipt);
    expect(ran).toHaveLength(1);
    expect(await refusal(direct("read-ledger", { account: "c-1" }, receipt))).toBe("replayed");
  });

  it("runs a receipt sent in parallel by ten callers exactly once", async () => {
    const { body } = await decisionApi(agent.token, "read-ledger", { account: "p-1" });
    ran.length = 0;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () => direct("read-ledger", { account: "p-1" }, body.receipt)),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(ran).toHaveLength(1);
    for (const o of outcomes)
      if (o.status === "rejected") expect((o.reason as McpError).data).toEqual({ reason: "replayed" });
  });

  it("bounds the receipt by max_runtime_sec and refuses it once expired", async () => {
    const { body } = await decisionApi(agent.token, "quick", {});
    const claims = decodeJwt(body.receipt!);
    expect(claims.exp! - claims.iat!).toBe(1);
    while (Date.now() / 1000 < claims.exp! + 0.05) await new Promise((r) => setTimeout(r, 100));
    expect(await refusal(direct("quick", {}, body.receipt))).toBe("expired");
  });

  it("keeps in-flight receipts valid across a key rotation, and pre-publishes the new key", async () => {
    const before = await decisionApi(agent.token, "read-ledger", { account: "d-1" });
    const oldKid = decodeProtectedHeader(before.body.receipt!).kid;
    const rotated = await rotateSigningKey(world!.prisma, { type: "system", id: null, label: "test" });
    forgetReceiptKey();
    expect((await jwks(world!.prisma)).keys.map((k) => k.kid)).toEqual([rotated.kid, oldKid]);

    ran.length = 0;
    await direct("read-ledger", { account: "d-1" }, before.body.receipt);
    expect(ran).toHaveLength(1);
    // Just after rotation receipts are still signed with the old key: verifiers may not have fetched the new one.
    const after = await decisionApi(agent.token, "read-ledger", { account: "d-2" });
    expect(decodeProtectedHeader(after.body.receipt!).kid).toBe(oldKid);
    await direct("read-ledger", { account: "d-2" }, after.body.receipt);
    expect(ran).toHaveLength(2);

    // Once the new key has been published long enough, it signs.
    await world!.prisma.signingKey.update({
      where: { kid: rotated.kid },
      data: { createdAt: new Date(Date.now() - 31_000) },
    });
    forgetReceiptKey();
    const later = await decisionApi(agent.token, "read-ledger", { account: "d-3" });
    expect(decodeProtectedHeader(later.body.receipt!).kid).toBe(rotated.kid);
    const fresh = createReceiptVerifier(verifierOptions);
    const claims = await fresh.verify({
      params: { name: "read-ledger", arguments: { account: "d-3" }, _meta: { [RECEIPT_META_KEY]: later.body.receipt } },
    });
    expect(claims.jti).toBe(later.body.decision_id);
  });
});
