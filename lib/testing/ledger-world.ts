import { startGatewayWorld, type GatewayWorld } from "./gateway-world";
import type { DbKind } from "./test-db";

/**
 * The gateway world with one catalogued development server, `ledger`, at `upstreamUrl`; its
 * database is the process-wide one (the decision API reaches it that way) until stop().
 */
export async function startLedgerGateway(
  at: { port: number; base: string },
  kind: DbKind,
  upstreamUrl: string,
  tools: string[],
): Promise<GatewayWorld> {
  const world = await startGatewayWorld(at, kind, [{ name: "ledger", url: upstreamUrl, tools }]);
  const holder = globalThis as unknown as { __consoleDb?: Promise<unknown> };
  holder.__consoleDb = Promise.resolve(world.db);
  return {
    ...world,
    async stop() {
      holder.__consoleDb = undefined;
      await world.stop();
    },
  };
}

/** POST /api/v1/decisions for a ledger tool, as the agent whose bearer token is given. */
export async function ledgerDecision(
  base: string,
  token: string,
  tool: string,
  args: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const { postDecision } = await import("@/lib/server/enforcement/decision-http");
  const res = await postDecision(
    new Request(`${base}/api/v1/decisions`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
      body: JSON.stringify({ server: "ledger", tool, arguments: args }),
    }),
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { receipt?: string } };
}
