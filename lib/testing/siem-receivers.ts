import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import net, { type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import tls from "node:tls";

/** A self-signed CA certificate for localhost / 127.0.0.1, made with openssl for this test run. */
export function selfSignedCert(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "siem-tls-"));
  try {
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1"],
        ...["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        ...["-addext", "basicConstraints=critical,CA:TRUE"],
      ],
      { stdio: "ignore" },
    );
    return { key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** ok: 202; error500: refuse the batch; stall: never answer; storeThenStall: keep the batch, never answer. */
export type ReceiverMode = "ok" | "error500" | "stall" | "storeThenStall";

export interface HttpsDelivery {
  key: string;
  authorization: string | undefined;
  contentType: string | undefined;
  records: Record<string, unknown>[];
}

/** An HTTPS SIEM receiver: NDJSON batches, answered per `mode`; `stop`/`start` make it refuse connections. */
export async function httpsReceiver(cert: { key: string; cert: string }) {
  const accepted: HttpsDelivery[] = [];
  const state = { mode: "ok" as ReceiverMode, requests: 0 };
  const server = https.createServer(cert, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      state.requests += 1;
      if (state.mode === "stall") return;
      if (state.mode === "error500") return void res.writeHead(500).end("down");
      const text = Buffer.concat(chunks).toString("utf8");
      accepted.push({
        key: String(req.headers["idempotency-key"]),
        authorization: req.headers.authorization,
        contentType: req.headers["content-type"],
        records: text
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Record<string, unknown>),
      });
      if (state.mode === "ok") res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const stop = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return {
    url: `https://localhost:${port}/ingest`,
    accepted,
    state,
    stop,
    start: () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve)),
  };
}

export interface SyslogFrame {
  pri: number;
  msgId: string;
  sd: string;
  json: Record<string, unknown>;
}

/** RFC 6587 octet-counted frames → RFC 5424 messages (header, STRUCTURED-DATA, the BOM-prefixed JSON MSG). */
export function parseOctetCounted(buf: Buffer): SyslogFrame[] {
  const frames: SyslogFrame[] = [];
  let at = 0;
  while (at < buf.length) {
    const space = buf.indexOf(0x20, at);
    const len = Number(buf.subarray(at, space).toString("ascii"));
    if (!Number.isInteger(len) || len <= 0) throw new Error(`bad frame length at ${at}`);
    const msg = buf.subarray(space + 1, space + 1 + len).toString("utf8");
    if (Buffer.byteLength(msg) !== len) throw new Error("truncated frame");
    at = space + 1 + len;
    const m = /^<(\d+)>1 (\S+) (\S+) (\S+) (\S+) (\S+) (\[.*?[^\\]\]) \uFEFF(.*)$/s.exec(msg);
    if (!m) throw new Error(`not an RFC 5424 message: ${msg.slice(0, 80)}`);
    frames.push({ pri: Number(m[1]), msgId: m[6], sd: m[7], json: JSON.parse(m[8]) as Record<string, unknown> });
  }
  return frames;
}

/** A syslog receiver over TCP or TLS: reads each connection to its end, parses it, then closes. */
export async function syslogReceiver(cert?: { key: string; cert: string }) {
  const frames: SyslogFrame[] = [];
  /** stall: accept and read, never close (the batch is not acknowledged). */
  const state = { mode: "ok" as "ok" | "stall" };
  const open = new Set<net.Socket>();
  const onConnection = (socket: net.Socket) => {
    open.add(socket);
    socket.once("close", () => open.delete(socket));
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("end", () => {
      if (state.mode === "stall") return;
      frames.push(...parseOctetCounted(Buffer.concat(chunks)));
      socket.end();
    });
    socket.on("error", () => {});
  };
  const server = cert
    ? tls.createServer({ ...cert, allowHalfOpen: true }, onConnection)
    : net.createServer({ allowHalfOpen: true }, onConnection);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    frames,
    state,
    stop: () =>
      new Promise((resolve) => {
        server.close(resolve);
        for (const socket of open) socket.destroy();
      }),
    start: () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve)),
  };
}
