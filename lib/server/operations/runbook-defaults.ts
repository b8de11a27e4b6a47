import "server-only";

export type RunbookKind = "gate" | "incident";

export interface RunbookSeed {
  slug: string;
  kind: RunbookKind;
  title: string;
  owner: string;
  body: string;
}

/** The six go/no-go gates (docs/gates-and-readiness.md#gates, the seed article's table), by the id the gates API uses. */
export const GATE_RUNBOOK_SLUGS = [
  "auth-failure-rate",
  "unapproved-high-risk-writes",
  "approval-queue-p50",
  "tool-call-p95",
  "output-quarantine-ratio",
  "deny-anomaly",
] as const;
export const INCIDENT_RUNBOOK_SLUGS = ["token-theft", "rogue-agent", "upstream-compromise"] as const;
export type RunbookSlug = (typeof GATE_RUNBOOK_SLUGS)[number] | (typeof INCIDENT_RUNBOOK_SLUGS)[number];

/** Where a gate or incident's runbook lives: a stable URL a blocking gate can link to. */
export function runbookPath(slug: RunbookSlug): string {
  return `/runbooks/${slug}`;
}

const CONTAIN = `## Contain (pick the smallest that stops the harm)

| lever | effect | where |
|---|---|---|
| Revoke one token (jti) | that token is refused on the next call | [Operations → Revocation](/operations#revocation) |
| Revoke an agent | all its tokens refused until restored | [Operations → Revocation](/operations#revocation) |
| Suspend a server | every call to it is denied \`server_suspended\` | [Servers](/servers) |
| Kill switch: writes | every write and admin call in the environment is denied \`kill_switch\` | [Operations → Kill switch](/operations#kill-switch) |
| Kill switch: all | every call in the environment is denied | [Operations → Kill switch](/operations#kill-switch) |

Every lever needs a reason and lands in the audit trail; each takes effect within a second on every console process.`;

/** First versions, following the seed article's gates, targets, block conditions and owners. */
export const RUNBOOK_SEEDS: RunbookSeed[] = [
  {
    slug: "auth-failure-rate",
    kind: "gate",
    title: "Auth failure rate",
    owner: "Platform Security",
    body: `**Metric** (alerts, go/no-go script): \`auth-failure-rate-basis-points\` · **target** < 0.5 % · **blocks** above 2 % over 15 minutes · **owner** Platform Security

A rising share of refused tokens means either a broken client (expired secret, wrong audience, clock skew) or someone trying tokens that are not theirs. Treat it as the second until you know it is the first.

## What to check

1. [Audit trail](/audit): filter on \`token\` events and refused calls in the last 15 minutes. Group by agent: is it one client or many?
2. Look at the refusal reasons: \`expired\` and \`invalid_audience\` usually mean a misconfigured client; \`revoked_token\`, \`unknown_agent\` or \`unknown_issuer\` from an unfamiliar address mean someone holds credentials they should not.
3. Did anything change in the last hour? A signing-key rotation, a trusted issuer edited, an agent's secret rotated, a new deployment of an agent.
4. If one agent accounts for the failures, ask its owner (the Agents page lists owners) whether they just deployed.

${CONTAIN}

## Recover

- Misconfigured client: its owner fixes the audience (\`resource\`) or rotates the secret; the rate falls back within the window.
- Credential stuffing or a stolen secret: follow [Token theft](/runbooks/token-theft).

## Escalate

Platform Security on-call. If the rate is above 2 % for more than 30 minutes with no known cause, page Security Operations as well.`,
  },
  {
    slug: "unapproved-high-risk-writes",
    kind: "gate",
    title: "Unapproved high-risk writes",
    owner: "Governance",
    body: `**Metric** (alerts, go/no-go script): \`unapproved-high-risk-writes\` · **target** 0 · **blocks** above 0, immediate stop · **owner** Governance

An agent executed a high-risk write (class write or admin, risk high) without a consumed approval. Either the agent skipped the protocol or a tool is classified wrongly. **This gate is an immediate stop.**

## First five minutes

1. Pull the **writes kill switch** of the affected environment ([Operations](/operations#kill-switch)) with the reason "unapproved high-risk write".
2. Find the call: [Audit trail](/audit) → tool results marked *unapproved*. Note the agent, server, tool, arguments and the decision id.
3. Revoke the agent ([Operations → Revocation](/operations#revocation)) if it made the call on its own; keep the kill switch on until it is revoked.

## What to check

- Did the agent repeat the decision call with \`approval_id\` before executing? If not, its integration is broken or it is acting outside the protocol: treat it as a [rogue agent](/runbooks/rogue-agent).
- Is the tool really high risk? Check its class and risk on the [Servers](/servers) page and the override history.
- What did the write change upstream? Ask the server's owner to assess and roll back.

${CONTAIN}

## Recover

Restore the agent only after its owner shows the fix; release the kill switch with a reason that names the fix. Record the incident in the governance log.

## Escalate

Governance lead at once; the server's owner for the upstream impact.`,
  },
  {
    slug: "approval-queue-p50",
    kind: "gate",
    title: "Approval queue median wait",
    owner: "Ops Lead",
    body: `**Metric** (alerts, go/no-go script): \`approval-queue-p50-minutes\` · **target** ≤ 10 min · **blocks** above 20 min for 30 min · **owner** Ops Lead

Agents are waiting on people. The risk is not only slowness: when the queue is slow, teams ask for rules that skip approval.

## What to check

1. [Approvals](/approvals): how many are waiting, since when, for which servers and tools?
2. Are approvers on shift? Check who decided requests in the last hour.
3. Is one agent flooding the queue (a retry loop creating new requests)? Identical pending requests are reused, so many distinct requests from one agent point at a bug.
4. Is a rule sending low-risk calls to approval? Over-classifying actions as high risk builds the queue (see the seed's "approval friction risk").

## Act

- Page the approver rota; work the oldest first (j/k, a/d in the queue).
- A flooding agent: disable it on the Agents page and tell its owner.
- A rule that is too broad: propose a narrower rule on the [Policies](/policies) page (production changes are reviewed).

## Escalate

Ops Lead; if the wait stays above 20 minutes for an hour, the owners of the waiting agents so they can hold their work.`,
  },
  {
    slug: "tool-call-p95",
    kind: "gate",
    title: "Tool call p95 latency",
    owner: "MCP Platform",
    body: `**Metric** (alerts, go/no-go script): \`tool-call-p95-ms\` · **target** ≤ 2 s · **blocks** above 5 s for 15 min · **owner** MCP Platform

Tool calls are slow. Slow calls time out, agents retry, and retries of writes are how duplicates happen.

## What to check

1. Which server and tool? The metrics (\`/api/metrics\`) break latency down by server and action.
2. Is the upstream MCP server healthy? Ask its owner (the [Servers](/servers) page lists owners).
3. Is the console itself slow to decide? Compare decision latency with tool latency; a slow database shows up in both.
4. A sudden volume increase from one agent?

${CONTAIN}

## Recover

Suspending a misbehaving server is reversible and fast; reactivate it when its owner confirms recovery and watch the p95 for one window.

## Escalate

MCP Platform on-call; the server's owner.`,
  },
  {
    slug: "output-quarantine-ratio",
    kind: "gate",
    title: "Output QUARANTINE ratio",
    owner: "Safety Team",
    body: `**Metric** (alerts, go/no-go script): \`output-quarantine-ratio-basis-points\` · **target** < 1 % · **blocks** above 3 % for 15 min · **owner** Safety Team

More tool outputs than usual are being withheld as steering attempts (injected instructions, hidden Unicode, exfiltration links). Either a data source was poisoned or the classifier is misfiring.

## What to check

1. Review the quarantined outputs: which server and tool produce them? Same content pattern?
2. A new document set, ticket queue or web source behind that tool? Poisoned content usually arrives with data, not with code.
3. A classifier change? Check recent releases; look at a sample of quarantined items for false positives.

## Act

- Poisoned source: suspend the server (or the tool's server) until the owner cleans the data — see [Upstream compromise](/runbooks/upstream-compromise).
- False positives: confirm them in the review queue and open an issue with examples; do not relax the classifier under pressure.

${CONTAIN}

## Escalate

Safety Team; the server's owner.`,
  },
  {
    slug: "deny-anomaly",
    kind: "gate",
    title: "Policy DENY anomaly",
    owner: "Security Operations",
    body: `**Metric** (alerts, go/no-go script): \`deny-rate-baseline-percent\` · **target** baseline ± 20 % · **blocks** above 2× baseline · **owner** Security Operations

The share of denied calls is far from normal. Up: an agent probing what it may do, or a policy change that broke legitimate work. Down sharply: a rule that allows too much.

## What to check

1. Which rule and reason carry the extra denials? [Audit trail](/audit) filtered by outcome DENY, grouped by rule.
2. Was a policy published recently? The [Policies](/policies) history shows who and when; the impact replay shows what changed.
3. One agent or many? One agent trying many servers or tools it has no rule for looks like reconnaissance: see [Rogue agent](/runbooks/rogue-agent).

## Act

- A bad publish: roll back to the previous version on the Policies page (production rollbacks are reviewed like any change).
- A probing agent: revoke it and follow the rogue-agent runbook.

${CONTAIN}

## Escalate

Security Operations on-call.`,
  },
  {
    slug: "token-theft",
    kind: "incident",
    title: "Token theft",
    owner: "Platform Security",
    body: `**Incident:** an agent's access token or client secret is in hands that are not the agent's. The seed's standard: *token theft response must be deterministic* — these steps, in this order.

## 1. Revoke (minutes)

1. Find the token: take a decision id from the [Audit trail](/audit) or the token's \`jti\`, paste it into [Operations → Revocation](/operations#revocation). Revoke the token with a reason.
2. If the client secret may be exposed too, **revoke the agent**: every token it holds is refused on the next call, and it gets no new ones until restored.
3. If the token came from an external identity provider that is itself compromised, revoke the issuer.

## 2. Scope the damage

- Every decision made with that jti or that agent since the leak: audit trail, filter by agent. Which writes were allowed? Which approvals were consumed?
- Tool results reported after the leak: what data left?

## 3. Restore

- Rotate the agent's client secret (Agents page) and hand the new one to its owner through a secure channel.
- Restore the agent with a reason. Tokens revoked with it stay revoked; the agent obtains new ones.

## 4. Afterwards

- Run a [revoke-and-restore drill](/operations#drills) if the last one is older than this quarter.
- Write the timeline: leak, detection, revocation (the audit trail has the exact times).`,
  },
  {
    slug: "rogue-agent",
    kind: "incident",
    title: "Rogue agent",
    owner: "Security Operations",
    body: `**Incident:** an agent acts outside its purpose — calls tools it never needed, skips approvals, floods the queue, or tries servers of other environments.

## 1. Stop it

1. Revoke the agent ([Operations → Revocation](/operations#revocation)) with a reason. Its tokens are refused on the next call.
2. If you cannot tell which agent, or several act together: pull the environment's **kill switch** (writes first; all if reads leak data).

## 2. Understand it

- Audit trail for the agent: denials by reason (\`environment_mismatch\`, \`no_rule_matched\`, \`insufficient_scope\`) show what it tried.
- Unapproved executions reported by it (gate *unapproved high-risk writes*).
- Its owner: was a new model, prompt or tool added? Prompt injection through tool output is a common cause — check quarantined outputs.

## 3. Restore

Restore only when the owner can say what changed and why it will not recur; narrow its scopes first (Agents page). Release the kill switch with a reason.

## Escalate

Security Operations; the agent's owner; Governance if writes were executed.`,
  },
  {
    slug: "upstream-compromise",
    kind: "incident",
    title: "Upstream compromise",
    owner: "MCP Platform",
    body: `**Incident:** an MCP server the console forwards to (or that agents call after asking the console) is compromised or returns hostile content.

## 1. Isolate

1. **Suspend the server** in every environment where it is catalogued ([Servers](/servers)); calls are denied \`server_suspended\` within a second.
2. If its credentials (held encrypted by the console) may be exposed, rotate them at the provider.

## 2. Check what it did

- Tool outputs from it since the suspected start: quarantined and redacted items, findings by kind.
- Did its tool list change? Run discovery with *save off* to see the diff before trusting it again: new tools or changed annotations are a red flag.
- Which agents called it, and what did they do next?

## 3. Return to service

- Reactivate only after the owner confirms the server is clean; review its tool classes first.
- Watch the *output QUARANTINE ratio* and *DENY anomaly* gates for one window.

## Escalate

MCP Platform; the server's owner; Safety Team for output review.`,
  },
];
