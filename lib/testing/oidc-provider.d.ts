// oidc-provider ships no types and @types/oidc-provider is not installed; the tests use a small surface.
declare module "oidc-provider" {
  import type { RequestListener } from "node:http";
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): RequestListener;
  }
}
