import "server-only";
import { createHmac } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { voteOnApproval } from "../enforcement/decide-approval";
import { HttpProblem, Unauthorized } from "../errors";
import { readLimited } from "../handler";
import { safeEqual } from "../secrets";
import { APPROVE_ACTION, DENY_ACTION, DENY_MODAL, slackApi } from "./slack";
import { completeSlackLink, principalForSlackUser } from "./slack-identity";
import type { UserPrincipal } from "../principal";
import { eligibleApprovers } from "./approvers";
import { loadSlackApp, type SlackApp } from "./settings";
import { approvalSummary } from "./summary";

/** Slack refuses to sign anything older; so do we (replays of captured requests). */
export const SLACK_MAX_SKEW_SEC = 300;
const MAX_BODY = 64 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Slack's request signing: `v0=` + HMAC-SHA256(signing secret, `v0:<timestamp>:<raw body>`) in hex. */
export function slackSignature(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export function verifySlackRequest(
  secret: string,
  headers: { get(name: string): string | null },
  body: string,
  nowSec = Math.floor(Date.now() / 1000),
): boolean {
  const timestamp = headers.get("x-slack-request-timestamp") ?? "";
  const signature = headers.get("x-slack-signature") ?? "";
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSec - Number(timestamp)) > SLACK_MAX_SKEW_SEC) return false;
  return safeEqual(signature, slackSignature(secret, timestamp, body));
}

interface Interaction {
  type?: string;
  user?: { id?: string; team_id?: string };
  team?: { id?: string } | null;
  channel?: { id?: string };
  trigger_id?: string;
  actions?: { action_id?: string; value?: string }[];
  view?: {
    callback_id?: string;
    private_metadata?: string;
    state?: { values?: Record<string, Record<string, { value?: string | null }>> };
  };
}

/**
 * Records a verified signature; false when it was seen before. Inside the 5-minute window a
 * captured request would verify again, so each one is accepted once (kept 10 minutes).
 */
async function firstSighting(prisma: PrismaClient, signature: string): Promise<boolean> {
  await prisma.$executeRawUnsafe(`DELETE FROM slack_seen_signatures WHERE "seenAt" < now() - interval '10 minutes'`);
  const fresh = await prisma.$queryRawUnsafe<unknown[]>(
    `INSERT INTO slack_seen_signatures (signature) VALUES ($1) ON CONFLICT DO NOTHING RETURNING signature`,
    signature,
  );
  return fresh.length === 1;
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Slack's JSON payload, keeping only strings where strings are expected: anything else is no interaction. */
function parsePayload(text: string | null): Interaction | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text ?? "");
  } catch {
    return null;
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  const obj = (v: unknown): Record<string, unknown> =>
    v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const p = obj(raw);
  const action = Array.isArray(p.actions) ? obj(p.actions[0]) : {};
  const view = obj(p.view);
  const reason = obj(obj(obj(obj(view.state).values).reason).reason).value;
  return {
    type: str(p.type),
    user: { id: str(obj(p.user).id), team_id: str(obj(p.user).team_id) },
    team: { id: str(obj(p.team).id) },
    channel: { id: str(obj(p.channel).id) },
    trigger_id: str(p.trigger_id),
    actions: [{ action_id: str(action.action_id), value: str(action.value) }],
    view: {
      callback_id: str(view.callback_id),
      private_metadata: str(view.private_metadata),
      state: { values: { reason: { reason: { value: str(reason) ?? null } } } },
    },
  };
}

const json = (body: unknown) => Response.json(body, { headers: { "cache-control": "no-store" } });
const empty = () => new Response(null, { status: 200 });

/** Why the decision function refused, in words for Slack (its detail never holds secrets). */
function refusal(err: unknown): string {
  if (err instanceof HttpProblem) return err.detail ?? err.title;
  throw err;
}

const UNMAPPED =
  "Your Slack account is not linked to a console account that may decide approvals. " +
  "Link it from your account page in the console (Account → Slack), then try again.";

/**
 * Slack's interactivity and slash-command requests (one URL for both). Every request is
 * verified against the signing secret before anything is read from it; a clicker without a
 * verified mapping, or whom the decision function refuses, gets an ephemeral answer and
 * nothing changes.
 */
export async function handleSlackRequest(prisma: PrismaClient, req: Request): Promise<Response> {
  const app = await loadSlackApp(prisma);
  const raw = await readLimited(req, MAX_BODY);
  if (!app || !verifySlackRequest(app.signingSecret, req.headers, raw))
    throw Unauthorized("The request is not signed by the configured Slack app, or is too old.");
  if (!(await firstSighting(prisma, req.headers.get("x-slack-signature") ?? "")))
    throw Unauthorized("This signed request was received before: a replay is refused.");
  const form = new URLSearchParams(raw);
  if (form.has("command")) return json(await slashCommand(prisma, form));
  const payload = parsePayload(form.get("payload"));
  if (!payload) return empty();
  const slackUser = { userId: payload.user?.id ?? "", teamId: payload.team?.id ?? payload.user?.team_id ?? null };
  if (payload.type === "block_actions") return blockAction(prisma, app, payload, slackUser);
  if (payload.type === "view_submission" && payload.view?.callback_id === DENY_MODAL)
    return denySubmission(prisma, payload, slackUser);
  return empty();
}

async function blockAction(
  prisma: PrismaClient,
  app: SlackApp,
  payload: Interaction,
  slackUser: { userId: string; teamId: string | null },
): Promise<Response> {
  const action = payload.actions?.[0];
  if (!action || (action.action_id !== APPROVE_ACTION && action.action_id !== DENY_ACTION)) return empty();
  const approvalId = action.value ?? "";
  // An ephemeral answer that cannot be sent changes nothing either way; Slack still gets its 200.
  const tell = (text: string) =>
    slackApi(app, "chat.postEphemeral", { channel: payload.channel?.id, user: slackUser.userId, text }).catch(
      () => undefined,
    );
  const principal = slackUser.userId ? await principalForSlackUser(prisma, slackUser) : null;
  if (!principal) {
    await tell(UNMAPPED);
    return empty();
  }
  if (!UUID.test(approvalId)) {
    await tell("That request is not known to the console.");
    return empty();
  }
  if (action.action_id === DENY_ACTION) {
    // Refuse before asking for a reason: the modal is only for someone who may deny now.
    const refused = await denyRefusal(prisma, approvalId, principal);
    if (refused) await tell(`Not denied: ${refused}`);
    else await slackApi(app, "views.open", { trigger_id: payload.trigger_id, view: denyModal(approvalId) });
    return empty();
  }
  try {
    await voteOnApproval(prisma, approvalId, principal, { approve: true, channel: "slack" });
  } catch (err) {
    await tell(`Not approved: ${refusal(err)}`);
  }
  return empty();
}

async function denySubmission(
  prisma: PrismaClient,
  payload: Interaction,
  slackUser: { userId: string; teamId: string | null },
): Promise<Response> {
  const reason = payload.view?.state?.values?.reason?.reason?.value?.trim() ?? "";
  const approvalId = payload.view?.private_metadata ?? "";
  const principal = slackUser.userId ? await principalForSlackUser(prisma, slackUser) : null;
  if (!principal) return json({ response_action: "errors", errors: { reason: UNMAPPED.slice(0, 150) } });
  if (!UUID.test(approvalId)) return json({ response_action: "errors", errors: { reason: "Unknown request." } });
  try {
    await voteOnApproval(prisma, approvalId, principal, { approve: false, reason, channel: "slack" });
    return json({ response_action: "clear" });
  } catch (err) {
    return json({ response_action: "errors", errors: { reason: refusal(err).slice(0, 150) } });
  }
}

/** Why this person may not deny the request now (the decision function judges again on submit), or null. */
async function denyRefusal(prisma: PrismaClient, approvalId: string, principal: UserPrincipal): Promise<string | null> {
  const a = await prisma.approval.findUnique({ where: { id: approvalId } });
  if (!a) return "That request is not known to the console.";
  const s = approvalSummary(a);
  if (s.status !== "PENDING") return `This request is already ${s.status.toLowerCase()}.`;
  const eligible = await eligibleApprovers(prisma, a);
  if (!eligible.some((u) => u.id === principal.userId))
    return "You may not decide this request (your role or group, the agent is yours, or you already voted).";
  return null;
}

function denyModal(approvalId: string) {
  return {
    type: "modal",
    callback_id: DENY_MODAL,
    private_metadata: approvalId,
    title: { type: "plain_text", text: "Deny the request" },
    submit: { type: "plain_text", text: "Deny" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: "reason",
        label: { type: "plain_text", text: "Reason (the agent's owner sees it)" },
        element: { type: "plain_text_input", action_id: "reason", multiline: true, min_length: 1, max_length: 2000 },
      },
    ],
  };
}

async function slashCommand(prisma: PrismaClient, form: URLSearchParams) {
  const [verb, code] = (form.get("text") ?? "").trim().split(/\s+/);
  const slackUser = { userId: form.get("user_id") ?? "", teamId: form.get("team_id") };
  const say = (text: string) => ({ response_type: "ephemeral", text });
  if (verb?.toLowerCase() === "link" && code && slackUser.userId)
    return say(await completeSlackLink(prisma, slackUser, code));
  return say(
    "Link your Slack account to the console: on your console account page choose “Link Slack”, " +
      "then send `/approvals link <code>` here.",
  );
}
