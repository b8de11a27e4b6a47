import { agent, type Case, server, upstreams } from "../readiness-world";

/** Identity (remote auth, scoped tokens, receipts) and network (the SSRF guard). */
export const IDENTITY_NETWORK_CASES: Case[] = [
  {
    check: "remote-auth",
    name: "a server that demands a token answers 401",
    environment: "development",
    setup: (db) => server(db, "development", "guarded", upstreams.guarded.url),
    status: "PASS",
    evidence: ["The only active remote server refused an unauthenticated initialize (401)"],
  },
  {
    check: "remote-auth",
    name: "a server that answers anyone fails, named with its answer",
    environment: "development",
    setup: async (db) => {
      await server(db, "development", "guarded", upstreams.guarded.url);
      await server(db, "development", "open", upstreams.open.url);
    },
    status: "FAIL",
    evidence: [
      "1 of 2 active remote servers answered 401/403",
      /open answered 200 to an unauthenticated initialize at \d\d:\d\d:\d\d UTC/,
    ],
  },
  {
    check: "remote-auth",
    name: "only suspended servers: nothing to probe",
    environment: "development",
    setup: (db) => server(db, "development", "open", upstreams.open.url, undefined, { status: "suspended" }),
    status: "NO_DATA",
    evidence: ["No active remote MCP server", "1 suspended server not probed"],
  },
  {
    check: "remote-auth",
    name: "production refuses a plain-http loopback URL: not verified, never a pass",
    environment: "production",
    setup: (db) => server(db, "production", "guarded", upstreams.guarded.url),
    status: "NO_DATA",
    evidence: ["0 of 1 active remote servers answered 401/403", "refused by the SSRF guard"],
  },
  {
    check: "scoped-tokens",
    name: "scopes name catalogued servers and classes",
    setup: async (db) => {
      await server(db, "production", "github", "https://gh.example.com/mcp", [
        ["read_file", "read", "low"],
        ["create_issue", "write", "medium"],
      ]);
      await agent(db, "production", ["mcp:github:read", "mcp:*:write"]);
    },
    status: "PASS",
    evidence: ["All 2 scopes of 1 active agent name a server"],
  },
  {
    check: "scoped-tokens",
    name: "a scope for a class the catalog lacks fails, naming the agent",
    setup: async (db) => {
      await server(db, "production", "github", "https://gh.example.com/mcp", [["read_file", "read", "low"]]);
      await agent(db, "production", ["mcp:github:read", "mcp:github:admin"], "deployer");
      await agent(db, "production", ["mcp:github:read"], "reader");
    },
    status: "FAIL",
    evidence: ["1 of 2 agents holds scopes", "deployer holds mcp:github:admin (github has no admin tool)"],
  },
  {
    check: "scoped-tokens",
    name: "no agent in the environment",
    setup: (db) => agent(db, "staging", ["mcp:github:read"]),
    status: "NO_DATA",
    evidence: ["No active agent is registered in production"],
  },
  {
    check: "receipts",
    name: "every active server verifies receipts (a suspended one does not count)",
    setup: async (db) => {
      await server(db, "production", "github", "https://gh.example.com/mcp", undefined, { requiresReceipt: true });
      await server(db, "production", "jira", "https://jira.example.com/mcp", undefined, { requiresReceipt: true });
      await server(db, "production", "old", "https://old.example.com/mcp", undefined, { status: "suspended" });
      await server(db, "staging", "slack", "https://slack.example.com/mcp");
    },
    status: "PASS",
    evidence: ["All 2 active servers verify decision receipts"],
  },
  {
    check: "receipts",
    name: "a server without receipt checks is named",
    setup: async (db) => {
      await server(db, "production", "github", "https://gh.example.com/mcp", undefined, { requiresReceipt: true });
      await server(db, "production", "slack", "https://slack.example.com/mcp");
    },
    status: "FAIL",
    evidence: ["1 of 2 active servers verifies decision receipts (github); slack runs calls sent around the console"],
  },
  {
    check: "receipts",
    name: "no active server in the environment",
    setup: (db) => server(db, "staging", "github", "https://gh.example.com/mcp", undefined, { requiresReceipt: true }),
    status: "NO_DATA",
    evidence: ["No active server is catalogued in production"],
  },
  // ---------------------------------------------------------------- Network
  {
    check: "ssrf-guard",
    name: "production refuses private and metadata addresses",
    allowHosts: [],
    setup: async () => {},
    status: "PASS",
    evidence: ["Refused 26 of 26", "allowed 2 public controls"],
  },
  {
    check: "ssrf-guard",
    name: "a loopback allowance in production fails",
    allowHosts: ["127.0.0.1", "localhost"],
    setup: async () => {},
    status: "FAIL",
    evidence: ["https://127.0.0.1/", "Remove them from SSRF_ALLOW_HOSTS", "SSRF_ALLOW_HOSTS = 127.0.0.1, localhost"],
  },
  {
    check: "ssrf-guard",
    name: "development judges the rules and names its loopback allowance",
    environment: "development",
    allowHosts: ["127.0.0.1"],
    setup: async () => {},
    status: "PASS",
    evidence: ["(development only; not applied to this self-test)"],
  },
];
