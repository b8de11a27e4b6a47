/**
 * Layer rules, checked over the whole tree on every test run (issue 24):
 * - pure cores (policy, output safety, metrics, net, audit, auth) import no server code, no Next.js, no Prisma
 *   or database driver, and no Node I/O module;
 * - client components ("use client") import no server-only module (type-only imports are erased, so allowed);
 * - the agent-facing API (app/api/v1) never imports the console's API (app/api/console);
 * - the receipt verifier (lib/receipt-verifier) imports only jose, canonicalize and node:crypto (upstreams use it alone).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const SKIP = new Set(["node_modules", ".next", ".git", "generated", "test-results", "playwright-report", ".cache"]);

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.(?:ts|tsx|mts|mjs|js)$/.test(entry.name)) out.push(full);
  }
  return out;
}

const FILES = [...walk(path.join(ROOT, "lib")), ...walk(path.join(ROOT, "app"))].map((f) => ({
  file: path.relative(ROOT, f),
  text: readFileSync(f, "utf8"),
}));

/** Module specifiers a file loads at run time (static imports and re-exports, import(), require()). */
function runtimeImports(text: string): string[] {
  const out: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?[^;'"]*?from\s+["']([^"']+)["']/gm;
  for (const m of text.matchAll(statement)) if (!m[2]) out.push(m[3]);
  for (const m of text.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) out.push(m[1]);
  for (const m of text.matchAll(/\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/g)) out.push(m[1]);
  return out;
}

const isTest = (file: string): boolean => /\.(?:test|spec)\.[cm]?[jt]sx?$/.test(file);

const PURE_CORES = ["lib/policy/", "lib/output-safety/", "lib/metrics/", "lib/net/", "lib/audit/", "lib/auth/"];
const NODE_IO = /^node:(?:fs|fs\/promises|net|http|https|http2|child_process|dgram|dns|tls|cluster|readline)$/;
const SERVER_ONLY =
  /^(?:@\/lib\/server(?:\/|$)|server-only$|next\/(?:server|headers|cache)$|@prisma\/|@\/lib\/generated\/|pg$)/;
/** Files with a reason of their own: the audit chain's worker thread entry point. */
const ALLOWED: Record<string, RegExp> = { "lib/audit/chain-worker.mjs": /^node:worker_threads$/ };

function violations(files: typeof FILES, applies: (file: string, text: string) => boolean, bad: RegExp): string[] {
  const found: string[] = [];
  for (const { file, text } of files) {
    if (isTest(file) || !applies(file, text)) continue;
    for (const spec of runtimeImports(text))
      if (bad.test(spec) && !ALLOWED[file]?.test(spec)) found.push(`${file} imports ${spec}`);
  }
  return found;
}

describe("layer rules", () => {
  it("finds the files it checks", () => {
    expect(FILES.length).toBeGreaterThan(200);
    expect(runtimeImports('import { a } from "x";\nimport type { B } from "y";\nconst c = await import("z");')).toEqual(
      ["x", "z"],
    );
  });

  it("keeps pure cores free of server code, Next.js, Prisma, database drivers and Node I/O", () => {
    const bad = new RegExp(`${SERVER_ONLY.source}|^next(?:/|$)|${NODE_IO.source}|^node:worker_threads$`);
    expect(violations(FILES, (f) => PURE_CORES.some((core) => f.startsWith(core)), bad)).toEqual([]);
  });

  it("keeps client components free of server-only modules", () => {
    const isClient = (_f: string, text: string): boolean => /^\s*["']use client["']/.test(text);
    expect(violations(FILES, isClient, new RegExp(`${SERVER_ONLY.source}|^node:`))).toEqual([]);
  });

  it("keeps the agent-facing API independent of the console's API", () => {
    expect(
      violations(FILES, (f) => f.startsWith("app/api/v1/"), /(?:^|\/)app\/api\/console(?:\/|$)|^@\/app\/api\/console/),
    ).toEqual([]);
  });

  it("keeps the receipt verifier standalone: only jose, canonicalize and node:crypto", () => {
    const inVerifier = (f: string): boolean => f.startsWith("lib/receipt-verifier/");
    expect(FILES.filter((f) => inVerifier(f.file)).length).toBeGreaterThan(0);
    expect(violations(FILES, inVerifier, /^(?!(?:jose|canonicalize|node:crypto|\.\/[\w.-]+)$)/)).toEqual([]);
  });
});
