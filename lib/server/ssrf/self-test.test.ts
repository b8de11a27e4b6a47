import net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ssrfSelfTest } from "./self-test";

afterEach(() => vi.restoreAllMocks());

describe("ssrfSelfTest", () => {
  it("passes: private and metadata addresses refused, public controls accepted", async () => {
    const { passed, results } = await ssrfSelfTest();
    expect(results.filter((r) => r.blocked !== r.expected)).toEqual([]);
    expect(passed).toBe(true);
    expect(results.filter((r) => r.expected).length).toBeGreaterThanOrEqual(20);
    expect(results.some((r) => !r.expected)).toBe(true);
  });

  // A DNS query would show up as a dns_failure row (not blocked) and fail the first test.
  it("opens no connection", async () => {
    const connect = vi.spyOn(net.Socket.prototype, "connect");
    await ssrfSelfTest();
    expect(connect).not.toHaveBeenCalled();
  });

  it("fails when production allow-lists a loopback or metadata address", async () => {
    const { passed, results } = await ssrfSelfTest({ allowHosts: ["127.0.0.1", "169.254.169.254"] });
    expect(passed).toBe(false);
    expect(results.filter((r) => r.blocked !== r.expected).map((r) => r.url)).toEqual([
      "https://169.254.169.254/latest/meta-data/",
      "https://127.0.0.1/",
      "https://2130706433/",
      "https://0177.0.0.1/",
      "https://0x7f.1/",
    ]);
  });
});
