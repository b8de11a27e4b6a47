import { describe, expect, it } from "vitest";
import { slackAppFormSchema, slackAppSchema } from "./approval-channels";
import { approvalLinkReasonForm } from "./approvals";
import { createAgentFormSchema, createAgentSchema, trustedIssuerFormSchema, trustedIssuerSchema } from "./identity";

/** The first message a form would show, and the field it stands beside. */
function firstIssue(r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const i = r.error?.issues[0];
  return i ? { path: i.path.join("."), message: i.message } : null;
}

describe("form schemas agree with the API's and name the bad entry", () => {
  const slack = { defaultChannel: "C0123ABCD", apiBaseUrl: "https://slack.com/api" };
  it.each([
    ["sre = C0456EFGH\n\nops=C0789", { sre: "C0456EFGH", ops: "C0789" }],
    ["", {}],
  ])("group channel lines %j become the API's map", (text, map) => {
    const r = slackAppFormSchema.safeParse({ ...slack, groupChannels: text });
    expect(r.success && r.data.groupChannels).toEqual(map);
    expect(slackAppSchema.safeParse(r.data).success).toBe(true);
  });
  it.each([
    ["sre C0456", "Line 1: write it as group = channel id (sre = C0456EFGH)."],
    ["sre = C0456\nSRE = C0456", "Line 2: “SRE” is not a group name (lower-case letters, digits, . _ -)."],
    ["sre = c0456", "Line 1: A Slack id such as C0123ABCD."],
  ])("group channel lines %j are refused beside the field", (text, message) => {
    const r = slackAppFormSchema.safeParse({ ...slack, groupChannels: text });
    expect(firstIssue(r)).toEqual({ path: "groupChannels", message });
  });

  it("agent scopes typed on one line become the API's list; a bad one is named", () => {
    const agent = { name: "bot", environment: "development", owner: "", description: "" };
    const ok = createAgentFormSchema.safeParse({ ...agent, scopes: "mcp:github:read, mcp:*:write mcp:github:read" });
    expect(ok.success && ok.data.scopes).toEqual(["mcp:github:read", "mcp:*:write"]);
    expect(createAgentSchema.safeParse(ok.data).success).toBe(true);
    expect(firstIssue(createAgentFormSchema.safeParse({ ...agent, scopes: "mcp:github:read not-a-scope" }))).toEqual({
      path: "scopes",
      message: "“not-a-scope” is not a scope: write mcp:<server|*>:<read|write|admin>.",
    });
    expect(firstIssue(createAgentFormSchema.safeParse({ ...agent, scopes: " " }))?.path).toBe("scopes");
  });

  it("issuer algorithms typed on one line; the API's cross-field rules hold in the form", () => {
    const issuer = {
      name: "idp",
      issuer: "https://idp.example.com",
      audience: "mcp",
      jwks_uri: "https://idp.example.com/jwks",
    };
    const ok = trustedIssuerFormSchema.safeParse({ ...issuer, algorithms: "ES256 RS256" });
    expect(ok.success && ok.data.algorithms).toEqual(["ES256", "RS256"]);
    expect(trustedIssuerSchema.safeParse(ok.data).success).toBe(true);
    expect(firstIssue(trustedIssuerFormSchema.safeParse({ ...issuer, algorithms: "HS256" }))).toEqual({
      path: "algorithms",
      message: "“HS256” is not one of ES256, ES384, RS256, PS256, EdDSA.",
    });
    const noKeys = trustedIssuerFormSchema.safeParse({ ...issuer, jwks_uri: undefined, algorithms: "ES256" });
    expect(firstIssue(noKeys)).toEqual({ path: "jwks_uri", message: "Give a JWKS URI or an introspection URL." });
  });

  it("the e-mail link form needs a reason to deny only", () => {
    expect(approvalLinkReasonForm.approve.safeParse({ reason: "" }).success).toBe(true);
    expect(firstIssue(approvalLinkReasonForm.deny.safeParse({ reason: "  " }))).toEqual({
      path: "reason",
      message: "A reason is required to deny.",
    });
  });
});
