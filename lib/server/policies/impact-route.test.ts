import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNELS_POLICY, channelsWorld } from "@/lib/testing/channels-world";
import { testDbKinds } from "@/lib/testing/test-db";

const impactRoute = await import("@/app/api/console/policies/[environment]/impact/route");
const kinds = await testDbKinds();
/** Without the GitHub rule the held GitHub write would be denied: one outcome changes. */
const JIRA_ONLY = `version: v1
rules:
  - id: allow-jira
    match: {labels: {mcp.server: jira}}
    decision: ALLOW
`;

describe.each(kinds)("the audit replay behind the publish dialog on %s", (kind) => {
  let w: Awaited<ReturnType<typeof channelsWorld>>;
  let pat: string;
  beforeAll(async () => {
    w = await channelsWorld(kind);
    pat = await w.token(w.people.viewer);
    await w.hold();
  });
  afterAll(async () => w?.dispose());

  async function replay(environment: string, policy: string) {
    const res = await impactRoute.POST(
      new Request(`http://127.0.0.1/api/console/policies/${environment}/impact`, {
        method: "POST",
        headers: { authorization: `Bearer ${pat}`, "content-type": "application/json" },
        body: JSON.stringify({ policy, days: 7 }),
      }),
      { params: Promise.resolve({ environment }) },
    );
    return { status: res.status, body: await res.json() };
  }

  it("answers an environment without audited calls with an empty replay, not an error", async () => {
    const { status, body } = await replay("staging", CHANNELS_POLICY);
    expect(status).toBe(200);
    expect(body).toMatchObject({ source: "audit", total: 0, changed: 0, transitions: [], by_rule: [] });
  });

  it("replays the audited calls where there are some, and still refuses an invalid draft", async () => {
    const { status, body } = await replay("production", JIRA_ONLY);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.total).toBeGreaterThanOrEqual(1);
    expect(body.changed).toBeGreaterThanOrEqual(1);
    expect((await replay("staging", "version: v1\nrules: [{id: Bad Id}]\n")).status).toBe(422);
  });
});
