import { afterAll, beforeAll, expect } from "vitest";
import { createServerSchema } from "@/lib/schemas/catalog";
import { makeUser } from "./principals";
import { openTestDb, testDbKinds, type DbKind } from "./test-db";

type Principal = Awaited<ReturnType<typeof makeUser>>;

/**
 * The catalog's world: a database with an admin and two policy authors, and `create` (a catalog
 * change creating a server, as `who`). Call at the top of a test file, before anything imports
 * lib/env (it allows loopback through the SSRF guard and fixes the encryption key);
 * `onDatabase(kind)` goes inside a describe.
 */
export async function catalogSuite() {
  process.env.SSRF_ALLOW_HOSTS = "127.0.0.1";
  process.env.ENCRYPTION_KEY = "test-encryption-key-0123456789abcdef";
  const { HttpProblem } = await import("@/lib/server/errors");
  const { createServerOp } = await import("@/lib/server/catalog/servers");
  const { submitCatalogChange } = await import("@/lib/server/catalog/submit-change");

  function expectProblem(err: unknown, status: number, slug?: string) {
    expect(err).toBeInstanceOf(HttpProblem);
    expect((err as InstanceType<typeof HttpProblem>).status).toBe(status);
    if (slug) expect((err as InstanceType<typeof HttpProblem>).slug).toBe(slug);
  }

  function onDatabase(kind: DbKind) {
    const w = {
      db: undefined as unknown as Awaited<ReturnType<typeof openTestDb>>,
      admin: undefined as unknown as Principal,
      author: undefined as unknown as Principal,
      author2: undefined as unknown as Principal,
      create: (who: Principal, body: unknown) =>
        submitCatalogChange(w.db.prisma, who.principal, who.actor, createServerOp(createServerSchema.parse(body))),
    };
    beforeAll(async () => {
      w.db = await openTestDb(kind);
      w.admin = await makeUser(w.db.prisma, "admin");
      w.author = await makeUser(w.db.prisma, "policy_author");
      w.author2 = await makeUser(w.db.prisma, "policy_author");
    });
    afterAll(async () => w.db?.dispose());
    return w;
  }

  return { kinds: await testDbKinds(), expectProblem, onDatabase };
}
