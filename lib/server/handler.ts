import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { can, type Permission } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "./audit";
import { getDb } from "./db";
import { isDatabaseUnavailable } from "./db-errors";
import {
  BadRequest,
  Conflict,
  NotFound,
  Forbidden,
  HttpProblem,
  PayloadTooLarge,
  problemResponse,
  ServiceUnavailable,
  toProblem,
  Unauthorized,
  Unprocessable,
  UnsupportedMediaType,
  type FieldError,
} from "./errors";
import { resolvePrincipal, type UserPrincipal } from "./principal";

export const DEFAULT_MAX_BODY = 256 * 1024;

type Access = { permission: Permission } | { signedIn: true } | { public: true };

export interface HandlerContext<B, Q> {
  req: Request;
  requestId: string;
  prisma: PrismaClient;
  principal: UserPrincipal;
  actor: Actor;
  body: B;
  query: Q;
  params: Record<string, string>;
}

interface Options<BS extends z.ZodType | undefined, QS extends z.ZodType | undefined> {
  access: Access;
  body?: BS;
  query?: QS;
  maxBodyBytes?: number;
  /** Content types accepted for the body besides application/json (e.g. application/yaml → raw text). */
  textTypes?: string[];
}

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

/**
 * The one wrapper every console handler goes through: who may call it, what it accepts,
 * and problem+json for everything that goes wrong. Handlers return a Response or a JSON value.
 */
export function handler<BS extends z.ZodType | undefined = undefined, QS extends z.ZodType | undefined = undefined>(
  opts: Options<BS, QS>,
  fn: (ctx: HandlerContext<Infer<BS>, Infer<QS>>) => Promise<Response | unknown>,
) {
  return async (
    req: Request,
    routeCtx?: { params?: Promise<Record<string, string | string[]>> },
  ): Promise<Response> => {
    const requestId = requestIdOf(req);
    try {
      const prisma = await processDatabase();
      const principal = await authorize(prisma, req, opts.access);
      checkSameOrigin(req, principal);
      const query = parseQuery(req, opts.query) as Infer<QS>;
      const body = opts.body ? ((await readRequestBody(req, opts.body, opts)) as Infer<BS>) : (undefined as Infer<BS>);
      const params = await routeParams(routeCtx);
      const actor: Actor = principal
        ? { type: principal.via === "api_token" ? "api_token" : "user", id: principal.userId, label: principal.email }
        : { type: "anonymous", id: null, label: "anonymous" };
      const result = await fn({
        req,
        requestId,
        prisma,
        principal: principal as UserPrincipal,
        actor,
        body,
        query,
        params,
      });
      return resultResponse(result, requestId);
    } catch (err) {
      return errorResponse(err, requestId);
    }
  };
}

/*
 * The pieces every route wrapper (this one, and agentRoute for the agent API) is made of, so both
 * read bodies and map errors the same way.
 */

/** The process-wide database client; 503 when it cannot be opened. */
export async function processDatabase(): Promise<PrismaClient> {
  return getDb().then(
    (d) => d.prisma,
    () => {
      throw ServiceUnavailable("The database cannot be reached.", "database-unavailable");
    },
  );
}

/** The query string, checked like a body, then parsed with the schema (undefined without one). */
export function parseQuery(req: Request, schema: z.ZodType | undefined): unknown {
  const rawQuery = Object.fromEntries(new URL(req.url).searchParams);
  checkJsonShape(rawQuery, "query");
  return schema ? parseWith(schema, rawQuery, "query") : undefined;
}

/** Next's route params, a catch-all segment joined with "/". */
export async function routeParams(routeCtx?: {
  params?: Promise<Record<string, string | string[]>>;
}): Promise<Record<string, string>> {
  const raw = (await routeCtx?.params) ?? {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
}

/** A handler's Response (given the request id), or its value as JSON. */
export function resultResponse(result: unknown, requestId: string): Response {
  if (result instanceof Response) {
    result.headers.set("x-request-id", requestId);
    return result;
  }
  return Response.json(result ?? null, { headers: { "x-request-id": requestId, "cache-control": "no-store" } });
}

/** Any failure as problem+json: database outages and busy transactions 503, an unexpected error a bare 500. */
export function errorResponse(err: unknown, requestId: string): Response {
  return problemResponse(toProblem(classifyDbError(err), requestId), requestId);
}

async function authorize(prisma: PrismaClient, req: Request, access: Access): Promise<UserPrincipal | null> {
  if ("public" in access) return null;
  const result = await resolvePrincipal(prisma, req.headers);
  if (!result.ok) {
    throw Unauthorized(
      result.reason === "disabled" ? "This account is disabled." : "Sign in or send a valid API token.",
      {
        "WWW-Authenticate": 'Bearer realm="console"',
      },
    );
  }
  if ("permission" in access && !can(result.principal.role, access.permission)) throw Forbidden();
  return result.principal;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** CSRF: a cookie-authenticated state change must come from the console's own origin. */
function checkSameOrigin(req: Request, principal: UserPrincipal | null) {
  if (principal?.via !== "session" || !UNSAFE.has(req.method)) return;
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site");
  if (origin) {
    const allowed = new Set([env().PUBLIC_URL, new URL(req.url).origin]);
    const host = req.headers.get("host");
    if (host) {
      allowed.add(`http://${host}`);
      allowed.add(`https://${host}`);
    }
    if (!allowed.has(origin)) throw Forbidden("Cross-origin request refused.");
  } else if (site && site !== "same-origin" && site !== "none") {
    throw Forbidden("Cross-site request refused.");
  }
}

/** What the agent-facing guards read of a request: its URL and headers (a Web Request, or the custom server's lean view of a Node request). */
export interface RequestHead {
  url: string;
  headers: { get(name: string): string | null };
}

export function requestIdOf(req: RequestHead): string {
  const given = req.headers.get("x-request-id");
  return given && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
}

/**
 * The body, read as strict UTF-8 up to the limit (413), of a JSON type (or one of `textTypes`;
 * 415 otherwise; an empty body reads as {}), checked (checkJsonShape) and parsed with the schema (422).
 */
export async function readRequestBody(
  req: Request,
  schema: z.ZodType,
  opts: { maxBodyBytes?: number; textTypes?: string[] },
): Promise<unknown> {
  const limit = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const isJson = type === "application/json" || type.endsWith("+json");
  const isText = opts.textTypes?.includes(type) ?? false;
  if (!isJson && !isText) {
    if (req.headers.get("content-length") === "0" || (!type && !req.body)) return parseWith(schema, {}, "body");
    throw UnsupportedMediaType(["application/json", ...(opts.textTypes ?? [])].join(" or "));
  }
  const text = await readLimited(req, limit);
  if (isText) {
    checkJsonShape(text, "body");
    return parseWith(schema, text, "body");
  }
  if (text.trim() === "") return parseWith(schema, {}, "body");
  return parseWith(schema, parseJsonBody(text), "body");
}

/** A JSON body parsed and checked for what PostgreSQL or the request hash cannot take (checkJsonShape). */
export function parseJsonBody(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw BadRequest("The body is not valid JSON.", "invalid-json");
  }
  checkJsonShape(value, "body");
  return value;
}

/**
 * An agent route's body, the one pipeline for all of them: `application/json` only (415), at most
 * `limit` bytes (413), strict UTF-8 (400), valid JSON within checkJsonShape (400/422), then `schema` (422).
 */
export async function readJsonBody<S extends z.ZodType>(req: Request, schema: S, limit: number): Promise<z.infer<S>> {
  requireJsonType(req.headers.get("content-type"));
  return parseWith(schema, parseJsonBody(await readLimited(req, limit)), "body");
}

/** Checks a JSON content type (media type parameters such as charset ignored): 415 otherwise. */
export function requireJsonType(contentType: string | null | undefined): void {
  if ((contentType ?? "").split(";")[0].trim().toLowerCase() !== "application/json")
    throw UnsupportedMediaType("application/json");
}

/** Bytes as UTF-8 text, refusing invalid sequences (never replaced by U+FFFD and stored) with 400. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw BadRequest("The body is not valid UTF-8.", "invalid-encoding");
  }
}
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export async function readLimited(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw PayloadTooLarge(limit);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw PayloadTooLarge(limit);
    }
    chunks.push(value);
  }
  return decodeUtf8(Buffer.concat(chunks));
}

/**
 * Refuses what PostgreSQL or the request hash cannot take, so that one such value never fails a
 * whole batch of other agents' decisions: JSON nested deeper than 64 levels, strings or keys
 * holding NUL or a lone UTF-16 surrogate (jsonb refuses both), and numbers JSON.parse made
 * infinite (`1e400`: RFC 8785 cannot hash them).
 */
export function checkJsonShape(value: unknown, where: "body" | "query"): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > 64) throw BadRequest(`The ${where} is nested too deeply (over 64 levels).`, "too-deep");
    if (typeof v === "string") checkText(v, where);
    else if (typeof v === "number") {
      if (!Number.isFinite(v))
        throw Unprocessable(
          `The ${where} holds a number too large to represent (such as 1e400).`,
          [{ path: where, message: "number out of range" }],
          "number-out-of-range",
        );
    } else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        checkText(k, where);
        stack.push([child, d + 1]);
      }
    }
  }
}

// A surrogate code unit that is not half of a pair (with the u flag, pairs read as one code point).
const LONE_SURROGATE = /\p{Cs}/u;

function checkText(text: string, where: "body" | "query"): void {
  if (text.includes("\u0000"))
    throw Unprocessable(
      `The ${where} holds a NUL character (\\u0000), which is not accepted.`,
      [{ path: where, message: "contains NUL" }],
      "nul-character",
    );
  if (LONE_SURROGATE.test(text))
    throw Unprocessable(
      `The ${where} holds a lone UTF-16 surrogate (such as \\ud800), which is not valid Unicode text.`,
      [{ path: where, message: "contains a lone surrogate" }],
      "lone-surrogate",
    );
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: "body" | "query"): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors: FieldError[] = parsed.error.issues.map((i) => ({
    path: i.path.length ? i.path.map(String).join(".") : where,
    message: i.message,
  }));
  throw Unprocessable(`The ${where} is invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`, errors);
}

/** Database outages become 503 problems, never 500s. */
export function classifyDbError(err: unknown): unknown {
  if (err instanceof HttpProblem) return err;
  const text = `${(err as { code?: string })?.code ?? ""} ${(err as Error)?.message ?? ""}`;
  const code = (err as { code?: string })?.code;
  // Transactions that could not start or finish in time (a busy database): retryable, never a 500.
  if (
    code === "P2028" ||
    code === "P2034" ||
    /Transaction already closed|Unable to start a transaction in the given time/i.test(text)
  ) {
    return new HttpProblem(
      503,
      "database-busy",
      "Service unavailable",
      "The database is busy; try again in a moment.",
      { headers: { "Retry-After": "1" } },
    );
  }
  if (isDatabaseUnavailable(err)) return ServiceUnavailable("The database cannot be reached.", "database-unavailable");
  if (code === "P2002") return Conflict("A record with these values already exists.", "already-exists");
  if (code === "P2025") return NotFound();
  return err;
}
