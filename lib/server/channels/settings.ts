import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { z } from "zod";
import { env } from "@/lib/env";
import type { slackAppSchema } from "@/lib/schemas/approval-channels";
import { type Actor, type Tx, writeAudit } from "../audit";
import { open, seal } from "../crypto-box";
import { Unprocessable } from "../errors";
import { outboundPolicyFor } from "../notifications/deliver";
import { SMTP_SETTING } from "../notifications/settings";
import { checkUrlSyntax } from "../ssrf";
import { armChannelJob, rearmChannelJobs } from "./jobs";

export const SLACK_SETTING = "approvals.slack_app";
const BOT_TOKEN_PURPOSE = "slack-bot-token";
const SIGNING_SECRET_PURPOSE = "slack-signing-secret";
export const SLACK_DEFAULT_API = "https://slack.com/api";

interface StoredSlack {
  botTokenEnc: string;
  signingSecretEnc: string;
  apiBaseUrl: string;
  defaultChannel: string;
  groupChannels: Record<string, string>;
}

export interface SlackApp {
  botToken: string;
  signingSecret: string;
  apiBaseUrl: string;
  defaultChannel: string;
  groupChannels: Record<string, string>;
}

/** Slack's own API hosts (commercial and GovSlack); any other base only when its host is in SSRF_ALLOW_HOSTS (a local stand-in). */
const SLACK_HOSTS = /^(?:[a-z0-9-]+\.)*slack(?:-gov)?\.com$/;

/** Why the SSRF guard refuses this Slack Web API base, or null: checked when saved and before every call. */
export function slackApiBaseProblem(apiBaseUrl: string): string | null {
  const allowHosts = env().SSRF_ALLOW_HOSTS;
  const verdict = checkUrlSyntax(apiBaseUrl, { environment: outboundPolicyFor(apiBaseUrl), allowHosts });
  if (!verdict.ok) return verdict.reason;
  if (verdict.allowListed || SLACK_HOSTS.test(new URL(apiBaseUrl).hostname)) return null;
  return "not a Slack API host (slack.com)";
}

/** The Slack app (bot token and signing secret decrypted), or null when none is configured. */
export async function loadSlackApp(prisma: PrismaClient | Tx): Promise<SlackApp | null> {
  const row = await prisma.setting.findUnique({ where: { key: SLACK_SETTING } });
  if (!row) return null;
  const v = row.value as unknown as StoredSlack;
  return {
    botToken: open(v.botTokenEnc, BOT_TOKEN_PURPOSE),
    signingSecret: open(v.signingSecretEnc, SIGNING_SECRET_PURPOSE),
    apiBaseUrl: v.apiBaseUrl,
    defaultChannel: v.defaultChannel,
    groupChannels: v.groupChannels ?? {},
  };
}

/** What Settings shows: never the secrets. */
export async function slackAppView(prisma: PrismaClient) {
  const row = await prisma.setting.findUnique({ where: { key: SLACK_SETTING } });
  if (!row) return { configured: false as const };
  const { botTokenEnc: _b, signingSecretEnc: _s, ...shown } = row.value as unknown as StoredSlack;
  return { configured: true as const, ...shown };
}

/** Saves the Slack app; a secret left out keeps the stored one (a first save needs both). */
export async function saveSlackApp(prisma: PrismaClient, actor: Actor, input: z.infer<typeof slackAppSchema>) {
  await prisma.$transaction(async (tx) => {
    const prev = (await tx.setting.findUnique({ where: { key: SLACK_SETTING } }))?.value as unknown as
      | StoredSlack
      | undefined;
    const botTokenEnc = input.botToken ? seal(input.botToken, BOT_TOKEN_PURPOSE) : prev?.botTokenEnc;
    const signingSecretEnc = input.signingSecret
      ? seal(input.signingSecret, SIGNING_SECRET_PURPOSE)
      : prev?.signingSecretEnc;
    const problem = slackApiBaseProblem(input.apiBaseUrl);
    if (problem)
      throw Unprocessable(
        `The Slack API URL is refused: ${problem}`,
        [{ path: "apiBaseUrl", message: problem }],
        "ssrf-blocked",
      );
    if (!botTokenEnc || !signingSecretEnc) {
      throw Unprocessable("The bot token and the signing secret are both required the first time.", [
        ...(botTokenEnc ? [] : [{ path: "botToken", message: "required" }]),
        ...(signingSecretEnc ? [] : [{ path: "signingSecret", message: "required" }]),
      ]);
    }
    const value: StoredSlack = {
      botTokenEnc,
      signingSecretEnc,
      apiBaseUrl: input.apiBaseUrl,
      defaultChannel: input.defaultChannel,
      groupChannels: input.groupChannels,
    };
    await tx.setting.upsert({
      where: { key: SLACK_SETTING },
      create: { key: SLACK_SETTING, value: { ...value } },
      update: { value: { ...value } },
    });
    await writeAudit(tx, {
      actor,
      action: "setting.update",
      target: { type: "setting", id: SLACK_SETTING },
      data: {
        api_base_url: input.apiBaseUrl,
        default_channel: input.defaultChannel,
        group_channels: input.groupChannels,
        ...(input.botToken ? { bot_token: "(changed)" } : {}),
        ...(input.signingSecret ? { signing_secret: "(changed)" } : {}),
      },
    });
  });
}

/** Which approver channels are on: the Slack app, and approver e-mails with one-time links. */
export async function activeChannels(tx: Tx): Promise<{ slack: boolean; email: boolean }> {
  const rows = await tx.setting.findMany({ where: { key: { in: [SLACK_SETTING, SMTP_SETTING] } } });
  const smtp = rows.find((r) => r.key === SMTP_SETTING)?.value as { approverLinks?: boolean } | undefined;
  return { slack: rows.some((r) => r.key === SLACK_SETTING), email: Boolean(smtp?.approverLinks) };
}

/** Arms the approval's channel jobs on the channels in use: Slack posts new requests, e-mail goes to whoever may decide now. */
export async function armApprovalChannels(tx: Tx, approvalId: string, event: "requested" | "escalated"): Promise<void> {
  const on = await activeChannels(tx);
  if (on.slack && event === "requested") await armChannelJob(tx, approvalId, "slack");
  if (on.slack && event === "escalated") await rearmChannelJobs(tx, [approvalId], "slack");
  if (on.email) await armChannelJob(tx, approvalId, "email");
}
