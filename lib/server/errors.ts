import "server-only";
import { log } from "./log";

export interface FieldError {
  path: string;
  message: string;
}

/** One error taxonomy; every handler failure becomes one of these, rendered as problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; [k: string]: unknown } = {},
  ) {
    super(detail ?? title);
  }
}

export const BadRequest = (detail: string, slug = "bad-request") => new HttpProblem(400, slug, "Bad request", detail);
export const Unauthorized = (detail = "Sign in or send a valid bearer token.", headers?: Record<string, string>) =>
  new HttpProblem(401, "unauthorized", "Unauthorized", detail, { headers });
export const Forbidden = (detail = "Your role does not allow this.") =>
  new HttpProblem(403, "forbidden", "Forbidden", detail);
export const NotFound = (what = "The resource") =>
  new HttpProblem(404, "not-found", "Not found", `${what} does not exist.`);
/** `errors` names the field in conflict (a name already taken), so a form can show it beside that field. */
export const Conflict = (detail: string, slug = "conflict", errors?: FieldError[]) =>
  new HttpProblem(409, slug, "Conflict", detail, errors ? { errors } : {});
export const PayloadTooLarge = (limit: number) =>
  new HttpProblem(413, "payload-too-large", "Payload too large", `The body exceeds ${limit} bytes.`);
export const UnsupportedMediaType = (expected: string) =>
  new HttpProblem(415, "unsupported-media-type", "Unsupported media type", `Send ${expected}.`);
export const Unprocessable = (detail: string, errors: FieldError[] = [], slug = "validation-failed") =>
  new HttpProblem(422, slug, "Unprocessable content", detail, { errors });
export const TooManyRequests = (retryAfterSec: number) =>
  new HttpProblem(429, "rate-limited", "Too many requests", `Try again in ${retryAfterSec} s.`, {
    headers: { "Retry-After": String(retryAfterSec) },
  });
export const ServiceUnavailable = (detail: string, slug = "unavailable") =>
  new HttpProblem(503, slug, "Service unavailable", detail);

export const PROBLEM_BASE = "https://mcp-governance-console.dev/problems/";

export function problemBody(p: HttpProblem, requestId: string): Record<string, unknown> {
  const { headers: _headers, ...rest } = p.extra;
  return {
    type: `${PROBLEM_BASE}${p.slug}`,
    title: p.title,
    status: p.status,
    ...(p.detail ? { detail: p.detail } : {}),
    request_id: requestId,
    ...rest,
  };
}

export function problemResponse(p: HttpProblem, requestId: string): Response {
  return new Response(JSON.stringify(problemBody(p, requestId)), {
    status: p.status,
    headers: {
      "content-type": "application/problem+json",
      "x-request-id": requestId,
      "cache-control": "no-store",
      ...(p.extra.headers ?? {}),
    },
  });
}

/** Unexpected failures never leak their message; they are logged with the request id. */
export function toProblem(err: unknown, requestId: string): HttpProblem {
  if (err instanceof HttpProblem) return err;
  log.error({ err, request_id: requestId }, "unexpected error");
  return new HttpProblem(500, "internal", "Internal error", `Something went wrong; quote request id ${requestId}.`);
}
