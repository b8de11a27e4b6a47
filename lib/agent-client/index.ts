/**
 * A small typed client for agents (Node 20+, or any runtime with fetch): get a token, ask
 * for a decision, wait for an approval, re-submit with it, report the result.
 */
export interface AgentClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  /** RFC 8707 resource; defaults to the console's origin. */
  resource?: string;
  fetch?: typeof fetch;
}

export interface Decision {
  decision_id: string;
  decision: "ALLOW" | "REQUIRE_APPROVAL" | "DENY";
  outcome: "ALLOW" | "CONSTRAINTS" | "APPROVAL" | "DENY";
  rule_id: string | null;
  reason: string;
  constraints: Record<string, number | string>;
  policy: { version: number; hash: string } | null;
  request_hash: string;
  approval: { id: string; status: string; expires_at: string; url: string } | null;
  trace?: unknown[];
}

export interface ApprovalStatus {
  id: string;
  status: "PENDING" | "APPROVED" | "DENIED" | "EXPIRED" | "VOIDED" | "CONSUMED";
  decided_by: string | null;
  reason: string | null;
  expires_at: string;
  url: string;
}

export interface ResultVerdict {
  action: "ALLOW" | "REDACT" | "QUARANTINE";
  output: unknown;
  findings: { kind: string; path: string }[];
  quarantine_id?: string;
}

export class AgentApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(
      `${status}: ${typeof body === "object" && body && "detail" in body ? String((body as { detail: unknown }).detail) : JSON.stringify(body)}`,
    );
  }
}

export class AgentClient {
  private token: { value: string; expiresAt: number } | null = null;
  private readonly f: typeof fetch;

  constructor(private readonly opts: AgentClientOptions) {
    this.f = opts.fetch ?? fetch;
  }

  /** A cached access token, renewed 30 s before it expires. */
  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - 30_000 > Date.now()) return this.token.value;
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      scope: this.opts.scopes.join(" "),
      ...(this.opts.resource ? { resource: this.opts.resource } : {}),
    });
    const res = await this.f(`${this.opts.baseUrl}/api/oauth/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(this.opts.clientId)}:${encodeURIComponent(this.opts.clientSecret)}`).toString("base64")}`,
      },
      body,
    });
    const data = await res.json();
    if (!res.ok) throw new AgentApiError(res.status, data);
    this.token = { value: data.access_token, expiresAt: Date.now() + data.expires_in * 1000 };
    return this.token.value;
  }

  private async call<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const res = await this.f(`${this.opts.baseUrl}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: {
        authorization: `Bearer ${await this.accessToken()}`,
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const data = await res.json().catch(() => null);
    if (!res.ok) throw new AgentApiError(res.status, data);
    return data as T;
  }

  decide(call: {
    server: string;
    tool: string;
    arguments?: Record<string, unknown>;
    approval_id?: string;
    idempotency_key?: string;
    trace?: boolean;
  }): Promise<Decision> {
    return this.call<Decision>("/api/v1/decisions", { body: call });
  }

  /** Long-polls the approval until it leaves PENDING or `timeoutSec` passes. */
  async waitForApproval(id: string, timeoutSec = 600): Promise<ApprovalStatus> {
    const deadline = Date.now() + timeoutSec * 1000;
    for (;;) {
      const wait = Math.max(0, Math.min(30, Math.ceil((deadline - Date.now()) / 1000)));
      const status = await this.call<ApprovalStatus>(`/api/v1/approvals/${id}?wait=${wait}`);
      if (status.status !== "PENDING" || Date.now() >= deadline) return status;
    }
  }

  reportResult(
    decisionId: string,
    result: { status: "ok" | "error" | "timeout"; duration_ms: number; output?: unknown },
  ): Promise<ResultVerdict> {
    return this.call<ResultVerdict>(`/api/v1/decisions/${decisionId}/result`, { body: result });
  }

  /**
   * The whole protocol for one call: decide; if approval is required, wait for a person and
   * re-submit with the approval; run `execute` only when allowed; report its result.
   */
  async run<T>(
    call: { server: string; tool: string; arguments?: Record<string, unknown> },
    execute: (constraints: Decision["constraints"]) => Promise<T>,
    opts: { approvalTimeoutSec?: number } = {},
  ) {
    let decision = await this.decide(call);
    if (decision.decision === "REQUIRE_APPROVAL" && decision.approval) {
      const approval = await this.waitForApproval(decision.approval.id, opts.approvalTimeoutSec);
      if (approval.status !== "APPROVED") return { decision, approval, executed: false as const };
      decision = await this.decide({ ...call, approval_id: approval.id });
    }
    if (decision.decision !== "ALLOW") return { decision, executed: false as const };
    const started = Date.now();
    try {
      const output = await execute(decision.constraints);
      const verdict = await this.reportResult(decision.decision_id, {
        status: "ok",
        duration_ms: Date.now() - started,
        output,
      });
      return { decision, executed: true as const, verdict };
    } catch (err) {
      await this.reportResult(decision.decision_id, { status: "error", duration_ms: Date.now() - started });
      throw err;
    }
  }
}
