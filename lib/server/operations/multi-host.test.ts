import { describe, expect, it } from "vitest";
import { SEED_POLICY_YAML } from "@/lib/policy/seed-table";
import { countBy, decisionLoad, newAgent, newUserToken, postDecision } from "@/lib/testing/fuzz/console-world";
import { hostTopologyAvailable } from "@/lib/testing/host-topology";
import { CHECK, type Host, multiHostCluster } from "@/lib/testing/multi-host-cluster";
import { postgresBinariesForFaultTests } from "@/lib/testing/pg-instance";

/**
 * Issue 27: three console hosts, each in its own network namespace, behind Debian's HAProxy
 * (health checks on /api/health, gateway sessions stuck by Mcp-Session-Id), on one PostgreSQL.
 * Under steady decision and gateway load through the balancer: an approval granted on one host is
 * consumed once across all; revocations, the kill switch and publishes made on one host reach the
 * others; a SIGKILLed host leaves the rotation within its checks, no acknowledged decision is lost,
 * the chain verifies, and the agents whose gateway session lived there re-initialise through the
 * balancer. Measured delays are printed, not asserted beyond generous bounds.
 */
const topology = hostTopologyAvailable();
const hasBinaries = postgresBinariesForFaultTests();

describe.skipIf(!topology.ok || !hasBinaries)("several console hosts behind HAProxy on one PostgreSQL", () => {
  const { cluster: c, startHost, gatewayLoad, retried, propagates } = multiHostCluster();

  it("keeps decisions, approvals, changes and gateway sessions right across hosts and a SIGKILL", async () => {
    const loadAgent = await newAgent(c.viaLb, "multi-host-load", ["mcp:github:read", "mcp:jira:write"]);
    const loadToken = await loadAgent.client.accessToken();
    const gatewayAgent = await newAgent(c.viaLb, "multi-host-gateway", ["mcp:everything:read"], "development");
    const decisions = decisionLoad(
      () => c.lb.url,
      async () => loadToken,
      (n) =>
        n % 5 === 4
          ? { server: "jira", tool: "create_issue", arguments: { summary: `load ${n % 30}` } }
          : { server: "github", tool: "get_file_contents", arguments: { path: `f${n}` } },
      4,
      10,
    );
    const gateway = gatewayLoad(await gatewayAgent.client.accessToken(), 4);
    const acknowledged: string[] = [];
    let victim: Host | undefined;
    let onVictim: boolean[] = [];
    let killedAt = 0;
    let downAt = 0;
    try {
      await gateway.ready;
      victim = c.hosts.find((h) => h.name === gateway.hostOf[0]);
      expect(victim, `session 0 was served by ${gateway.hostOf[0]}`).toBeDefined();
      expect(new Set(gateway.hostOf).size, "round robin spreads the gateway sessions").toBeGreaterThan(1);
      const [h1, h2, h3] = c.hosts;

      // An approval granted through h1, re-submitted by parallel consumers on every host at once.
      const approver = await newUserToken(c.viaLb, "approver", "approver@multi-host.test");
      const approvalAgent = await newAgent(c.viaLb, "multi-host-approval", ["mcp:jira:write"]);
      const approvalToken = await approvalAgent.client.accessToken();
      const call = { server: "jira", tool: "create_issue", arguments: { summary: "across hosts" } };
      const asked = await postDecision(c.lb.url, approvalToken, call);
      expect(asked.decision).toBe("REQUIRE_APPROVAL");
      const approvalId = (
        await c.db.query<{ id: string }>(`SELECT "approvalId" AS id FROM decisions WHERE id = $1`, [asked.decisionId])
      ).rows[0].id;
      const approved = await retried(() =>
        h1.world.call("POST", `/api/console/approvals/${approvalId}/approve`, {
          body: { reason: "fine" },
          token: approver,
        }),
      );
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      const consumers = await Promise.all(
        c.hosts.flatMap((h) =>
          Array.from({ length: 6 }, () =>
            postDecision(h.proc.url, approvalToken, { ...call, approval_id: approvalId }),
          ),
        ),
      );
      acknowledged.push(...consumers.flatMap((x) => (x.decisionId ? [x.decisionId] : [])));
      const tally = countBy(consumers, (x) => `${x.status} ${x.decision} ${x.reason}`);
      expect(consumers.filter((x) => x.decision === "ALLOW").length, JSON.stringify(tally)).toBe(1);
      // Every other one is told at once that it was used: none queues behind the consumer holding it.
      expect(
        consumers
          .filter((x) => x.decision !== "ALLOW")
          .every((x) => x.status === 200 && x.reason === "approval_already_used"),
        JSON.stringify(tally),
      ).toBe(true);
      c.figures.push(`approval granted on h1, 18 consumers on 3 hosts: ${JSON.stringify(tally)}`);
      const consumed = await c.db.query(
        `SELECT count(*)::int AS n FROM decisions WHERE "approvalId" = $1 AND decision = 'ALLOW'`,
        [approvalId],
      );
      expect(consumed.rows[0].n).toBe(1);
      const status = await c.db.query(`SELECT status FROM approvals WHERE id = $1`, [approvalId]);
      expect(status.rows[0].status).toBe("CONSUMED");

      // Changes made on one host, enforced by the others.
      const revokeAgent = await newAgent(c.viaLb, "multi-host-revoke", ["mcp:github:read"]);
      const revokeToken = await revokeAgent.client.accessToken();
      const read = { server: "github", tool: "get_file_contents", arguments: {} };
      for (const h of c.hosts) expect((await postDecision(h.proc.url, revokeToken, read)).decision).toBe("ALLOW");
      const delays = [
        ...(await propagates(
          "agent revoke",
          h2,
          async () => {
            const r = await retried(() =>
              h2.world.call("POST", `/api/console/agents/${revokeAgent.id}/revoke`, {
                body: { reason: "multi-host test" },
              }),
            );
            expect(r.status).toBe(200);
          },
          async (h) => (await postDecision(h.proc.url, revokeToken, read)).status === 401,
        )),
        ...(await propagates(
          "kill switch (writes)",
          h3,
          async () => {
            const r = await retried(() =>
              h3.world.call("PUT", "/api/console/environments/production/kill-switch", {
                body: { mode: "writes", reason: "multi-host test" },
              }),
            );
            expect(r.status).toBe(200);
          },
          async (h) => (await postDecision(h.proc.url, loadToken, call)).reason === "kill_switch",
        )),
        ...(await propagates(
          "policy publish (reads denied)",
          h1,
          async () => {
            const r = await retried(() =>
              h1.world.call("PUT", "/api/console/policies/production?publish=true&message=reads-denied", {
                body: SEED_POLICY_YAML.replace("decision: ALLOW", "decision: DENY"),
                contentType: "application/yaml",
              }),
            );
            expect(r.status).toBe(200);
          },
          async (h) => (await postDecision(h.proc.url, loadToken, read)).decision === "DENY",
        )),
      ];
      c.figures.push(`propagation to the other hosts: max ${Math.max(...delays)} ms (target ≤ 1000 ms)`);
      const off = await retried(() =>
        h3.world.call("PUT", "/api/console/environments/production/kill-switch", {
          body: { mode: "off", reason: "over" },
        }),
      );
      expect(off.status).toBe(200);
      const seedAgain = await retried(() =>
        h1.world.call("PUT", "/api/console/policies/production?publish=true&message=seed-again", {
          body: SEED_POLICY_YAML,
          contentType: "application/yaml",
        }),
      );
      expect(seedAgain.status).toBe(200);

      // SIGKILL the host holding gateway session 0, under load.
      await new Promise((r) => setTimeout(r, 1_000));
      onVictim = gateway.hostOf.map((h) => h === victim!.name);
      await victim!.proc.kill();
      killedAt = performance.now();
      const detectMs = await c.lb.waitFor([victim!.name], "DOWN", 10_000);
      downAt = performance.now();
      const atDown = (await c.lb.counters())[victim!.name];
      c.figures.push(
        `SIGKILL of ${victim!.name}: HAProxy marked it DOWN after ${Math.round(detectMs)} ms ` +
          `(checks every ${CHECK.interMs} ms, fall ${CHECK.fall})`,
      );
      expect(detectMs, "HAProxy takes the dead host out within its checks").toBeLessThan(
        CHECK.interMs * (CHECK.fall + 1) + 1_000,
      );
      // Each session that lived on the victim fails once, then re-initialises on a survivor.
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
        const recovered = onVictim.every(
          (was, i) => !was || gateway.calls.some((c) => c.session === i && c.at > killedAt && c.ok),
        );
        if (recovered) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await new Promise((r) => setTimeout(r, 1_500));
      // Nothing was sent to the DOWN host: a connection to it would have been refused and counted.
      const later = (await c.lb.counters())[victim!.name];
      expect(later.connectErrors, "HAProxy tries no connection to a DOWN host").toBe(atDown.connectErrors);
      c.figures.push(
        `HAProxy after DOWN: ${later.connectErrors - atDown.connectErrors} connection attempts to ${victim!.name}, ` +
          `${later.sessions - atDown.sessions} requests assigned to it by stickiness and redispatched`,
      );
    } finally {
      await Promise.all([decisions.stop(), gateway.stop()]);
    }
    const dead = victim!;

    // Decisions through the balancer: none refused once the host was out; what the kill cost before that.
    const tally = (xs: typeof decisions.answers) => JSON.stringify(countBy(xs, (a) => `${a.status} ${a.error ?? ""}`));
    const afterDown = decisions.answers.filter((a) => a.sentAt > downAt);
    expect(afterDown.length).toBeGreaterThan(10);
    expect(
      afterDown.filter((a) => a.status !== 200),
      tally(afterDown),
    ).toEqual([]);
    const window = decisions.answers.filter((a) => a.answeredAt > killedAt && a.sentAt <= downAt);
    c.figures.push(
      `decisions through HAProxy: ${decisions.answers.length} (${tally(decisions.answers)}); ` +
        `between the kill and DOWN: ${tally(window)}; after DOWN: ${afterDown.length}, all 200`,
    );

    // Gateway: sessions on survivors never failed; sessions on the victim failed and came back elsewhere.
    for (const [i, was] of onVictim.entries()) {
      const mine = gateway.calls.filter((c) => c.session === i);
      if (!was) {
        expect(
          mine.filter((c) => !c.ok),
          `session ${i} on a surviving host`,
        ).toEqual([]);
        continue;
      }
      const failed = mine.filter((c) => !c.ok);
      expect(failed.length, `session ${i} lived on ${dead.name}`).toBeGreaterThan(0);
      expect(
        failed.some((c) => /Session not found/.test(c.error ?? "")),
        `session ${i}: its id is refused (404 Session not found) by the surviving hosts: ${failed.map((c) => c.error).join(" | ")}`,
      ).toBe(true);
      const resumed = mine.filter((c) => c.ok && c.at > failed[failed.length - 1].at);
      expect(resumed.length, `session ${i} re-initialised through the balancer`).toBeGreaterThan(0);
      expect(resumed.every((c) => c.host !== dead.name)).toBe(true);
      expect(
        mine.filter((c) => c.ok && c.at > downAt && c.host === dead.name),
        "no call answered by the dead host",
      ).toEqual([]);
      c.figures.push(
        `gateway session ${i} on ${dead.name}: ${failed.length} failed call(s) (${failed.map((c) => c.error?.slice(0, 80)).join(" | ")}), ` +
          `then re-initialised on ${resumed[0].host}`,
      );
    }

    // Every acknowledged decision is in the audit trail, and the chain verifies.
    acknowledged.push(
      ...decisions.answers.flatMap((a) => (a.decisionId ? [a.decisionId] : [])),
      ...gateway.calls.flatMap((c) => (c.decisionId ? [c.decisionId] : [])),
    );
    const ids = [...new Set(acknowledged)];
    const found = await c.db.query<{ id: string }>(`SELECT id::text FROM decisions WHERE id = ANY($1::uuid[])`, [ids]);
    const have = new Set(found.rows.map((r) => r.id));
    expect(
      ids.filter((id) => !have.has(id)),
      `acknowledged decisions missing from the audit trail (of ${ids.length})`,
    ).toEqual([]);
    c.figures.push(`acknowledged decisions: ${ids.length}, missing from the audit trail: 0`);
    const verify = await c.viaLb.call("GET", "/api/v1/audit/verify");
    expect(verify.status).toBe(200);
    expect(verify.body, JSON.stringify(verify.body)).toMatchObject({ ok: true });

    // A supervisor restarts the dead host: HAProxy takes it back after `rise` good checks; it extends the same chain.
    const restarted = await startHost(dead.name, dead.netns, dead.address, c.viaLb.adminToken);
    c.hosts[c.hosts.indexOf(dead)] = restarted;
    const upMs = await c.lb.waitFor([dead.name], "UP", 10_000);
    c.figures.push(`${dead.name} restarted: back UP in HAProxy ${Math.round(upMs)} ms after it answered /api/health`);
    const again = await postDecision(restarted.proc.url, loadToken, {
      server: "github",
      tool: "get_file_contents",
      arguments: { path: "after restart" },
    });
    expect(again.decision).toBe("ALLOW");
    expect((await c.viaLb.call("GET", "/api/v1/audit/verify")).body).toMatchObject({ ok: true });
  }, 300_000);
});
