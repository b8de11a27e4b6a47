import { z } from "zod";

const slackId = z
  .string()
  .trim()
  .regex(/^[A-Z0-9]{2,30}$/, "a Slack id such as C0123ABCD");

export const slackAppSchema = z
  .object({
    botToken: z
      .string()
      .trim()
      .regex(/^xox[a-z]-[A-Za-z0-9-]{10,250}$/, "a bot token starting xoxb-")
      .optional(),
    signingSecret: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{16,128}$/, "the app's signing secret (letters and digits)")
      .optional(),
    /** Slack's Web API; another base only for a local stand-in (its host must be in SSRF_ALLOW_HOSTS). */
    apiBaseUrl: z
      .string()
      .trim()
      .url()
      .regex(/^https?:\/\//, "an http(s) URL")
      .max(500)
      .transform((u) => u.replace(/\/+$/, ""))
      .default("https://slack.com/api"),
    defaultChannel: slackId,
    /** Approver group name → the Slack channel its requests are posted to. */
    groupChannels: z.record(z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/), slackId).default({}),
  })
  .strict();

/** What every channel shows of a request: arguments are the masked ones stored with it. */
export interface ApprovalSummary {
  id: string;
  status: string;
  environment: string;
  agent: string;
  server: string;
  tool: string;
  action: string;
  risk: string;
  rule_id: string | null;
  constraints: Record<string, unknown>;
  arguments: unknown;
  approver_group: string | null;
  escalated_to: string | null;
  votes: number;
  approvals_required: number;
  created_at: string;
  expires_at: string;
  decided_by: string | null;
  decided_channel: string | null;
  decision_reason: string | null;
  url: string;
}
