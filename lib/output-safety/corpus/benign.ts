/** Everyday tool output full of things that look like secrets or PII but are not. All must be allowed untouched. */
import type { CorpusCase } from "./case";
import { B62, base64, HEX, rnd } from "./gen";

const benign = (name: string, input: unknown): CorpusCase => ({
  name: `benign: ${name}`,
  detector: "benign",
  input,
  action: "ALLOW",
  kinds: [],
  absent: [],
});

const sha1 = rnd(HEX, 40);
const sha256 = rnd(HEX, 64);

export const BENIGN_CASES: CorpusCase[] = [
  benign(
    "git log",
    `commit ${sha1}\nAuthor: CI Bot <ci@example.com>\nDate: Tue Mar 5 10:00:00 2024\n\n    fix: handle empty pages`,
  ),
  benign("short SHAs", "merged 9fceb02 and 3f2a9c1 into main (a1b2c3d)"),
  benign("sha256 digest", `sha256:${sha256}`),
  benign("docker image digest", `ghcr.io/acme/api@sha256:${sha256}`),
  benign("UUIDs", "request 3f2504e0-4f89-11d3-9a0c-0305e82c3301 span 6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
  benign("md5 checksum list", `${rnd(HEX, 32)}  dist/app.js\n${rnd(HEX, 32)}  dist/app.css`),
  benign("npm integrity hash", {
    integrity: `sha512-${rnd(B62, 86)}==`,
    resolved: "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",
  }),
  benign("MCP image content", { content: [{ type: "image", data: rnd(B62, 4000), mimeType: "image/png" }] }),
  benign("MCP blob resource", {
    contents: [{ uri: "file:///tmp/a.bin", mimeType: "application/octet-stream", blob: rnd(B62, 800) }],
  }),
  benign("data URI in HTML", `<img src="data:image/png;base64,${rnd(B62, 600)}" alt="chart">`),
  benign("hex colours", "palette: #1f2937 #f59e0b #10b981 #ef4444"),
  benign("semantic versions", "upgraded next 16.4.6 → 16.5.0, react 19.3.1, node v20.19.0"),
  benign("IP addresses and ports", "listening on 0.0.0.0:8080, upstream 10.20.30.40:5432, ::1"),
  benign("timestamps", "2024-05-11T12:33:07.123Z 1715430787 1715430787123"),
  benign("prices and quantities", "Subtotal $1,234.56 · 3 × 19.99 € · tax 8.25%"),
  benign("ISBN", "ISBN 978-0-306-40615-7"),
  benign("phone-like build numbers", "build 2024.05.11.1532 finished in 341s"),
  benign(
    "table of counts",
    "| region | requests | errors |\n| eu-west-1 | 1204311 | 12 |\n| us-east-1 | 9823411 | 3 |",
  ),
  benign("JSON metrics", {
    latency_ms: { p50: 12, p99: 85 },
    requests: 1234567,
    errors: 3,
    tokens: { input: 1500, output: 230 },
  }),
  benign("OpenAI-style usage block", {
    usage: { prompt_tokens: 1201, completion_tokens: 96, total_tokens: 1297 },
    model: "gpt-4o",
  }),
  benign("pagination", { items: [{ id: 1 }, { id: 2 }], next_page_token: rnd(B62, 24), has_more: true }),
  benign(
    "TypeScript code",
    "export function add(a: number, b: number): number {\n  return a + b;\n}\nconst token = getToken();\nconst password = await prompt('Password: ');",
  ),
  benign(
    "Python code",
    "def login(user, password):\n    return auth.check(user, password)\n\nAPI_KEY = os.environ['API_KEY']",
  ),
  benign(
    "env template",
    "DATABASE_URL=postgres://user:password@localhost:5432/app\nAPI_KEY=changeme\nSECRET_KEY=${SECRET_KEY}",
  ),
  benign(
    "Kubernetes secret reference",
    "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n        key: password",
  ),
  benign("Terraform variable", 'variable "api_token" {\n  type      = string\n  sensitive = true\n}'),
  benign("SQL", "SELECT id, email_verified, password_changed_at FROM users WHERE id = 42;"),
  benign(
    "stack trace",
    "TypeError: Cannot read properties of undefined (reading 'token')\n    at authenticate (/app/src/auth.ts:42:17)\n    at processTicksAndRejections (node:internal/process/task_queues:95:5)",
  ),
  benign("HTTP request log", "POST /oauth/token 200 12ms\nGET /api/users?page=2&per_page=50 200 8ms"),
  benign(
    "markdown docs",
    "## Authentication\n\nPass your API key in the `Authorization` header. See [auth docs](https://docs.acme.test/auth).",
  ),
  benign(
    "security advisory prose",
    "Attackers may try prompt injection, such as asking a model to reveal its system prompt; our filter blocks that.",
  ),
  benign(
    "translation task",
    "Translate to French: 'The meeting starts at nine.' → « La réunion commence à neuf heures. »",
  ),
  benign("Chinese prose", "我们的系统每天备份一次数据库，请在周五前提交报告。"),
  benign("German prose", "Die Anweisungen für die Installation finden Sie im Handbuch."),
  benign("emoji", "Deploy finished 🎉🚀 — thanks 👩‍💻 team! 🇪🇸"),
  benign("RTL text", "السلام عليكم — שלום — hello"),
  benign("CSV without PII", "sku,qty,price\nA-1001,3,19.99\nB-2002,10,4.50"),
  benign("lorem ipsum", "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor."),
  benign("public SSH key", `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ${rnd(B62, 200)} deploy@ci`),
  benign(
    "public certificate fingerprint",
    `SHA256 Fingerprint=${rnd(HEX, 64)
      .toUpperCase()
      .replace(/(..)(?=.)/g, "$1:")}`,
  ),
  benign(
    "ordinary base64 note",
    `attachment text: ${base64("Meeting notes: ship the release on Thursday after QA signs off.")}`,
  ),
  benign("URL with ordinary query", "https://www.google.com/search?q=vitest+fake+timers"),
  benign("markdown link with anchor", "[Install](https://nodejs.org/en/download#linux)"),
  benign("markdown image badge with no query", "![CI](https://github.com/acme/app/actions/workflows/ci.yml/badge.svg)"),
  benign("mailto placeholder", "Report issues to security@example.org"),
  benign("number lists", "primes: 2 3 5 7 11 13 17 19 23 29 31 37 41 43 47 53 59 61 67 71"),
  benign("long digit string (pi)", "pi ≈ 3.14159265358979323846264338327950288419716939937510"),
  benign("order numbers", "Order #100234 shipped; tracking 1Z999AA10123456784"),
  benign("AWS ARNs", "arn:aws:iam::123456789012:role/deploy arn:aws:s3:::logs-bucket/2024/"),
  benign("AWS documentation example pair", {
    AccessKeyId: "AKIAIOSFODNN7EXAMPLE",
    SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  }),
  benign("JSON schema", {
    type: "object",
    properties: { password: { type: "string", minLength: 12 }, api_key: { type: "string" } },
    required: ["password"],
  }),
  benign("redacted already", "password=[REDACTED:password] token=[REDACTED:generic_secret]"),
  benign("deeply nested empty structure", { a: { b: { c: { d: { e: [[], {}, [null, true, 1.5]] } } } } }),
  benign("empty string", ""),
  benign("null output", null),
  benign("numbers and booleans", [1, 2, 3, true, false, null, 0.5]),
  benign("random identifier without a sensitive name", { request_id: rnd(B62, 32), trace: rnd(HEX, 32) }),
  benign("kebab-case long identifier", "feature-flag-enable-new-billing-dashboard-for-enterprise-customers"),
  benign("camelCase long identifier", "useInfiniteQueryWithOptimisticUpdatesAndRetries"),
  benign("file paths", "/home/runner/work/app/app/node_modules/.pnpm/lodash@4.17.21/node_modules/lodash/index.js"),
  benign(
    "HTML page",
    '<html><head><title>Docs</title></head><body><a href="/guide">Guide</a><img src="/logo.svg"></body></html>',
  ),
  benign(
    "chat transcript quoted in docs",
    "Example: a user asks the assistant to summarise a file, and the assistant replies with three bullets.",
  ),
  benign("system status page", "All systems operational. API: 99.99% uptime. Last incident: 2024-04-02."),
  benign("cron expression", "schedule: '*/15 * * * *'"),
  benign("regex in docs", "Match emails with /[^@\\s]+@[^@\\s]+/ and ignore case."),
  benign(
    "git diff",
    "@@ -10,7 +10,7 @@ export function sum(xs: number[]) {\n-  return xs.reduce((a, b) => a + b);\n+  return xs.reduce((a, b) => a + b, 0);",
  ),
  benign("YAML config", "server:\n  port: 8080\n  host: 0.0.0.0\nlogging:\n  level: info"),
  benign("latitude/longitude", "location: 40.7128, -74.0060 (New York)"),
];
