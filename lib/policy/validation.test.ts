import { describe, expect, it } from "vitest";
import { MAX_POLICY_BYTES, parsePolicy, type PolicyError } from "./index";

interface BadPolicyCase {
  name: string;
  yaml: string;
  /** Every listed error must be reported (field, line and a piece of the message); no others. */
  errors: { field: string; line: number; column?: number; message: string }[];
}

const rule = (body: string) => `version: v1\nrules:\n  - id: r\n${body}`;

const BAD_POLICIES: BadPolicyCase[] = [
  {
    name: "invalid YAML: unclosed flow map",
    yaml: "version: v1\nrules:\n  - id: r\n    match: {labels: {\n",
    errors: [{ field: "", line: 5, message: "invalid YAML" }],
  },
  {
    name: "invalid YAML: duplicate key",
    yaml: "version: v1\nversion: v1\nrules: []\n",
    errors: [{ field: "", line: 2, message: "unique" }],
  },
  {
    name: "invalid YAML: two documents",
    yaml: "version: v1\nrules: []\n---\nversion: v1\n",
    errors: [{ field: "", line: 3, message: "single document" }],
  },
  {
    name: "invalid YAML: alias without anchor",
    yaml: "version: v1\nrules: *nothing\n",
    errors: [{ field: "", line: 2, column: 8, message: "no anchor" }],
  },
  { name: "empty document", yaml: "", errors: [{ field: "", line: 1, message: "must be a mapping" }] },
  {
    name: "top level is a list",
    yaml: "- version: v1\n",
    errors: [{ field: "", line: 1, message: "must be a mapping" }],
  },
  {
    name: "missing version",
    yaml: "rules: []\n",
    errors: [{ field: "version", line: 1, message: "version is required" }],
  },
  {
    name: "version is not v1",
    yaml: "version: v2\nrules: []\n",
    errors: [{ field: "version", line: 1, column: 10, message: "must be v1" }],
  },
  {
    name: "unknown top-level field",
    yaml: "version: v1\nrules: []\nowner: sec\n",
    errors: [{ field: "owner", line: 3, column: 1, message: 'unknown field "owner"' }],
  },
  {
    name: "rules is not a list",
    yaml: "version: v1\nrules: {}\n",
    errors: [{ field: "rules", line: 2, message: "must be a list" }],
  },
  {
    name: "rule is not a mapping",
    yaml: "version: v1\nrules:\n  - just-a-string\n",
    errors: [{ field: "rules[0]", line: 3, message: "must be a mapping" }],
  },
  {
    name: "unknown rule field",
    yaml: rule("    match: {}\n    decision: ALLOW\n    priority: 1\n"),
    errors: [{ field: "rules[0].priority", line: 6, message: 'unknown field "priority"' }],
  },
  {
    name: "missing match",
    yaml: rule("    decision: ALLOW\n"),
    errors: [{ field: "rules[0].match", line: 3, message: "match is required" }],
  },
  {
    name: "missing decision",
    yaml: rule("    match: {}\n"),
    errors: [{ field: "rules[0].decision", line: 3, message: "decision is required" }],
  },
  {
    name: "missing id",
    yaml: "version: v1\nrules:\n  - match: {}\n    decision: ALLOW\n",
    errors: [{ field: "rules[0].id", line: 3, message: "id is required" }],
  },
  {
    name: "bad id: uppercase",
    yaml: "version: v1\nrules:\n  - id: Allow-Reads\n    match: {}\n    decision: ALLOW\n",
    errors: [{ field: "rules[0].id", line: 3, column: 9, message: "[a-z0-9-]+" }],
  },
  {
    name: "bad id: underscore",
    yaml: "version: v1\nrules:\n  - id: allow_reads\n    match: {}\n    decision: ALLOW\n",
    errors: [{ field: "rules[0].id", line: 3, message: "[a-z0-9-]+" }],
  },
  {
    name: "bad id: empty",
    yaml: "version: v1\nrules:\n  - id: ''\n    match: {}\n    decision: ALLOW\n",
    errors: [{ field: "rules[0].id", line: 3, message: "[a-z0-9-]+" }],
  },
  {
    name: "bad id: a number",
    yaml: "version: v1\nrules:\n  - id: 42\n    match: {}\n    decision: ALLOW\n",
    errors: [{ field: "rules[0].id", line: 3, message: "must be a string" }],
  },
  {
    name: "duplicate ids",
    yaml: "version: v1\nrules:\n  - id: same\n    match: {}\n    decision: ALLOW\n  - id: same\n    match: {}\n    decision: DENY\n",
    errors: [{ field: "rules[1].id", line: 6, column: 9, message: 'duplicate id "same"' }],
  },
  {
    name: "bad decision: lowercase",
    yaml: rule("    match: {}\n    decision: allow\n"),
    errors: [{ field: "rules[0].decision", line: 5, column: 15, message: "must be one of" }],
  },
  {
    name: "bad decision: unknown word",
    yaml: rule("    match: {}\n    decision: MAYBE\n"),
    errors: [{ field: "rules[0].decision", line: 5, message: "must be one of" }],
  },
  {
    name: "unknown match field",
    yaml: rule("    match: {servers: [a]}\n    decision: ALLOW\n"),
    errors: [{ field: "rules[0].match.servers", line: 4, column: 13, message: 'unknown field "servers"' }],
  },
  {
    name: "unknown label",
    yaml: rule("    match:\n      labels:\n        mcp.verb: read\n    decision: ALLOW\n"),
    errors: [{ field: "rules[0].match.labels.mcp.verb", line: 6, column: 9, message: 'unknown label "mcp.verb"' }],
  },
  {
    name: "label value is a map",
    yaml: rule("    match: {labels: {mcp.server: {name: x}}}\n    decision: ALLOW\n"),
    errors: [{ field: "rules[0].match.labels.mcp.server", line: 4, message: "string or a non-empty list" }],
  },
  {
    name: "label list is empty",
    yaml: rule("    match: {labels: {mcp.tool: []}}\n    decision: ALLOW\n"),
    errors: [{ field: "rules[0].match.labels.mcp.tool", line: 4, message: "must not be empty" }],
  },
  {
    name: "action value outside read/write/admin",
    yaml: rule("    match: {labels: {mcp.action: delete}}\n    decision: DENY\n"),
    errors: [{ field: "rules[0].match.labels.mcp.action", line: 4, message: '"delete" matches no action class' }],
  },
  {
    name: "risk value outside the set",
    yaml: rule("    match: {labels: {mcp.risk: [low, critical]}}\n    decision: DENY\n"),
    errors: [{ field: "rules[0].match.labels.mcp.risk", line: 4, message: '"critical" matches no risk' }],
  },
  {
    name: "environment value outside the set",
    yaml: rule("    match: {labels: {mcp.environment: prod}}\n    decision: DENY\n"),
    errors: [{ field: "rules[0].match.labels.mcp.environment", line: 4, message: "matches no environment" }],
  },
  {
    name: "server list is a string",
    yaml: rule("    match: {mcp: {deny_servers_not_in: github}}\n    decision: DENY\n"),
    errors: [{ field: "rules[0].match.mcp.deny_servers_not_in", line: 4, message: "list of server names" }],
  },
  {
    name: "unknown mcp field",
    yaml: rule("    match: {mcp: {allow_servers: [a]}}\n    decision: DENY\n"),
    errors: [{ field: "rules[0].match.mcp.allow_servers", line: 4, message: "unknown field" }],
  },
  {
    name: "argument pointer without slash",
    yaml: rule("    match: {arguments: {repo: x}}\n    decision: ALLOW\n"),
    errors: [{ field: "rules[0].match.arguments.repo", line: 4, column: 25, message: "JSON pointer" }],
  },
  {
    name: "argument pointer bad escape",
    yaml: rule("    match: {arguments: {/a~2: x}}\n    decision: ALLOW\n"),
    errors: [{ field: 'rules[0].match.arguments["/a~2"]', line: 4, message: "'~'" }],
  },
  {
    name: "argument matcher is a list",
    yaml: rule("    match: {arguments: {/n: [1, 2]}}\n    decision: ALLOW\n"),
    errors: [{ field: 'rules[0].match.arguments["/n"]', line: 4, message: "must be a string" }],
  },
  {
    name: "argument matcher object without regex",
    yaml: rule("    match: {arguments: {/n: {glob: x}}}\n    decision: ALLOW\n"),
    errors: [{ field: 'rules[0].match.arguments["/n"]', line: 4, message: "{regex" }],
  },
  {
    name: "unsafe regex: backreference",
    yaml: rule("    match: {arguments: {/x: {regex: '(a)\\1'}}}\n    decision: ALLOW\n"),
    errors: [{ field: 'rules[0].match.arguments["/x"]', line: 4, message: "backreferences" }],
  },
  {
    name: "unsafe regex: lookahead",
    yaml: rule("    match: {arguments: {/x: {regex: '(?=a)b'}}}\n    decision: ALLOW\n"),
    errors: [{ field: 'rules[0].match.arguments["/x"]', line: 4, message: "lookaround" }],
  },
  {
    name: "unsafe regex: huge repetition",
    yaml: rule("    match: {arguments: {/x: {regex: 'a{5000}'}}}\n    decision: ALLOW\n"),
    errors: [{ field: 'rules[0].match.arguments["/x"]', line: 4, message: "repetition bound" }],
  },
  {
    name: "invalid regex: unbalanced",
    yaml: rule("    match: {arguments: {/x: {regex: '(ab'}}}\n    decision: ALLOW\n"),
    errors: [{ field: 'rules[0].match.arguments["/x"]', line: 4, message: "missing ')'" }],
  },
  {
    name: "negative constraint",
    yaml: rule("    match: {}\n    decision: ALLOW\n    constraints: {max_retries: -1}\n"),
    errors: [{ field: "rules[0].constraints.max_retries", line: 6, column: 32, message: "must not be negative" }],
  },
  {
    name: "non-integer constraint",
    yaml: rule("    match: {}\n    decision: ALLOW\n    constraints: {max_runtime_sec: 1.5}\n"),
    errors: [{ field: "rules[0].constraints.max_runtime_sec", line: 6, message: "integer" }],
  },
  {
    name: "string constraint",
    yaml: rule("    match: {}\n    decision: ALLOW\n    constraints: {max_runtime_sec: '60'}\n"),
    errors: [{ field: "rules[0].constraints.max_runtime_sec", line: 6, message: "must be a number" }],
  },
  {
    name: "zero approvers",
    yaml: rule("    match: {}\n    decision: REQUIRE_APPROVAL\n    constraints: {approvals_required: 0}\n"),
    errors: [{ field: "rules[0].constraints.approvals_required", line: 6, message: "at least 1" }],
  },
  {
    name: "bad approval scope",
    yaml: rule("    match: {}\n    decision: REQUIRE_APPROVAL\n    constraints: {approval_scope: forever}\n"),
    errors: [{ field: "rules[0].constraints.approval_scope", line: 6, message: "once or window" }],
  },
  {
    name: "unknown constraint",
    yaml: rule("    match: {}\n    decision: ALLOW\n    constraints: {timeout: 5}\n"),
    errors: [{ field: "rules[0].constraints.timeout", line: 6, column: 19, message: 'unknown field "timeout"' }],
  },
  {
    name: "constraints on DENY",
    yaml: rule("    match: {}\n    decision: DENY\n    constraints: {max_retries: 1}\n"),
    errors: [{ field: "rules[0].constraints", line: 6, column: 5, message: "not allowed on a DENY rule" }],
  },
  {
    name: "alias bomb",
    yaml: [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
      "version: v1",
      "rules: []",
      "",
    ].join("\n"),
    errors: [{ field: "", line: 2, message: "alias" }],
  },
  {
    name: "document over 1 MiB",
    yaml: `version: v1\nrules: []\n# ${"x".repeat(MAX_POLICY_BYTES)}\n`,
    errors: [{ field: "", line: 1, message: "larger than 1048576 bytes" }],
  },
  {
    name: "multi-byte characters count as bytes",
    yaml: `version: v1\nrules: []\n# ${"é".repeat(MAX_POLICY_BYTES / 2)}\n`,
    errors: [{ field: "", line: 1, message: "larger than" }],
  },
  {
    name: "every error at once",
    yaml: "version: v3\nrules:\n  - id: Bad\n    match: {labels: {mcp.nope: x}}\n    decision: NO\n    constraints: {max_retries: -2}\n",
    errors: [
      { field: "version", line: 1, message: "must be v1" },
      { field: "rules[0].id", line: 3, message: "[a-z0-9-]+" },
      { field: "rules[0].match.labels.mcp.nope", line: 4, message: "unknown label" },
      { field: "rules[0].decision", line: 5, message: "must be one of" },
      { field: "rules[0].constraints.max_retries", line: 6, message: "must not be negative" },
    ],
  },
];

function errorsOf(yaml: string): PolicyError[] {
  const result = parsePolicy(yaml);
  if (result.ok) throw new Error("expected the policy to be refused");
  return result.errors;
}

describe("validation table", () => {
  it.each(BAD_POLICIES.map((c) => [c.name, c] as const))("%s", (_, testCase) => {
    const errors = errorsOf(testCase.yaml);
    expect(errors).toHaveLength(testCase.errors.length);
    testCase.errors.forEach((expected, i) => {
      expect(errors[i].field).toBe(expected.field);
      expect(errors[i].line).toBe(expected.line);
      if (expected.column !== undefined) expect(errors[i].column).toBe(expected.column);
      expect(errors[i].message).toContain(expected.message);
    });
  });

  it("errors come sorted by line and column", () => {
    for (const testCase of BAD_POLICIES) {
      const errors = errorsOf(testCase.yaml);
      const sorted = [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
      expect(errors).toEqual(sorted);
    }
  });
});

describe("accepted edge cases", () => {
  it.each([
    ["a policy without rules", "version: v1\nrules: []\n"],
    ["a catch-all rule", "version: v1\nrules:\n  - id: all\n    match: {}\n    decision: ALLOW\n"],
    [
      "a few aliases for reuse",
      "version: v1\nrules:\n  - id: a\n    match: {labels: {mcp.server: &servers [github, jira]}}\n    decision: ALLOW\n  - id: b\n    match: {mcp: {deny_servers_not_in: *servers}}\n    decision: DENY\n",
    ],
    [
      "a nested-quantifier regex, run in linear time",
      "version: v1\nrules:\n  - id: r\n    match: {arguments: {/x: {regex: '^(a+)+$'}}}\n    decision: DENY\n",
    ],
    [
      "the whole-document pointer",
      "version: v1\nrules:\n  - id: r\n    match: {arguments: {'': null}}\n    decision: DENY\n",
    ],
    [
      "globs in closed labels that match some value",
      "version: v1\nrules:\n  - id: r\n    match: {labels: {mcp.action: '*', mcp.environment: 'prod*'}}\n    decision: DENY\n",
    ],
    [
      "an empty server list",
      "version: v1\nrules:\n  - id: r\n    match: {mcp: {deny_servers_not_in: []}}\n    decision: DENY\n",
    ],
  ])("%s", (_, yaml) => {
    const result = parsePolicy(yaml);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
});
