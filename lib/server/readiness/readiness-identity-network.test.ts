import { expect, it } from "vitest";
import { IDENTITY_NETWORK_CASES } from "@/lib/testing/readiness-cases/identity-network";
import { describeReadinessChecks, LOOPBACK, server, upstreams } from "@/lib/testing/readiness-world";
import { checkContext, evaluateCheck } from "./evaluate";

await describeReadinessChecks(IDENTITY_NETWORK_CASES, (database) => {
  it("the remote-auth probe sends no credentials, even when the entry stores some", async () => {
    upstreams.guarded.seen.length = 0;
    upstreams.open.seen.length = 0;
    await server(database(), "development", "guarded", upstreams.guarded.url, undefined, {
      credentials: { authorization: "Bearer upstream-secret" },
    });
    await server(database(), "development", "open", upstreams.open.url, undefined, {
      credentials: { authorization: "Bearer whatever" },
    });
    const result = await evaluateCheck(
      checkContext(database().prisma, "development", { allowHosts: LOOPBACK }),
      "remote-auth",
    );
    expect(result.status).toBe("FAIL");
    expect(upstreams.guarded.seen.filter((s) => s.method === "POST")).toEqual([{ method: "POST", authorized: false }]);
    expect(upstreams.open.seen.find((s) => s.method === "POST")).toEqual({ method: "POST", authorized: false });
    const guardedDetail = result.details.find((d) => d.server === "guarded")!;
    expect(guardedDetail).toMatchObject({ answer: "rejected", http_status: 401 });
    expect(String(guardedDetail.www_authenticate)).toContain("resource_metadata=");
  });
});
