import "server-only";
import { env } from "@/lib/env";
import { outboundPolicyFor } from "../notifications/deliver";
import { createGuardedFetch } from "../ssrf";
import type { OcsfRecord } from "./ocsf";

/** HTTPS batches (docs/siem-export.md#https): NDJSON, one OCSF event per line, through the SSRF guard. */

export interface HttpsTarget {
  url: string;
  headerName: string;
  secret: string | null;
  ca?: string;
}

export const NDJSON = "application/x-ndjson";

export function ndjson(records: OcsfRecord[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join("");
}

/** POSTs one batch; resolves only on a 2xx answer read to its end within the time limit. */
export async function sendHttps(
  target: HttpsTarget,
  records: OcsfRecord[],
  idempotencyKey: string,
  timeoutMs: number,
): Promise<void> {
  const guarded = createGuardedFetch({
    environment: outboundPolicyFor(target.url),
    allowHosts: env().SSRF_ALLOW_HOSTS,
    timeoutMs,
    maxBytes: 64 * 1024,
    maxRedirects: 0,
    ...(target.ca ? { ca: target.ca } : {}),
  });
  const headers: Record<string, string> = {
    "content-type": NDJSON,
    "idempotency-key": idempotencyKey,
    "user-agent": "mcp-governance-console",
  };
  if (target.secret)
    headers[target.headerName] = target.headerName === "authorization" ? `Bearer ${target.secret}` : target.secret;
  const signal = AbortSignal.timeout(timeoutMs * 2);
  const res = await guarded(target.url, {
    method: "POST",
    headers,
    body: ndjson(records),
    redirect: "error",
    signal,
  });
  await res.arrayBuffer().catch(() => undefined);
  if (res.status < 200 || res.status > 299) throw new Error(`receiver answered HTTP ${res.status}`);
}
