import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startServerEverything } from "@/lib/testing/server-everything";
import type { DbKind } from "@/lib/testing/test-db";
import { catalogSuite } from "@/lib/testing/catalog-world";

// Discovering an upstream's tools through the SSRF guard.
const suite = await catalogSuite();
const { submitCatalogChange } = await import("./submit-change");
const { discoverServerTools } = await import("./discover");

describe.each(suite.kinds)("catalog on %s", (kind: DbKind) => {
  const w = suite.onDatabase(kind);
  const { create } = w;

  describe("discovery", () => {
    let everything: Awaited<ReturnType<typeof startServerEverything>>;
    let redirector: http.Server;
    beforeAll(async () => {
      everything = await startServerEverything();
      redirector = http.createServer((_req, res) => {
        res.writeHead(307, { location: "http://169.254.169.254/latest/meta-data" });
        res.end();
      });
      await new Promise<void>((r) => redirector.listen(0, "127.0.0.1", r));
    }, 30_000);
    afterAll(async () => {
      await everything?.stop();
      redirector?.closeAllConnections();
      await new Promise((r) => redirector?.close(r));
    });

    it("lists server-everything's tools with annotation defaults and the changes, then saves them", async () => {
      const made = await create(w.author, {
        environment: "development",
        name: "everything",
        transport: "remote_http",
        url: everything.url,
        tools: [{ name: "obsolete" }],
      });
      if (!made.applied) throw new Error("expected apply");
      const found = await discoverServerTools(w.db.prisma, made.server.id);
      const echo = found.tools.find((t) => t.name === "echo");
      expect(echo).toMatchObject({ action: "read", risk: "low", annotations: { readOnlyHint: true } });
      expect(found.tools.length).toBeGreaterThan(5);
      expect(found.changes).toContainEqual(expect.objectContaining({ type: "removed", tool: "obsolete" }));
      expect(found.changes).toContainEqual(expect.objectContaining({ type: "added", tool: "echo" }));
      const saved = await submitCatalogChange(w.db.prisma, w.author.principal, w.author.actor, {
        op: "sync_tools",
        serverId: made.server.id,
        tools: found.toolInputs,
      });
      if (!saved.applied) throw new Error("expected apply");
      expect(saved.server.tools.map((t) => t.name)).toContain("echo");
      expect(saved.server.tools.map((t) => t.name)).not.toContain("obsolete");
      expect((await discoverServerTools(w.db.prisma, made.server.id)).changes).toEqual([]);
    });

    it("answers 422 ssrf-blocked for a refused address, by URL and after DNS resolution at connection", async () => {
      const meta = await w.db.prisma.server.create({
        data: {
          environment: "development",
          name: "metadata",
          transport: "remote_http",
          url: "http://169.254.169.254/mcp",
        },
      });
      await expect(discoverServerTools(w.db.prisma, meta.id)).rejects.toMatchObject({
        status: 422,
        slug: "ssrf-blocked",
      });
      // A public-looking name that resolves to a private address when the connection is made.
      const rebound = await w.db.prisma.server.create({
        data: {
          environment: "development",
          name: "rebound",
          transport: "remote_http",
          url: "http://mcp.rebound.example/mcp",
        },
      });
      await expect(
        discoverServerTools(w.db.prisma, rebound.id, { resolve: async () => ["10.0.0.7"] }),
      ).rejects.toMatchObject({ status: 422, slug: "ssrf-blocked" });
    });

    it("never follows a redirect to a metadata address", async () => {
      const port = (redirector.address() as AddressInfo).port;
      const hop = await w.db.prisma.server.create({
        data: {
          environment: "development",
          name: "redirector",
          transport: "remote_http",
          url: `http://127.0.0.1:${port}/mcp`,
        },
      });
      const err = await discoverServerTools(w.db.prisma, hop.id).catch((e: unknown) => e);
      expect([422, 502]).toContain((err as { status: number }).status);
    });

    it("answers 502 for an upstream that cannot be reached", async () => {
      const closed = await w.db.prisma.server.create({
        data: {
          environment: "development",
          name: "closed",
          transport: "remote_http",
          url: `http://127.0.0.1:${await freePort()}/mcp`,
        },
      });
      await expect(discoverServerTools(w.db.prisma, closed.id)).rejects.toMatchObject({
        status: 502,
        slug: "upstream-unreachable",
      });
    });
  });
});
