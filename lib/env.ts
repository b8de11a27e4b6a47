import { z } from "zod";

const otlpUrl = z.url().refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL");

/** W3C baggage-style `key=value,key2=value2` (values URL-encoded), as OTEL_EXPORTER_OTLP_HEADERS is written. */
const otlpHeaders = z
  .string()
  .default("")
  .transform((s, ctx) => {
    const headers: Record<string, string> = {};
    for (const part of s.split(",").filter((p) => p.trim())) {
      const at = part.indexOf("=");
      const name = part.slice(0, at).trim();
      if (at < 1 || !/^[A-Za-z0-9-]{1,64}$/.test(name)) {
        ctx.addIssue({ code: "custom", message: "must be name=value pairs separated by commas" });
        return z.NEVER;
      }
      try {
        headers[name.toLowerCase()] = decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        ctx.addIssue({ code: "custom", message: `the value of ${name} is not URL-encoded text` });
        return z.NEVER;
      }
    }
    return headers;
  });

/** Every setting the console reads, parsed once. Nothing else reads process.env. */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().min(1).default("./data"),
  ADMIN_EMAIL: z.email().default("admin@example.com"),
  ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  PUBLIC_URL: z
    .url()
    .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL")
    .transform((u) => u.replace(/\/+$/, ""))
    .optional(),
  SSRF_ALLOW_HOSTS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ),
  ENCRYPTION_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  TOKEN_EXTRA_AUDIENCES: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((a) => a.trim())
        .filter(Boolean),
    ),
  /** Every agent answer within this bound whatever the database does; the database timeouts derive from it (lib/server/db-timeouts.ts). */
  ANSWER_DEADLINE_MS: z.coerce.number().int().min(250).max(60_000).default(2_000),
  TOKEN_TTL_SEC: z.coerce.number().int().min(60).max(900).default(600),
  /** Lifetime of a decision receipt (never longer than the call's max_runtime_sec). */
  RECEIPT_TTL_SEC: z.coerce.number().int().min(5).max(300).default(60),
  /** Serves /api/bench/echo, the stock-route-handler baseline of `npm run bench:decide`; off in production. */
  BENCH_ECHO: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => v === "1"),
  /** `npm run bench:decide` with BENCH_COMPARE=receipts: the baseline without receipts; never in production. */
  BENCH_NO_RECEIPTS: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => v === "1"),
  /**
   * Measures where decision latency goes (GC pauses, event-loop delay, batch formation and sizes, the
   * chain-locked statement, pool waits) and serves it to admins on /api/bench/probes, for
   * `npm run bench:decide`; off by default, leave off in production.
   */
  BENCH_PROBES: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => v === "1"),
  /** MCP gateway: how long a tools/call that needs approval is held open waiting for it (0 = answer at once with the approval's id and URL). */
  GATEWAY_APPROVAL_WAIT_SEC: z.coerce.number().int().min(0).max(3600).default(0),
  /** MCP gateway: an agent session with no request for this long is closed (and its upstream session with it). */
  GATEWAY_SESSION_IDLE_SEC: z.coerce.number().int().min(10).max(86_400).default(1_800),
  /** MCP gateway: open sessions per agent; at the cap the agent's least recently used idle session is closed for the new one. */
  GATEWAY_MAX_SESSIONS_PER_AGENT: z.coerce.number().int().min(1).max(1_000).default(32),
  /** MCP gateway: SSE events kept per session for an agent that reconnects with Last-Event-ID (0 = no resumption). */
  GATEWAY_EVENT_STORE_EVENTS: z.coerce.number().int().min(0).max(100_000).default(1_000),
  /** MCP gateway: how long a session keeps an SSE event for replay. */
  GATEWAY_EVENT_RETENTION_SEC: z.coerce.number().int().min(1).max(86_400).default(300),
  /** MCP gateway: executables (exact names as written in a catalog entry's command) that stdio upstreams may start, development only; empty = none. */
  GATEWAY_STDIO_ALLOW: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  /** People's sign-in through an external OpenID Connect provider, beside passwords (all three or none). */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).max(60).default("Single sign-on"),
  /** Role given to a person who signs in through OIDC without an account; unset = only existing accounts may. */
  OIDC_DEFAULT_ROLE: z.enum(["admin", "policy_author", "approver", "viewer", "auditor"]).optional(),
  /** How many reverse proxies in front of the console append to X-Forwarded-For; 0 = none, the header is ignored. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** OpenTelemetry (off unless an OTLP endpoint is set): the standard variables, validated here. */
  OTEL_SDK_DISABLED: z
    .enum(["true", "false", ""])
    .default("false")
    .transform((v) => v === "true"),
  OTEL_SERVICE_NAME: z.string().min(1).max(200).default("mcp-governance-console"),
  OTEL_RESOURCE_ATTRIBUTES: z.string().max(4000).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otlpUrl.optional(),
  OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: otlpUrl.optional(),
  /** OTLP over HTTP with protobuf bodies (the specification's default) or JSON; gRPC is not built in. */
  OTEL_EXPORTER_OTLP_PROTOCOL: z
    .enum(["http/protobuf", "http/json"], {
      message: "OTLP over HTTP only: set OTEL_EXPORTER_OTLP_PROTOCOL to http/protobuf or http/json",
    })
    .default("http/protobuf"),
  OTEL_EXPORTER_OTLP_HEADERS: otlpHeaders,
  OTEL_TRACES_EXPORTER: z.enum(["otlp", "none"]).default("otlp"),
  OTEL_METRICS_EXPORTER: z.enum(["otlp", "none", "prometheus"]).default("otlp"),
  OTEL_TRACES_SAMPLER: z
    .enum([
      "always_on",
      "always_off",
      "traceidratio",
      "parentbased_always_on",
      "parentbased_always_off",
      "parentbased_traceidratio",
    ])
    .default("parentbased_always_on"),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
  OTEL_METRIC_EXPORT_INTERVAL: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
});

export type Env = z.infer<typeof envSchema> & { PUBLIC_URL: string };

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const data = parsed.data;
  const oidc = [data.OIDC_ISSUER, data.OIDC_CLIENT_ID, data.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidc !== 0 && oidc !== 3)
    throw new Error("Invalid configuration:\n  OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together");
  return { ...data, PUBLIC_URL: data.PUBLIC_URL ?? `http://localhost:${data.PORT}` };
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
