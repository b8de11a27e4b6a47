import "server-only";

export { checkUrl, checkUrlSyntax, systemResolver, type CheckUrlOptions, type HostResolver, type UrlCheckResult } from "./check-url";
export { createGuardedFetch, type GuardedFetchOptions } from "./guarded-fetch";
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
export { classifyAddress, parseHostLiteral, type AddressClassification, type AddressRange, type HostLiteral } from "@/lib/net/address-policy";
