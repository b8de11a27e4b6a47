import "server-only";
import type { SsrfRefusalCode } from "@/lib/net/url-policy";
import { redactUrl } from "@/lib/net/url-policy";

export type SsrfBlockCode = SsrfRefusalCode | "redirect_limit";

/** A policy refusal by the SSRF guard (answer 422 `ssrf-blocked`), as opposed to an unreachable upstream (502). */
export class SsrfBlockedError extends Error {
  readonly code: SsrfBlockCode;
  readonly reason: string;
  /** The refused URL without userinfo, query or fragment. */
  readonly url: string;

  constructor(code: SsrfBlockCode, reason: string, url: string | URL) {
    const safeUrl = redactUrl(url);
    super(`SSRF guard refused ${safeUrl}: ${reason}`);
    this.name = "SsrfBlockedError";
    this.code = code;
    this.reason = reason;
    this.url = safeUrl;
  }
}

/** The upstream's response body went past the guard's byte limit. */
export class ResponseTooLargeError extends TypeError {
  readonly maxBytes: number;

  constructor(maxBytes: number) {
    super(`response body exceeds the limit of ${maxBytes} bytes`);
    this.name = "ResponseTooLargeError";
    this.maxBytes = maxBytes;
  }
}

/** Wraps a socket/TLS failure the way Node's fetch does: `TypeError("fetch failed", { cause })`. */
export function networkError(cause: unknown): TypeError {
  return new TypeError("fetch failed", { cause });
}
