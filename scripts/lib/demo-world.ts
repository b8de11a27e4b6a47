// The demos' own world — servers, a policy and agents whose names start with "demo-" — set up
// through the console's API without touching anything a person built: npm run demo:agent and
// npm run demo:traffic both call setUpDemoWorld before they send a single call.
import { parsePolicy } from "../../lib/policy";
import { SEED_POLICY_YAML } from "../../lib/policy/seed-table";
import { signInToken } from "../bench/console-process";

/** Every server, agent and user the demos create carries this prefix, and re-runs reuse them. */
export const DEMO_PREFIX = "demo-";
/** Starts the message of every policy the demos publish: how a re-run knows the current policy is its own. */
export const DEMO_POLICY_MARK = "[demo]";
export const DEMO_POLICY_MESSAGE = `${DEMO_POLICY_MARK} seed policy for the demo servers (npm run demo:agent / demo:traffic)`;
/** Where the demos work unless told otherwise: the environment least likely to hold real work. */
export const DEMO_ENVIRONMENT = "development";
export const DEMO_APPROVER_EMAIL = "demo-approver@example.com";

type Tool = { name: string; action: "read" | "write" | "admin"; risk: "low" | "medium" | "high" };

/** The seed article's servers under the demo prefix (notion is catalogued but not allowed by the policy). */
export const DEMO_SERVERS: { name: string; tools: Tool[] }[] = [
  {
    name: "github",
    tools: [
      { name: "get_file_contents", action: "read", risk: "low" },
      { name: "search_code", action: "read", risk: "low" },
      { name: "create_issue", action: "write", risk: "medium" },
      { name: "delete_repository", action: "write", risk: "high" },
    ],
  },
  {
    name: "jira",
    tools: [
      { name: "search", action: "read", risk: "low" },
      { name: "create_issue", action: "write", risk: "medium" },
    ],
  },
  { name: "snowflake", tools: [{ name: "run_query", action: "read", risk: "medium" }] },
  {
    name: "notion",
    tools: [
      { name: "search", action: "read", risk: "low" },
      { name: "create_page", action: "write", risk: "medium" },
    ],
  },
  {
    name: "slack",
    tools: [
      { name: "post_message", action: "write", risk: "low" },
      { name: "admin_users_remove", action: "admin", risk: "high" },
    ],
  },
].map((s) => ({ ...s, name: demoServer(s.name) }) as { name: string; tools: Tool[] });

export function demoServer(name: string): string {
  return `${DEMO_PREFIX}${name}`;
}

/** The seed policy with its server names moved under the demo prefix, so it governs only the demo servers. */
export const DEMO_POLICY_YAML = SEED_POLICY_YAML.replace(
  /^# The policy from the seed article[^\n]*\n# [^\n]*\n/,
  "# The seed article's policy for the demo servers, published by npm run demo:agent and demo:traffic.\n",
).replace(/"(github|jira|snowflake|slack)"/g, (_m, name: string) => `"${demoServer(name)}"`);

/** A console API answer: its status and parsed JSON body (null when there is none). */
export interface ConsoleAnswer {
  status: number;
  data: unknown;
}

/** One console API call; never throws on a status. */
export type ConsoleCall = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ConsoleAnswer>;

/** Calls the console as the holder of `token` (YAML for string bodies, JSON otherwise). */
export function consoleCaller(baseUrl: string, token: string): ConsoleCall {
  return async (method, path, body, headers = {}) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined
          ? {}
          : { "content-type": typeof body === "string" ? "application/yaml" : "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: res.status, data: await res.json().catch(() => null) };
  };
}

/** The demo refuses: nothing was changed, and the message says what to do instead. */
export class DemoRefusal extends Error {}

interface PolicyOverview {
  current: { version: number; hash: string; message: string; authorLabel: string } | null;
  draft: { saved: boolean; hash: string | null; differs_from_current: boolean; updated_by: string | null };
}

/**
 * What the demo may do with the environment's policy: keep its own, publish where there is none
 * or only its own, and otherwise refuse — unless `yes`, which still never replaces a published
 * production policy. A draft with unpublished edits is someone's work too (publishing replaces
 * it), and a first production policy starts enforcing at once: both need `yes`.
 */
export function policyPlan(
  overview: PolicyOverview,
  environment: string,
  yes: boolean,
): { publish: boolean; replaces: string | null } {
  const demoHash = demoPolicyHash();
  const { current, draft } = overview;
  // Already current (the demo's own, or identical content): nothing to publish, the draft stays.
  if (current?.hash === demoHash) return { publish: false, replaces: null };
  if (current && !current.message.startsWith(DEMO_POLICY_MARK)) {
    const who = `v${current.version}, published by ${current.authorLabel}${current.message ? ` ("${current.message}")` : ""}`;
    if (environment === "production")
      throw new DemoRefusal(
        `The production policy (${who}) was not published by a demo, and the demos never replace a published production policy. Run the demo in another environment (--environment development or staging).`,
      );
    if (!yes)
      throw new DemoRefusal(
        `The ${environment} policy (${who}) was not published by a demo; the demo would replace it with its own. Run it in another environment (--environment …), or add --yes to publish over it (roll back on the Policies page afterwards).`,
      );
    return { publish: true, replaces: who };
  }
  if (draft.saved && draft.differs_from_current && draft.hash !== demoHash) {
    const by = draft.updated_by ?? "someone";
    if (!yes)
      throw new DemoRefusal(
        `The ${environment} policy draft has unpublished edits by ${by}; publishing the demo's policy would replace them. Run the demo in another environment (--environment …), or add --yes to publish over the draft.`,
      );
    return { publish: true, replaces: `the unpublished draft of ${by}` };
  }
  if (environment === "production" && !current && !yes)
    throw new DemoRefusal(
      "Production has no policy yet; publishing the demo's would start enforcing it for every production agent. Run the demo in another environment (--environment development or staging), or add --yes.",
    );
  return { publish: true, replaces: null };
}

function demoPolicyHash(): string {
  const parsed = parsePolicy(DEMO_POLICY_YAML);
  if (!parsed.ok) throw new Error(`the demo policy does not parse: ${JSON.stringify(parsed.errors)}`);
  return parsed.hash;
}

export interface DemoAgent {
  id: string;
  name: string;
  clientId: string;
  clientSecret: string;
}

export interface DemoWorld {
  environment: string;
  /** The version the demo published, or null when its own policy was already current. */
  publishedVersion: number | null;
  agents: DemoAgent[];
}

export interface DemoSetupOptions {
  environment: string;
  /** Publish over a policy or draft the demo did not write (never over a published production policy). */
  yes: boolean;
  /** Agent names are `${agentName}-1`, `-2`, …; disabled or revoked ones are left as they are and skipped. */
  agentName: string;
  agents: number;
  scopes: string[];
  description: string;
  log?: (line: string) => void;
}

const fail = (what: string, r: ConsoleAnswer) =>
  new Error(`${what}: ${r.status} ${(r.data as { detail?: string } | null)?.detail ?? JSON.stringify(r.data ?? "")}`);

interface AgentAnswer {
  id: string;
  name: string;
  status: string;
  scopes: string[];
  client_id: string;
  client_secret: string;
}

/**
 * Sets up (or finds again) the demo's servers, policy and agents in one environment. The policy
 * is checked first, so a refusal leaves the console exactly as it was.
 */
export async function setUpDemoWorld(api: ConsoleCall, opts: DemoSetupOptions): Promise<DemoWorld> {
  const log = opts.log ?? (() => {});
  if (!opts.agentName.startsWith(DEMO_PREFIX)) throw new Error(`demo agent names start with ${DEMO_PREFIX}`);
  const me = await api("GET", "/api/console/me");
  if (me.status !== 200)
    throw new DemoRefusal(`The token was refused (${me.status}): pass an admin's personal API token.`);
  const who = me.data as { email: string; role: string };
  if (who.role !== "admin")
    throw new DemoRefusal(`The token belongs to ${who.email}, a ${who.role}: the demos need an admin's token.`);
  const overview = await api("GET", `/api/console/policies/${opts.environment}`);
  if (overview.status !== 200) throw fail(`could not read the ${opts.environment} policy`, overview);
  const plan = policyPlan(overview.data as PolicyOverview, opts.environment, opts.yes);

  for (const s of DEMO_SERVERS) {
    const r = await api("POST", "/api/console/servers", {
      environment: opts.environment,
      name: s.name,
      transport: "remote_http",
      url: `https://${s.name}-mcp.example.com/mcp`,
      owner: "demo",
      description: opts.description,
      tools: s.tools,
    });
    if (r.status === 201) log(`  catalogued ${s.name} in ${opts.environment}`);
    else if (r.status !== 409) throw fail(`could not catalogue ${s.name}`, r);
  }

  let publishedVersion: number | null = null;
  if (plan.publish) {
    const r = await api(
      "PUT",
      `/api/console/policies/${opts.environment}?publish=true&message=${encodeURIComponent(DEMO_POLICY_MESSAGE)}`,
      DEMO_POLICY_YAML,
    );
    if (r.status !== 200) throw fail("could not publish the demo policy", r);
    publishedVersion = (r.data as { snapshot: { version: number } }).snapshot.version;
    log(
      `  published the demo policy in ${opts.environment} as v${publishedVersion}${plan.replaces ? ` (replacing ${plan.replaces}, as --yes asked)` : ""}`,
    );
  }

  return { environment: opts.environment, publishedVersion, agents: await demoAgents(api, opts, log) };
}

/** The demo's agents: existing active ones get a fresh secret (it is shown only once), missing ones are created. */
async function demoAgents(api: ConsoleCall, opts: DemoSetupOptions, log: (line: string) => void) {
  const listed = await api("GET", `/api/console/agents?environment=${opts.environment}`);
  if (listed.status !== 200) throw fail("could not list agents", listed);
  const byName = new Map((listed.data as { agents: AgentAnswer[] }).agents.map((a) => [a.name, a]));
  const agents: DemoAgent[] = [];
  for (let n = 1; agents.length < opts.agents && n <= opts.agents + 20; n++) {
    const name = `${opts.agentName}-${n}`;
    const existing = byName.get(name);
    if (existing && existing.status !== "active") {
      log(`  skipped ${name}: it is ${existing.status}`);
      continue;
    }
    let r: ConsoleAnswer;
    if (existing) {
      if ([...existing.scopes].sort().join(" ") !== [...opts.scopes].sort().join(" ")) {
        const patched = await api("PATCH", `/api/console/agents/${existing.id}`, { scopes: opts.scopes });
        if (patched.status !== 200) throw fail(`could not update ${name}`, patched);
      }
      r = await api("POST", `/api/console/agents/${existing.id}/rotate-secret`);
      if (r.status !== 200) throw fail(`could not rotate the secret of ${name}`, r);
    } else {
      r = await api("POST", "/api/console/agents", {
        name,
        environment: opts.environment,
        scopes: opts.scopes,
        owner: "demo-team",
        description: opts.description,
      });
      if (r.status !== 201) throw fail(`could not create ${name}`, r);
      log(`  created agent ${name}`);
    }
    const a = r.data as AgentAnswer;
    agents.push({ id: a.id, name, clientId: a.client_id, clientSecret: a.client_secret });
  }
  if (agents.length < opts.agents)
    throw new DemoRefusal(`Too many ${opts.agentName}-… agents are disabled or revoked.`);
  return agents;
}

/**
 * A personal API token of the demo's approver (agents belong to the admin who creates them, and
 * nobody approves their own agent's calls). The one demo approver is reused: each run sets a new
 * random password, signs in and makes a token, which `revoke` withdraws at the end.
 */
export async function demoApproverToken(
  api: ConsoleCall,
  baseUrl: string,
  password: string,
): Promise<{ token: string; revoke: () => Promise<void> }> {
  const users = await api("GET", "/api/console/users");
  if (users.status !== 200) throw fail("could not list users", users);
  const existing = (users.data as { users: { id: string; email: string }[] }).users.find(
    (u) => u.email === DEMO_APPROVER_EMAIL,
  );
  const r = existing
    ? await api("PATCH", `/api/console/users/${existing.id}`, { password, role: "approver", disabled: false })
    : await api("POST", "/api/console/users", {
        email: DEMO_APPROVER_EMAIL,
        name: "Demo approver",
        role: "approver",
        password,
      });
  if (r.status !== (existing ? 200 : 201)) throw fail("could not set up the demo approver", r);
  const { token, id } = await signInToken(baseUrl, DEMO_APPROVER_EMAIL, password, "demo traffic");
  return {
    token,
    revoke: async () => {
      await api("POST", `/api/console/api-tokens/${id}/revoke`);
    },
  };
}
