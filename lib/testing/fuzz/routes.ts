// Every HTTP endpoint of the app, discovered from app/**/route.ts, so a new route is fuzzed without
// anyone listing it: URL pattern, dynamic segments, exported methods, who may call it, whether it reads a body.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type Caller = "console" | "agent" | "agent-or-console" | "metrics" | "public" | "nextauth";

export interface Endpoint {
  file: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** e.g. /api/console/servers/[id]/discover */
  pattern: string;
  /** Names of the dynamic segments in order ([id] → "id", [...nextauth] → "nextauth"). */
  params: { name: string; catchAll: boolean; optional: boolean }[];
  caller: Caller;
  /** The handler reads a request body (a zod body schema, or its own bounded reader). */
  readsBody: boolean;
  /** Non-JSON content types the handler accepts for its body (handler's textTypes). */
  textTypes: string[];
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? routeFiles(p) : d.name === "route.ts" ? [p] : [];
  });
}

function callerOf(file: string, src: string): Caller {
  if (file.includes("[...nextauth]")) return "nextauth";
  if (/isConsoleCaller\(/.test(src)) return "agent-or-console";
  if (/agentRoute\(|from "@\/lib\/server\/enforcement\/decision-http"/.test(src)) return "agent";
  if (/metricsRoute\(|authenticateMetrics|metricsAuth/.test(src)) return "metrics";
  if (/handler\(\s*\{\s*access:\s*\{\s*(permission|signedIn)/.test(src)) return "console";
  return "public";
}

/** The constant array a `textTypes: NAME` refers to, or an inline array. */
function textTypesOf(src: string): string[] {
  const m = /textTypes:\s*(\[[^\]]*\]|[A-Z_]+)/.exec(src);
  if (!m) return [];
  const list = m[1].startsWith("[")
    ? m[1]
    : (new RegExp(`const\\s+${m[1]}\\s*=\\s*(\\[[^\\]]*\\])`).exec(src)?.[1] ?? "[]");
  return [...list.matchAll(/"([^"]+)"/g)].map((x) => x[1]);
}

export function discoverEndpoints(root = process.cwd()): Endpoint[] {
  const appDir = path.join(root, "app");
  const out: Endpoint[] = [];
  for (const abs of routeFiles(appDir).sort()) {
    const file = path.relative(root, abs);
    const src = readFileSync(abs, "utf8");
    const segments = path
      .dirname(path.relative(appDir, abs))
      .split(path.sep)
      .filter((s) => s !== "." && !/^\(.*\)$/.test(s));
    const params = segments.flatMap((s) => {
      const m = /^(\[{1,2})(\.\.\.)?([^\]]+)\]{1,2}$/.exec(s);
      return m ? [{ name: m[3], catchAll: Boolean(m[2]), optional: m[1] === "[[" }] : [];
    });
    const pattern = `/${segments.join("/")}`;
    const exported = new Set<string>();
    for (const m of src.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g))
      exported.add(m[1]);
    for (const m of src.matchAll(/export\s*\{([^}]*)\}/g))
      for (const part of m[1].split(",")) {
        const name = part
          .trim()
          .split(/\s+as\s+/)
          .pop();
        if (name && (METHODS as readonly string[]).includes(name)) exported.add(name);
      }
    const caller = callerOf(file, src);
    for (const method of METHODS) {
      if (!exported.has(method)) continue;
      // The body options of this method's handler: from `export const METHOD = handler({` to the arrow.
      const decl =
        new RegExp(`export\\s+const\\s+${method}\\s*=\\s*(?:handler|agentRoute)\\(([\\s\\S]*?)async\\s*\\(`).exec(
          src,
        )?.[1] ?? "";
      const readsBody =
        /\bbody:/.test(decl) ||
        (method !== "GET" &&
          /readLimited\(|req\.(json|text|formData)\(\)|tokenEndpoint\(|postDecision\(|agentRoute\(\s*\{\s*body:/.test(
            src,
          )) ||
        caller === "nextauth";
      out.push({
        file,
        method,
        pattern,
        params,
        caller,
        readsBody: method !== "GET" && readsBody,
        textTypes: textTypesOf(decl),
      });
    }
  }
  return out;
}

/** Field names any zod schema of the app declares (`name: z.…`): the fuzzer's key dictionary. */
export function schemaFieldNames(root = process.cwd()): string[] {
  const names = new Set<string>();
  const files = [
    ...routeFiles(path.join(root, "app")),
    ...readdirSync(path.join(root, "lib/schemas")).map((f) => path.join(root, "lib/schemas", f)),
  ];
  for (const f of files) {
    for (const m of readFileSync(f, "utf8").matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)\s*:\s*z\./g)) names.add(m[1]);
  }
  return [...names].sort();
}

/** A concrete path for a pattern, with each dynamic segment replaced (URL-encoded). */
export function fillPattern(e: Endpoint, values: Record<string, string>): string {
  return (
    e.pattern
      .split("/")
      .map((s) => {
        const m = /^\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}$/.exec(s);
        if (!m) return s;
        const v = values[m[1]] ?? "";
        const param = e.params.find((p) => p.name === m[1]);
        return param?.catchAll ? v.split("/").map(encodeURIComponent).join("/") : encodeURIComponent(v);
      })
      .join("/")
      .replace(/\/+$/, "") || "/"
  );
}
