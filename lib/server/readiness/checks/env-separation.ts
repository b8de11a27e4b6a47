import "server-only";
import { listNames, plural } from "@/lib/readiness/checklist";
import type { Environment } from "@/lib/generated/prisma/enums";
import { type CatalogLookup, lookupCatalog } from "../../catalog/catalog-view";
import { CREDENTIALS_PURPOSE } from "../../catalog/servers";
import { open } from "../../crypto-box";
import { type Check, type CheckContext, checkResult } from "../context";

// A tool name no catalog entry has: a server without tools is still asked for one.
const PROBE_TOOL = "__readiness_probe__";

/**
 * env-separation: a self-test against the catalog as the decision path reads it (lookupCatalog,
 * re-validated now). For every active agent of the environment, a call to every tool of every
 * server catalogued in another environment must be refused as environment_mismatch — or, when
 * the environment has its own entry of that name, resolve to that entry and never to the other
 * environment's. Nothing is written; the answer depends on the catalog, not on the agent, so
 * each server/tool is resolved once and counted for every agent. An entry of this environment
 * that calls another environment's upstream with the same credentials (or none) is a reach too.
 */
export const envSeparationCheck: Check = async (ctx) => {
  const [agents, foreign, own] = await Promise.all([
    ctx.prisma.agent.findMany({
      where: { environment: ctx.environment, status: "active" },
      select: { clientId: true },
    }),
    ctx.prisma.server.findMany({
      where: { environment: { not: ctx.environment } },
      select: { name: true, environment: true, url: true, credentialsEnc: true, tools: { select: { name: true } } },
      orderBy: [{ environment: "asc" }, { name: "asc" }],
    }),
    ctx.prisma.server.findMany({
      where: { environment: ctx.environment, status: "active" },
      select: { name: true, url: true, credentialsEnc: true },
    }),
  ]);
  if (agents.length === 0)
    return checkResult(
      ctx,
      "env-separation",
      "NO_DATA",
      `No active agent is registered in ${ctx.environment}, so no call can cross environments.`,
    );
  if (foreign.length === 0)
    return checkResult(
      ctx,
      "env-separation",
      "NO_DATA",
      `No server is catalogued outside ${ctx.environment}, so there is nothing to reach across.`,
    );

  const probed = await probeForeignEntries(ctx, foreign);
  const shared = sharedUpstreams(ctx.environment, own, foreign);
  const details = [...probed.details, ...shared.details];
  const leaks = [...probed.leaks, ...shared.leaks];
  const probes = probed.probes;
  const calls = probes * agents.length;
  if (leaks.length) {
    return checkResult(
      ctx,
      "env-separation",
      "FAIL",
      `${ctx.environment} agents can reach another environment's server: ${listNames(leaks)}.`,
      details,
    );
  }
  const sameName = [
    ...new Set(
      details
        .filter((d) => d.outcomes && Object.keys(d.outcomes).some((k) => k.startsWith("own-entry")))
        .map((d) => d.server as string),
    ),
  ];
  const ownText = sameName.length
    ? ` ${listNames(sameName)} resolve${sameName.length === 1 ? "s" : ""} to ${ctx.environment}'s own entry of the same name.`
    : "";
  return checkResult(
    ctx,
    "env-separation",
    "PASS",
    `${plural(calls, "simulated call")} (${plural(agents.length, "agent")} × ${plural(probes, "tool")} of ${plural(foreign.length, "server")} in other environments) never reached another environment's catalog entry.${ownText}`,
    details,
  );
};

type ForeignEntry = { name: string; environment: Environment; url: string | null; credentialsEnc: string | null } & {
  tools: { name: string }[];
};
type Findings = { details: Record<string, unknown>[]; leaks: string[] };

/** Resolves every tool of every other environment's server as this environment's agents would (nothing written). */
async function probeForeignEntries(ctx: CheckContext, foreign: ForeignEntry[]): Promise<Findings & { probes: number }> {
  const details: Record<string, unknown>[] = [];
  const leaks: string[] = [];
  let probes = 0;
  let fresh = false;
  for (const s of foreign) {
    const tools = s.tools.length ? s.tools.map((t) => t.name) : [PROBE_TOOL];
    const outcomes = new Map<string, number>();
    for (const tool of tools) {
      // The first lookup re-reads the catalog's change stamp; the rest share that view.
      const found = await lookupCatalog(ctx.prisma, ctx.environment, s.name, tool, fresh ? 60_000 : 0);
      fresh = true;
      probes += 1;
      const outcome = probeOutcome(found, ctx.environment);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      if (outcome === "reached") leaks.push(`${s.environment}/${s.name}.${tool === PROBE_TOOL ? "*" : tool}`);
    }
    details.push({
      server: s.name,
      environment: s.environment,
      tools: tools.length,
      outcomes: Object.fromEntries(outcomes),
    });
  }
  return { details, leaks, probes };
}

/** How a lookup from `environment` ended: another environment's entry reached (a leak), refused, or its own entry. */
function probeOutcome(found: CatalogLookup, environment: Environment): string {
  if (found.ok && found.server.environment !== environment) return "reached";
  if (!found.ok && found.reason === "environment_mismatch") return "environment_mismatch";
  if (found.server?.environment === environment) return found.ok ? "own-entry" : `own-entry (${found.reason})`;
  return `refused (${found.ok ? "" : found.reason})`;
}

/**
 * An entry of this environment that calls another environment's upstream as the same identity
 * (same URL, same stored credentials or none) reaches that server all the same.
 */
function sharedUpstreams(
  environment: Environment,
  own: { name: string; url: string | null; credentialsEnc: string | null }[],
  foreign: ForeignEntry[],
): Findings {
  const details: Record<string, unknown>[] = [];
  const leaks: string[] = [];
  const foreignByUrl = new Map<string, ForeignEntry[]>();
  for (const f of foreign)
    if (f.url) foreignByUrl.set(normalizeUrl(f.url), [...(foreignByUrl.get(normalizeUrl(f.url)) ?? []), f]);
  for (const s of own) {
    if (!s.url) continue;
    const url = normalizeUrl(s.url);
    for (const other of foreignByUrl.get(url) ?? []) {
      const same = sameCredentials(s.credentialsEnc, other.credentialsEnc);
      details.push({
        server: s.name,
        environment,
        shares_url_with: `${other.environment}/${other.name}`,
        url,
        same_credentials: same,
      });
      if (same)
        leaks.push(
          `${environment}/${s.name} calls ${other.environment}/${other.name}'s upstream (${url}) with ${s.credentialsEnc ? "the same credentials" : "no credentials of its own"}`,
        );
    }
  }
  return { details, leaks };
}

/** Scheme, host and path, lower-case host, no trailing slash, no userinfo, query or fragment. */
function normalizeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, "")}`;
  } catch {
    return url;
  }
}

/** Whether two entries present the same identity upstream; unreadable credentials count as different. */
function sameCredentials(a: string | null, b: string | null): boolean {
  if (!a || !b) return !a && !b;
  try {
    return open(a, CREDENTIALS_PURPOSE) === open(b, CREDENTIALS_PURPOSE);
  } catch {
    return false;
  }
}
