import "server-only";
import net from "node:net";
import os from "node:os";
import tls from "node:tls";
import { env } from "@/lib/env";
import { checkUrl } from "../ssrf";
import type { OcsfRecord } from "./ocsf";

/**
 * RFC 5424 messages over TCP with RFC 6587 octet counting, optionally TLS (RFC 5425)
 * (docs/siem-export.md#syslog). One connection per batch; acknowledged means the receiver read our
 * end of stream and closed its side (docs/siem-export.md#acknowledged).
 */

/** Facility 13 (log audit), RFC 5424 table 1. */
const FACILITY = 13;
/** Private enterprise number 32473 is reserved for documentation and examples (RFC 5612). */
export const SD_ID = "mgc@32473";
const APP_NAME = "mcp-console";

export interface SyslogTarget {
  host: string;
  port: number;
  tls: boolean;
  ca?: string;
}

/** PARAM-VALUE escaping (RFC 5424 §6.3.3): `"`, `\` and `]`. */
function sdValue(v: string): string {
  return v.replace(/["\\\]]/g, (c) => `\\${c}`);
}

/** PRINTUSASCII without spaces, at most `max` characters, or the NILVALUE. */
function header(v: string, max: number): string {
  const clean = v.replace(/[^\x21-\x7e]/g, "").slice(0, max);
  return clean === "" ? "-" : clean;
}

/** One RFC 5424 message: severity 4 (warning) for blocked calls and failed logins, 6 (informational) else. */
export function syslogMessage(record: OcsfRecord, hostname = os.hostname()): string {
  const severity = (record.severity_id as number) >= 3 ? 4 : 6;
  const chain = (record.unmapped as { chain?: { seq: string; hash: string } } | undefined)?.chain;
  const sd = [
    `seq="${sdValue(String(chain?.seq ?? record.metadata.sequence))}"`,
    `uid="${sdValue(record.metadata.uid)}"`,
    `log="${sdValue(record.metadata.log_name)}"`,
    ...(chain ? [`hash="${sdValue(chain.hash)}"`] : []),
  ].join(" ");
  const log = record.metadata.log_name;
  const msgId = log === "decisions" ? "decision" : log === "audit_events" ? "audit_event" : log;
  const time = new Date(record.time).toISOString();
  return `<${FACILITY * 8 + severity}>1 ${time} ${header(hostname, 255)} ${APP_NAME} - ${msgId} [${SD_ID} ${sd}] \uFEFF${JSON.stringify(record)}`;
}

/** RFC 6587 octet counting: MSG-LEN SP SYSLOG-MSG, the length in bytes. */
export function octetFrame(message: string): Buffer {
  const body = Buffer.from(message, "utf8");
  return Buffer.concat([Buffer.from(`${body.byteLength} `, "ascii"), body]);
}

/** The addresses the SSRF guard allows for the host (the same address rules as an https URL). */
async function checkedAddresses(host: string): Promise<string[]> {
  const literal = host.includes(":") ? `[${host}]` : host;
  const verdict = await checkUrl(`https://${literal}/`, {
    environment: "production",
    allowHosts: env().SSRF_ALLOW_HOSTS,
  });
  if (!verdict.ok) throw new Error(`refused by the SSRF guard: ${verdict.reason}`);
  return verdict.addresses;
}

export async function checkSyslogHost(host: string): Promise<string | null> {
  try {
    await checkedAddresses(host);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The name's resolution is bounded by the attempt's limit too. */
function withinTime<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`syslog host not resolved within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function connect(target: SyslogTarget, address: string): net.Socket {
  if (!target.tls) return net.connect({ host: address, port: target.port });
  return tls.connect({
    host: address,
    port: target.port,
    servername: net.isIP(target.host) ? undefined : target.host,
    ...(target.ca ? { ca: target.ca } : {}),
  });
}

/** Sends the records in order on one connection; resolves once the receiver closed after reading them all. */
export async function sendSyslog(target: SyslogTarget, records: OcsfRecord[], timeoutMs: number): Promise<void> {
  const [address] = await withinTime(checkedAddresses(target.host), timeoutMs);
  const payload = Buffer.concat(records.map((r) => octetFrame(syslogMessage(r))));
  await new Promise<void>((resolve, reject) => {
    const socket = connect(target, address);
    let failed: Error | undefined;
    const fail = (e: Error) => {
      failed ??= e;
      socket.destroy();
    };
    const timer = setTimeout(() => fail(new Error(`syslog receiver did not finish within ${timeoutMs} ms`)), timeoutMs);
    socket.once(target.tls ? "secureConnect" : "connect", () => {
      socket.end(payload);
    });
    socket.on("data", () => {});
    socket.once("error", fail);
    socket.once("close", () => {
      clearTimeout(timer);
      if (failed) reject(failed);
      else if (socket.writableFinished) resolve();
      else reject(new Error("syslog receiver closed the connection before reading the batch"));
    });
  });
}
