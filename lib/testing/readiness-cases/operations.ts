import { agent, type Case, server } from "../readiness-world";

/** Operations: environments kept apart, a revoke-and-restore drill this quarter. */
export const OPERATIONS_CASES: Case[] = [
  {
    check: "env-separation",
    name: "production agents are refused development's servers",
    setup: async (db) => {
      await agent(db, "production", ["mcp:*:read"]);
      await server(db, "development", "scratch", "https://scratch.dev.example.com/mcp", [
        ["wipe", "write", "high"],
        ["list", "read", "low"],
      ]);
      await server(db, "development", "github", "https://gh-dev.example.com/mcp");
      await server(db, "production", "github", "https://gh.example.com/mcp");
    },
    status: "PASS",
    evidence: [
      "3 simulated calls (1 agent × 3 tools of 2 servers in other environments)",
      "github resolves to production's own entry",
    ],
  },
  {
    check: "env-separation",
    name: "a production entry calling development's upstream as the same identity fails",
    setup: async (db) => {
      await agent(db, "production", ["mcp:*:read"]);
      await server(db, "development", "scratch", "https://scratch.dev.example.com/mcp", undefined, {
        credentials: { authorization: "Bearer dev" },
      });
      await server(db, "production", "mirror", "https://SCRATCH.dev.example.com/mcp/", undefined, {
        credentials: { authorization: "Bearer dev" },
      });
    },
    status: "FAIL",
    evidence: [
      "production/mirror calls development/scratch's upstream (https://scratch.dev.example.com/mcp) with the same credentials",
    ],
  },
  {
    check: "env-separation",
    name: "no agent in the environment",
    setup: (db) => server(db, "development", "scratch", "https://scratch.dev.example.com/mcp"),
    status: "NO_DATA",
    evidence: ["No active agent is registered in production"],
  },
  {
    check: "drill",
    name: "a drill passed this quarter",
    setup: async (db) => {
      await agent(db, "production", ["mcp:*:read"]);
      await db.prisma.drillReport.create({
        data: {
          environment: "production",
          status: "passed",
          runBy: "ops@example.com",
          finishedAt: new Date(),
          revokeEffectMs: 412,
          restoreEffectMs: 388,
        },
      });
    },
    status: "PASS",
    evidence: ["run by ops@example.com", "revocation took effect in 412 ms"],
  },
  {
    check: "drill",
    name: "only a failed drill this quarter fails",
    setup: async (db) => {
      await agent(db, "production", ["mcp:*:read"]);
      await db.prisma.drillReport.create({
        data: { environment: "production", status: "failed", runBy: "ops@example.com", finishedAt: new Date() },
      });
    },
    status: "FAIL",
    evidence: ["No revoke-and-restore drill passed in", "none has ever passed", "failed"],
  },
  {
    check: "drill",
    name: "no agents and no drill: nothing to revoke",
    setup: async () => {},
    status: "NO_DATA",
    evidence: ["has no agents yet and has never run a drill"],
  },
];
