import "server-only";
import type { Agent, PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import { env } from "@/lib/env";
import { setAgentStatus } from "../agents";
import type { Actor } from "../audit";
import { DECISIONS_PATH } from "../enforcement/decision-http";
import { HttpProblem } from "../errors";
import { REVOCATION_CACHE_MS } from "../identity/agent-state";
import { issueAccessToken, type IssuedAccessToken } from "../identity/issue-token";
import { resourceUrlFor } from "../identity/metadata";
import type { DrillStep, DrillStepKey } from "@/lib/schemas/operations";
import { log } from "../log";
import { drillScope, ensureDrillAgent, type DrillTarget } from "./drill-agent";

/** A refusal (or a pass again) must show within the revocation cache bound plus room for the call itself. */
export const DRILL_EFFECT_DEADLINE_MS = REVOCATION_CACHE_MS + 1_000;
const POLL_MS = 50;
const DRILL_TOKEN_TTL_SEC = 300;

export type { DrillStep, DrillStepKey };

/** How the drill reaches the decision function: in-process by default (the same code the route runs). */
export type DrillCall = (req: Request) => Promise<Response>;

interface CallResult {
  status: number;
  decision: string | null;
  reason: string | null;
  detail: string | null;
  challenge: string | null;
}

export class StepFailed extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type StepOutcome<T> = { value: T; ok: boolean; detail: string; extra?: Partial<DrillStep> };

/** One run of the revoke-and-restore drill: its nine steps, timed and recorded in order, and what they measured. */
export class DrillRun {
  readonly steps: DrillStep[] = [];
  agent: Agent | null = null;
  revoked = false;
  restored = false;
  revokeEffectMs: number | null = null;
  restoreEffectMs: number | null = null;
  private requestNo = 0;
  private readonly reasonText: string;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly actor: Actor,
    private readonly environment: Environment,
    private readonly target: DrillTarget,
    private readonly reportId: string,
    private readonly call: DrillCall,
  ) {
    this.reasonText = `Revoke-and-restore drill ${reportId} run by ${actor.label}`;
  }

  /** All nine steps; throws StepFailed at the first that fails. */
  async run(): Promise<void> {
    const agent = await this.prepare();
    const first = await this.issue(agent, "issue");
    await this.step("baseline", "Prove a call is accepted", async () => {
      const r = await this.callAs(first.access_token);
      const ok = r.status === 200;
      return {
        value: r,
        ok,
        detail: ok
          ? acceptedText(r, agent, this.target)
          : `Expected HTTP 200, got ${r.status}: ${r.detail ?? "no detail"}.`,
        extra: resultFields(r),
      };
    });

    await this.revokeAndProve(agent, first);
    await this.restoreAndProve(agent, first);
  }

  private async prepare(): Promise<Agent> {
    this.agent = await this.step("prepare", "Prepare the drill agent", async () => {
      let a = await ensureDrillAgent(this.prisma, this.actor, this.environment, this.target);
      let note = "";
      if (a.status !== "active") {
        // A drill that stopped half-way (or a person) left it revoked: start from a live agent.
        await setAgentStatus(this.prisma, this.actor, a.id, "active", `${this.reasonText}: reset before the drill`);
        a = await this.prisma.agent.findUniqueOrThrow({ where: { id: a.id } });
        note = " It was not active and has been restored first.";
      }
      return {
        value: a,
        ok: true,
        detail: `${a.name} (${a.clientId}) holds only ${drillScope(this.target)}; the drill calls ${this.target.server} · ${this.target.tool}.${note}`,
      };
    });

    return this.agent;
  }

  private issue(agent: Agent, key: "issue" | "reissue"): Promise<IssuedAccessToken> {
    return this.step(key, key === "issue" ? "Obtain an access token" : "Obtain a new access token", async () => {
      const t = await issueAccessToken(this.prisma, agent, {
        scopes: [drillScope(this.target)],
        resource: resourceUrlFor(DECISIONS_PATH),
        ttlSec: DRILL_TOKEN_TTL_SEC,
      });
      const detail =
        key === "issue"
          ? `The built-in issuer signed token ${t.jti}, valid ${t.expires_in} s.`
          : `Token ${t.jti} issued to the restored agent.`;
      return { value: t, ok: true, detail, extra: { jti: t.jti } };
    });
  }

  private async revokeAndProve(agent: Agent, first: IssuedAccessToken): Promise<void> {
    const revokeCommittedAt = await this.step("revoke", "Revoke the agent", async () => {
      await setAgentStatus(this.prisma, this.actor, agent.id, "revoked", this.reasonText);
      this.revoked = true;
      return {
        value: performance.now(),
        ok: true,
        detail: "The agent and every unexpired token it holds are revoked (audited as agent.revoke).",
      };
    });

    await this.step("refused", "Prove the next calls are refused", async () => {
      const p = await this.pollUntil(first.access_token, revokeCommittedAt, (r) => r.status === 401);
      this.revokeEffectMs = p.ok ? p.effectMs : null;
      const detail = p.ok
        ? `Refused with 401 ${p.effectMs} ms after the revocation committed (${p.calls} call${p.calls === 1 ? "" : "s"}): ${p.last.detail ?? "unauthorized"}`
        : `Still not refused ${p.effectMs} ms after the revocation (last answer HTTP ${p.last.status}); the limit is ${DRILL_EFFECT_DEADLINE_MS} ms.`;
      return {
        value: null,
        ok: p.ok,
        detail,
        extra: { ...resultFields(p.last), time_to_effect_ms: p.effectMs, calls: p.calls },
      };
    });
  }

  private async restoreAndProve(agent: Agent, first: IssuedAccessToken): Promise<void> {
    const restoreCommittedAt = await this.step("restore", "Restore the agent", async () => {
      await setAgentStatus(this.prisma, this.actor, agent.id, "active", `${this.reasonText}: restore`);
      this.restored = true;
      return {
        value: performance.now(),
        ok: true,
        detail: "The agent is active again (audited as agent.restore); tokens revoked with it stay revoked.",
      };
    });

    await this.step("old-token", "Prove the revoked token stays revoked", async () => {
      const r = await this.callAs(first.access_token);
      const ok = r.status === 401;
      return {
        value: null,
        ok,
        detail: ok
          ? `The stolen-token case: token ${first.jti} is still refused (401) after the restore.`
          : `Token ${first.jti} was accepted again (HTTP ${r.status}) after the restore.`,
        extra: resultFields(r),
      };
    });

    const second = await this.issue(agent, "reissue");
    await this.step("allowed", "Prove calls pass again", async () => {
      const p = await this.pollUntil(second.access_token, restoreCommittedAt, (r) => r.status === 200);
      this.restoreEffectMs = p.ok ? p.effectMs : null;
      const detail = p.ok
        ? `Accepted ${p.effectMs} ms after the restore committed (${p.calls} call${p.calls === 1 ? "" : "s"}): ${p.last.decision} ${p.last.reason ?? ""}`.trim()
        : `Still refused ${p.effectMs} ms after the restore (HTTP ${p.last.status}: ${p.last.detail ?? "no detail"}).`;
      return {
        value: null,
        ok: p.ok,
        detail,
        extra: { ...resultFields(p.last), time_to_effect_ms: p.effectMs, calls: p.calls },
      };
    });
  }

  /** Never leave the drill agent revoked because a later step failed. */
  async cleanUp(): Promise<void> {
    if (!this.agent || !this.revoked || this.restored) return;
    await setAgentStatus(
      this.prisma,
      this.actor,
      this.agent.id,
      "active",
      `${this.reasonText}: restore after a failed step`,
    ).catch((e) => log.error({ err: e }, "drill clean-up restore failed"));
  }

  private async callAs(token: string): Promise<CallResult> {
    this.requestNo += 1;
    const req = new Request(`${env().PUBLIC_URL}${DECISIONS_PATH}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "x-request-id": `drill-${this.reportId.slice(0, 8)}-${this.requestNo}`,
      },
      body: JSON.stringify({
        server: this.target.server,
        tool: this.target.tool,
        arguments: { drill_id: this.reportId },
      }),
    });
    const res = await this.call(req);
    const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    return {
      status: res.status,
      decision: typeof body?.decision === "string" ? body.decision : null,
      reason: typeof body?.reason === "string" ? body.reason : null,
      detail: typeof body?.detail === "string" ? body.detail : null,
      challenge: res.headers.get("www-authenticate"),
    };
  }

  /** Calls until `want` holds or the deadline passes; the clock starts when the change committed. */
  private async pollUntil(token: string, committedAt: number, want: (r: CallResult) => boolean) {
    let calls = 0;
    for (;;) {
      const r = await this.callAs(token);
      calls += 1;
      const elapsed = Math.round(performance.now() - committedAt);
      if (want(r)) return { ok: true, effectMs: elapsed, calls, last: r };
      if (elapsed >= DRILL_EFFECT_DEADLINE_MS) return { ok: false, effectMs: elapsed, calls, last: r };
      await sleep(POLL_MS);
    }
  }

  private async step<T>(key: DrillStepKey, title: string, fn: () => Promise<StepOutcome<T>>): Promise<T> {
    const startedAt = new Date();
    const t0 = performance.now();
    let outcome: StepOutcome<T | undefined>;
    try {
      outcome = await fn();
    } catch (err) {
      outcome = { value: undefined, ok: false, detail: failureText(err) };
    }
    this.steps.push({
      key,
      title,
      ok: outcome.ok,
      started_at: startedAt.toISOString(),
      finished_at: new Date().toISOString(),
      duration_ms: Math.round(performance.now() - t0),
      detail: outcome.detail,
      ...outcome.extra,
    });
    if (!outcome.ok) throw new StepFailed(title);
    return outcome.value as T;
  }
}

function resultFields(r: CallResult): Partial<DrillStep> {
  return { http_status: r.status, decision: r.decision, reason: r.reason };
}

function acceptedText(r: CallResult, agent: Agent, target: DrillTarget): string {
  if (r.decision === "ALLOW")
    return `HTTP 200: the token was accepted and policy allowed the call (${r.reason ?? "allowed"}).`;
  return (
    `HTTP 200: the token was accepted; policy decided ${r.decision} (${r.reason}). Revocation acts before policy, so the drill holds. ` +
    `To exercise an ALLOW too, add a rule allowing agent.id ${agent.clientId} to read ${target.server}.`
  );
}

function failureText(err: unknown): string {
  if (err instanceof HttpProblem) return err.detail ?? err.title;
  log.error({ err }, "drill step failed unexpectedly");
  return "Unexpected error; the console log has the details.";
}
