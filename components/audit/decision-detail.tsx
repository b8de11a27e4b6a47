import Link from "next/link";
import { Badge, DecisionBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { HashCheck, Hidden, Json, Mono, Row, Time } from "./detail-parts";
import type { DecisionDetail } from "./types";

const STATUS_TONE: Record<string, "green" | "amber" | "red" | "slate"> = {
  APPROVED: "green",
  CONSUMED: "green",
  PENDING: "amber",
  DENIED: "red",
  EXPIRED: "red",
  VOIDED: "slate",
};
const SAFETY_TONE: Record<string, "green" | "amber" | "red"> = { ALLOW: "green", REDACT: "amber", QUARANTINE: "red" };

const q = (params: Record<string, string>) => `/audit?${new URLSearchParams(params)}`;

export function DecisionDetailView({ detail }: { detail: DecisionDetail }) {
  const { decision: d, policy, approval, result } = detail;
  const constraints = d.constraints && Object.keys(d.constraints as object).length ? d.constraints : null;
  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]" data-testid="decision-detail">
      <div className="space-y-4">
        <Card
          title={
            <span className="flex flex-wrap items-center gap-2">
              {d.server} · {d.tool} <DecisionBadge decision={d.outcome} />
            </span>
          }
          description={
            <>
              Decision #{d.seq} · <Time at={d.at} />
            </>
          }
        >
          <dl className="divide-y divide-slate-50">
            <Row label="Decision">
              {d.decision} → outcome <strong>{d.outcome}</strong>
            </Row>
            <Row label="Reason">
              <Mono>{d.reason}</Mono>
            </Row>
            <Row label="Rule">
              {d.rule_id ? (
                <Link className="text-indigo-700 hover:underline" href={q({ rule: d.rule_id })}>
                  <Mono>{d.rule_id}</Mono>
                </Link>
              ) : (
                "none (default deny or pre-policy check)"
              )}
            </Row>
            {constraints !== null && (
              <Row label="Constraints">
                <Mono>{JSON.stringify(constraints)}</Mono>
              </Row>
            )}
            <Row label="Agent">
              <Link className="text-indigo-700 hover:underline" href={q({ agent: d.client_id })}>
                <Mono>{d.client_id}</Mono>
              </Link>
            </Row>
            <Row label="Environment">{d.environment}</Row>
            <Row label="Class and risk">{d.action ? `${d.action} · ${d.risk} risk` : "not in the catalog"}</Row>
            <Row label="Request hash">
              <Link className="hover:underline" href={q({ request_hash: d.request_hash })}>
                <Mono>{d.request_hash}</Mono>
              </Link>
            </Row>
            <Row label="Latency">
              {d.latency_ms.toFixed(1)} ms · HTTP {d.http_status}
            </Row>
            {d.idempotency_key && (
              <Row label="Idempotency key">
                <Mono>{d.idempotency_key}</Mono>
              </Row>
            )}
            {d.token_jti && (
              <Row label="Token (jti)">
                <Mono>{d.token_jti}</Mono>
              </Row>
            )}
            <Row label="Record hash">
              <Mono title={d.hash}>{d.hash}</Mono>
              <div>
                <HashCheck ok={d.hash_verifies} />
              </div>
            </Row>
            <Row label="Previous hash">
              <Mono>{d.prev_hash}</Mono>
            </Row>
          </dl>
        </Card>
        <Card
          title="Arguments"
          description={detail.arguments_visible ? "As stored: sensitive values were masked before writing." : undefined}
        >
          {detail.arguments_visible ? (
            <Json value={d.arguments} testId="decision-arguments" />
          ) : (
            <Hidden what="arguments" />
          )}
          {detail.arguments_visible && d.response !== null && (
            <details className="mt-3 text-sm">
              <summary className="cursor-pointer text-slate-600">Answer sent to the agent</summary>
              <div className="mt-2">
                <Json value={d.response} />
              </div>
            </details>
          )}
        </Card>
      </div>
      <div className="space-y-4">
        <Card title="Policy snapshot">
          {policy ? (
            <dl className="divide-y divide-slate-50" data-testid="decision-policy">
              <Row label="Version">
                v{policy.version}{" "}
                <Link className="ml-2 text-sm text-indigo-700 hover:underline" href={policy.history_url}>
                  policy history →
                </Link>
              </Row>
              <Row label="Hash">
                <Mono>{policy.hash}</Mono>
              </Row>
              <Row label="Snapshot">
                {!policy.snapshot_found ? (
                  <Badge tone="red">not found</Badge>
                ) : policy.snapshot_hash_matches ? (
                  <Badge tone="green">stored snapshot has this hash</Badge>
                ) : (
                  <Badge tone="red">stored snapshot hash differs</Badge>
                )}
              </Row>
              {policy.published_by && (
                <Row label="Published">
                  by {policy.published_by} · <Time at={policy.published_at} />
                  {policy.unreviewed && (
                    <>
                      {" "}
                      · <Badge tone="amber">unreviewed</Badge>
                    </>
                  )}
                </Row>
              )}
              {policy.message && <Row label="Message">{policy.message}</Row>}
            </dl>
          ) : (
            <p className="text-sm text-slate-500">
              Decided before any policy applied (for example an unknown server, a kill switch or no published policy).
            </p>
          )}
        </Card>
        <Card title="Approval">
          {approval ? (
            <div data-testid="decision-approval">
              <dl className="divide-y divide-slate-50">
                <Row label="Status">
                  <Badge tone={STATUS_TONE[approval.status] ?? "slate"}>{approval.status}</Badge>
                  {approval.approvals_required > 1 && (
                    <span className="ml-2 text-xs text-slate-500">needs {approval.approvals_required} approvers</span>
                  )}
                </Row>
                <Row label="Requested">
                  <Time at={approval.created_at} />
                </Row>
                {approval.decided_by && (
                  <Row label="Decided by">
                    {approval.decided_by} · <Time at={approval.decided_at} />
                  </Row>
                )}
                {approval.decision_reason && <Row label="Why">“{approval.decision_reason}”</Row>}
                <Row label="Bound to policy">
                  v{approval.policy_version} <Mono>{approval.policy_hash}</Mono>
                </Row>
                {approval.decided_policy_hash && (
                  <Row label="Decided under">
                    <Mono>{approval.decided_policy_hash}</Mono>
                  </Row>
                )}
                {approval.consumed_at && (
                  <Row label="Consumed">
                    <Time at={approval.consumed_at} />
                    {approval.consumed_decision_id && (
                      <>
                        {" "}
                        by{" "}
                        <Link
                          className="text-indigo-700 hover:underline"
                          href={`/audit/decisions/${approval.consumed_decision_id}`}
                        >
                          decision
                        </Link>
                      </>
                    )}
                  </Row>
                )}
                {approval.voided_reason && <Row label="Voided">{approval.voided_reason}</Row>}
                <Row label="All decisions">
                  <Link className="text-indigo-700 hover:underline" href={q({ approval_id: approval.id })}>
                    decisions of this approval →
                  </Link>
                </Row>
              </dl>
              <h3 className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-500">Votes</h3>
              <ul className="mt-1 divide-y divide-slate-100 text-sm">
                {approval.votes.length === 0 && <li className="py-1 text-slate-500">No votes.</li>}
                {approval.votes.map((v) => (
                  <li key={`${v.user}-${v.at}`} className="py-1.5">
                    <Badge tone={v.vote === "approve" ? "green" : "red"}>{v.vote}</Badge>{" "}
                    <span className="text-slate-800">{v.user}</span>{" "}
                    <span className="text-xs text-slate-500">
                      <Time at={v.at} />
                    </span>
                    {v.reason && <div className="text-xs text-slate-600">“{v.reason}”</div>}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="text-sm text-slate-500">No approval was involved in this decision.</p>
          )}
        </Card>
        <Card title="Tool result">
          {result ? (
            <dl className="divide-y divide-slate-50" data-testid="decision-result">
              <Row label="Status">
                {result.status} · {result.duration_ms} ms · <Time at={result.at} />
              </Row>
              <Row label="Output safety">
                <Badge tone={SAFETY_TONE[result.safety_action] ?? "slate"}>{result.safety_action}</Badge>
              </Row>
              {(result.findings as { kind: string; path: string }[]).length > 0 && (
                <Row label="Findings">
                  {(result.findings as { kind: string; path: string }[]).map((f) => (
                    <div key={`${f.kind}${f.path}`}>
                      <Mono>
                        {f.kind} at {f.path || "/"}
                      </Mono>
                    </div>
                  ))}
                </Row>
              )}
              {result.unapproved && (
                <Row label="Unapproved">
                  <Badge tone="red">
                    executed without an allow{result.high_risk_write ? " — high-risk write" : ""}
                  </Badge>
                </Row>
              )}
            </dl>
          ) : (
            <p className="text-sm text-slate-500">The agent reported no result for this call.</p>
          )}
        </Card>
        {detail.same_request.length > 0 && (
          <Card title="Same request, other decisions">
            <ul className="divide-y divide-slate-100 text-sm">
              {detail.same_request.map((r) => (
                <li key={r.id} className="flex items-center justify-between gap-2 py-1.5">
                  <Link href={`/audit/decisions/${r.id}`} className="text-indigo-700 hover:underline">
                    #{r.seq} <span className="text-xs text-slate-500">{r.reason}</span>
                  </Link>
                  <DecisionBadge decision={r.outcome} />
                </li>
              ))}
            </ul>
          </Card>
        )}
      </div>
    </div>
  );
}
