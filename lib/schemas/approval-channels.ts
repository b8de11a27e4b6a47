import { z } from "zod";

const GROUP_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** A Slack channel or user id. */
export const slackId = z
  .string()
  .trim()
  .regex(/^[A-Z0-9]{2,30}$/, "A Slack id such as C0123ABCD.");

export const slackAppSchema = z
  .object({
    botToken: z
      .string()
      .trim()
      .regex(/^xox[a-z]-[A-Za-z0-9-]{10,250}$/, "A bot token starting xoxb-.")
      .optional(),
    signingSecret: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{16,128}$/, "The app's signing secret: 16 to 128 letters and digits.")
      .optional(),
    /** Slack's Web API; another base only for a local stand-in (its host must be in SSRF_ALLOW_HOSTS). */
    apiBaseUrl: z
      .string()
      .trim()
      .url("An http(s) URL such as https://slack.com/api.")
      .regex(/^https?:\/\//, "An http(s) URL such as https://slack.com/api.")
      .max(500, "At most 500 characters.")
      .transform((u) => u.replace(/\/+$/, ""))
      .default("https://slack.com/api"),
    defaultChannel: slackId,
    /** Approver group name → the Slack channel its requests are posted to. */
    groupChannels: z.record(z.string().regex(GROUP_NAME_PATTERN), slackId).default({}),
  })
  .strict();

/** The console's Slack app form: slackAppSchema, with the group channels typed as "sre = C0456EFGH" lines. */
export const slackAppFormSchema = slackAppSchema.omit({ groupChannels: true }).extend({
  groupChannels: z.string().transform((text, ctx) => {
    const map: Record<string, string> = {};
    text.split("\n").forEach((raw, i) => {
      if (!raw.trim()) return;
      const [group = "", channel = "", ...extra] = raw.split("=").map((s) => s.trim());
      const id = slackId.safeParse(channel);
      const problem =
        extra.length > 0 || !channel
          ? "write it as group = channel id (sre = C0456EFGH)."
          : !GROUP_NAME_PATTERN.test(group)
            ? `“${group}” is not a group name (lower-case letters, digits, . _ -).`
            : !id.success
              ? (id.error.issues[0]?.message ?? "not a Slack id.")
              : null;
      if (problem) ctx.addIssue({ code: "custom", message: `Line ${i + 1}: ${problem}` });
      else map[group] = channel;
    });
    return map;
  }),
});

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
