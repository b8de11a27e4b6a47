import "server-only";
import { checkUrl } from "./check-url";

export interface SsrfSelfTestResult {
  url: string;
  blocked: boolean;
  expected: boolean;
  /** Why the guard refused, when it did. */
  code?: string;
}

// Every `true` row is refused before any DNS query or connection (literal address, special-use name, scheme or userinfo).
const SELF_TEST_CASES: readonly (readonly [url: string, expectBlocked: boolean])[] = [
  ["https://169.254.169.254/latest/meta-data/", true],
  ["https://metadata.google.internal/computeMetadata/v1/", true],
  ["https://[fd00:ec2::254]/latest/meta-data/", true],
  ["https://100.100.100.200/latest/meta-data/", true],
  ["https://127.0.0.1/", true],
  ["https://localhost/", true],
  ["https://[::1]/", true],
  ["https://10.0.0.1/", true],
  ["https://172.16.0.1/", true],
  ["https://192.168.1.1/", true],
  ["https://[fd00::1]/", true],
  ["https://[fe80::1]/", true],
  ["https://100.64.0.1/", true],
  ["https://0.0.0.0/", true],
  ["https://[::]/", true],
  ["https://2130706433/", true],
  ["https://0177.0.0.1/", true],
  ["https://0x7f.1/", true],
  ["https://[::ffff:169.254.169.254]/", true],
  ["https://[64:ff9b::a9fe:a9fe]/", true],
  ["https://[2002:a9fe:a9fe::]/", true],
  ["https://224.0.0.1/", true],
  ["https://255.255.255.255/", true],
  ["http://93.184.216.34/", true],
  ["https://user:secret@93.184.216.34/", true],
  ["file:///etc/passwd", true],
  // Controls: a guard that refuses everything would otherwise pass.
  ["https://93.184.216.34/", false],
  ["https://[2606:4700:4700::1111]/", false],
];

/**
 * Checks that the guard, in production mode, refuses private and metadata
 * addresses and still accepts public ones. No DNS query and no connection is made.
 * `allowHosts` should be the configured SSRF_ALLOW_HOSTS: allow-listing one of
 * these addresses in production makes the self-test fail, on purpose.
 */
export async function ssrfSelfTest(opts: { allowHosts?: string[] } = {}): Promise<{
  passed: boolean;
  results: SsrfSelfTestResult[];
}> {
  const noDns = async (hostname: string): Promise<string[]> => {
    throw Object.assign(new Error(`self-test does not resolve ${hostname}`), { code: "ESELFTEST" });
  };
  const results = await Promise.all(
    SELF_TEST_CASES.map(async ([url, expected]): Promise<SsrfSelfTestResult> => {
      const verdict = await checkUrl(url, {
        environment: "production",
        allowHosts: opts.allowHosts ?? [],
        resolve: noDns,
      });
      if (verdict.ok) return { url, blocked: false, expected };
      // A DNS failure here means the guard wanted to resolve a name it should have refused outright.
      const blocked = verdict.code !== "dns_failure";
      return { url, blocked, expected, code: verdict.code };
    }),
  );
  return { passed: results.every((r) => r.blocked === r.expected), results };
}
