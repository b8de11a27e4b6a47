import "server-only";

// SSRF guard. Save time: checkUrlSyntax (no DNS). Before connecting: checkUrl, or
// better createGuardedFetch, which checks every hop and pins the socket to the
// checked addresses. SsrfBlockedError → 422 ssrf-blocked; any other error → 502.

export {
  checkUrl,
  checkUrlSyntax,
  systemResolver,
  type CheckUrlOptions,
  type HostResolver,
  type UrlCheckResult,
} from "./check-url";
export {
  createGuardedFetch,
  createGuardedHttp,
  type GuardedFetchOptions,
  type GuardedHttp,
  type GuardedRequestInit,
} from "./guarded-fetch";
export { consumeBody, type BodySink } from "./response-from-node";
export { ResponseTooLargeError, SsrfBlockedError, type SsrfBlockCode } from "./errors";
export { ssrfSelfTest, type SsrfSelfTestResult } from "./self-test";
export {
  normalizeAllowHost,
  redactUrl,
  type SsrfEnvironment,
  type SsrfPolicy,
  type SsrfRefusalCode,
  type UrlSyntaxVerdict,
} from "@/lib/net/url-policy";
export {
  classifyAddress,
  parseHostLiteral,
  type AddressClassification,
  type AddressRange,
  type HostLiteral,
} from "@/lib/net/address-policy";
