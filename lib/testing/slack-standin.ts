import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface SlackCall {
  method: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

/**
 * A local stand-in for Slack's Web API (chat.postMessage, chat.update, chat.postEphemeral,
 * views.open): records every call and answers as Slack does, `{ ok: false, error: "invalid_auth" }`
 * for any bot token but the expected one.
 */
export async function startSlackStandIn(botToken: string, port = 0) {
  const calls: SlackCall[] = [];
  let ts = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const method = (req.url ?? "").replace(/^\/api\//, "");
      const body = JSON.parse(raw || "{}") as Record<string, unknown>;
      calls.push({ method, authorization: req.headers.authorization, body });
      res.setHeader("content-type", "application/json");
      if (req.headers.authorization !== `Bearer ${botToken}`)
        return void res.end(JSON.stringify({ ok: false, error: "invalid_auth" }));
      ts += 1;
      const answers: Record<string, unknown> = {
        "chat.postMessage": { ok: true, channel: body.channel, ts: `1700000000.${String(ts).padStart(6, "0")}` },
        "chat.update": { ok: true, channel: body.channel, ts: body.ts },
        "chat.postEphemeral": { ok: true, message_ts: `1700000000.${ts}` },
        "views.open": { ok: true, view: { id: `V${ts}` } },
      };
      res.end(JSON.stringify(answers[method] ?? { ok: false, error: "unknown_method" }));
    });
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    apiBaseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * A request as Slack sends it, signed per Slack's documented scheme: `x-slack-signature` is
 * `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>` under the app's signing secret.
 */
export function signedSlackRequest(
  url: string,
  signingSecret: string,
  form: Record<string, string>,
  opts: { timestampSec?: number; signature?: string } = {},
): Request {
  const body = new URLSearchParams(form).toString();
  const timestamp = String(opts.timestampSec ?? Math.floor(Date.now() / 1000));
  const signature =
    opts.signature ?? `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return new Request(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": signature,
    },
    body,
  });
}

/** Slack's block_actions payload for a click on one of the message's buttons. */
export function blockAction(user: string, actionId: string, value: string) {
  return {
    payload: JSON.stringify({
      type: "block_actions",
      user: { id: user, team_id: "T0TEAM" },
      team: { id: "T0TEAM" },
      channel: { id: "C0SRE" },
      trigger_id: `trigger-${user}`,
      actions: [{ action_id: actionId, value, type: "button" }],
    }),
  };
}

/** Slack's view_submission payload for the deny modal with the typed reason. */
export function denySubmission(user: string, approvalId: string, reason: string) {
  return {
    payload: JSON.stringify({
      type: "view_submission",
      user: { id: user, team_id: "T0TEAM" },
      team: { id: "T0TEAM" },
      view: {
        callback_id: "approval.deny_reason",
        private_metadata: approvalId,
        state: { values: { reason: { reason: { type: "plain_text_input", value: reason } } } },
      },
    }),
  };
}
