// fast-check generators for hostile HTTP requests: path values, queries, headers and bodies built
// from the app's own field names, so the fuzzer reaches past "unknown field" into each schema.
import fc from "fast-check";
import type { Endpoint } from "./routes";

export const HOSTILE_STRINGS = [
  "",
  " ",
  "..",
  "../../etc/passwd",
  "%00",
  "\u0000",
  "\u202e\u2066",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "{{7*7}}",
  "${jndi:ldap://x}",
  "__proto__",
  "constructor",
  "null",
  "-1",
  "0",
  "1e309",
  "9999999999999999999999",
  "NaN",
  "😀".repeat(50),
  "a".repeat(5_000),
  "http://169.254.169.254/latest/meta-data/",
  "file:///etc/passwd",
  "production",
  "*",
  "mcp:*:admin",
];

const ENUM_WORDS = [
  "production",
  "staging",
  "development",
  "read",
  "write",
  "admin",
  "low",
  "medium",
  "high",
  "ALLOW",
  "DENY",
  "REQUIRE_APPROVAL",
  "remote_http",
  "stdio",
  "off",
  "writes",
  "all",
  "ok",
  "error",
  "timeout",
  "PENDING",
  "true",
  "false",
];

/** A scalar a schema might or might not accept. */
export const scalarArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...ENUM_WORDS),
  fc.uuid(),
  fc.integer(),
  fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, 0.5),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

/** A JSON object whose keys mostly come from the app's schemas, nested a few levels. */
export function bodyObjectArb(fieldNames: string[]): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...fieldNames) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "prototype") },
  );
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      scalarArb,
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(key, tie("value"), { maxKeys: 5 }),
    ),
  }));
  return fc.dictionary(key, value, { maxKeys: 8 }) as fc.Arbitrary<Record<string, unknown>>;
}

export interface FuzzRequest {
  params: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body: string | undefined;
  auth: "valid" | "none" | "garbage" | "other-kind";
}

const headerValue = fc.oneof(
  fc.constantFrom(
    "*/*",
    "application/json",
    "application/yaml",
    "text/csv",
    "application/x-ndjson",
    "text/html",
    "garbage",
    "null",
  ),
  fc.string({ unit: fc.constantFrom(..."abcxyz019 ;=,/*-_.:\"'\\()<>@"), maxLength: 60 }),
);

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/problem+json",
  "text/plain",
  "application/yaml",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "application/json; charset=utf-16",
  "",
  "garbage/type",
];

export function requestArb(
  e: Endpoint,
  paramValues: Record<string, string[]>,
  fieldNames: string[],
): fc.Arbitrary<FuzzRequest> {
  const params = fc.record(
    Object.fromEntries(
      e.params.map((p) => [
        p.name,
        fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...(paramValues[p.name] ?? paramValues.id)) },
          { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter(Boolean)) },
          { weight: 1, arbitrary: fc.uuid() },
        ),
      ]),
    ),
  );
  const queryKey = fc.oneof(
    fc.constantFrom(
      ...fieldNames,
      "limit",
      "cursor",
      "q",
      "wait",
      "window",
      "publish",
      "draft",
      "from",
      "to",
      "format",
      "access_token",
      "page",
      "sort",
    ),
    fc.string({ maxLength: 10 }),
  );
  const queryValue = fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.constantFrom(...ENUM_WORDS),
    fc.integer().map(String),
    fc.string({ maxLength: 30 }),
  );
  const query = fc.array(fc.tuple(queryKey, queryValue), { maxLength: 5 });
  const headers = fc.record(
    {
      accept: headerValue,
      "x-request-id": fc.oneof(
        fc.constantFrom("short", "x".repeat(500), "valid-request-id-1234"),
        fc.string({ unit: fc.constantFrom(..."abc-_.019/ "), maxLength: 80 }),
      ),
      origin: fc.constantFrom("https://evil.example", "null", "http://127.0.0.1"),
      cookie: fc.constantFrom("next-auth.session-token=garbage", "__Secure-next-auth.session-token=a.b.c", "a=b; c=d"),
      "if-none-match": fc.constantFrom('"x"', "*"),
      "x-forwarded-for": fc.constantFrom("127.0.0.1", "1.2.3.4, 5.6.7.8", "garbage"),
      "content-type": fc.constantFrom(...CONTENT_TYPES),
    },
    { requiredKeys: [] },
  );
  const body =
    e.method === "GET" || e.method === "DELETE"
      ? fc.constant(undefined)
      : fc.oneof(
          { weight: 5, arbitrary: bodyObjectArb(fieldNames).map((o) => JSON.stringify(o)) },
          { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
          { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              "",
              "{",
              "[]",
              "null",
              '{"a":',
              "\u0000",
              "version: v1\nrules: [",
              "grant_type=client_credentials&client_id=x",
            ),
          },
          { weight: 1, arbitrary: fc.constant(undefined) },
        );
  const auth = fc.constantFrom<FuzzRequest["auth"]>(
    "valid",
    "valid",
    "valid",
    "valid",
    "valid",
    "none",
    "garbage",
    "other-kind",
  );
  return fc.record({ params, query, headers, body, auth });
}
