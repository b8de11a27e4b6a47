import { defineConfig } from "prisma/config";

// Only `prisma generate` uses this file: migrations are applied by the console at
// start-up (lib/server/migrate.ts), per STACK.md.
export default defineConfig({
  schema: "prisma/schema.prisma",
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    return new PrismaPGlite(new PGlite(process.env.PGLITE_DIR ?? "memory://")) as never;
  },
});
