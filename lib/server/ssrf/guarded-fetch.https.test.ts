import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SsrfBlockedError } from "./errors";
import { createGuardedFetch } from "./guarded-fetch";

function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

// A self-signed certificate for secure.test: the guard must connect to the checked
// address, send the host name as SNI, and still refuse an untrusted certificate.
describe.skipIf(!hasOpenssl())("createGuardedFetch over https", () => {
  let server: https.Server;
  let port: number;
  let dir: string;
  const serverNames: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "ssrf-tls-"));
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key,
        "-out",
        cert,
        "-days",
        "1",
        "-subj",
        "/CN=secure.test",
        "-addext",
        "subjectAltName=DNS:secure.test",
      ],
      { stdio: "ignore" },
    );
    const context = tls.createSecureContext({ key: readFileSync(key), cert: readFileSync(cert) });
    server = https.createServer(
      {
        SNICallback: (name, done) => {
          serverNames.push(name);
          done(null, context);
        },
      },
      (_req, res) => res.end("secret"),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it("connects to the checked address with SNI and verifies the certificate", async () => {
    const fetch = createGuardedFetch({
      environment: "production",
      allowHosts: ["secure.test"],
      resolve: async () => ["127.0.0.1"],
    });
    const error = await fetch(`https://secure.test:${port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(SsrfBlockedError);
    expect((error as TypeError & { cause: { code: string } }).cause.code).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
    expect(serverNames).toEqual(["secure.test"]);
  });

  it("refuses the same host in production when it is not allow-listed", async () => {
    const fetch = createGuardedFetch({ environment: "production", allowHosts: [], resolve: async () => ["127.0.0.1"] });
    await expect(fetch(`https://secure.test:${port}/`)).rejects.toBeInstanceOf(SsrfBlockedError);
  });
});
