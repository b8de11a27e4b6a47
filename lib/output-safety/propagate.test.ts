import { describe, expect, it } from "vitest";
import { B62, crcToken, rnd } from "./corpus/gen";
import { inspectOutput, maskArguments } from "./index";
import { variantsOf } from "./propagate";

const text = (v: unknown): string => JSON.stringify(v);

describe("one masking pass", () => {
  it("masks a vendor token in every leaf once it is found in one", () => {
    const token = crcToken("gh" + "p_");
    const v = inspectOutput({ a: `token ${token}`, b: { c: [`cloned with ${token}`, token] } });
    expect(v.action).toBe("REDACT");
    expect(text(v.output)).not.toContain(token);
  });

  it("masks the password a Basic header wraps, wherever it appears alone", () => {
    const password = `Zx9!${rnd(B62, 10)}`;
    const header = btoa(`deploy:${password}`);
    const v = inspectOutput(`Authorization: Basic ${header}\nretrying as deploy with ${password}`);
    expect(text(v.output)).not.toContain(password);
    expect(text(v.output)).not.toContain(header);
  });

  it("masks each cookie value of a Cookie header where it appears on its own", () => {
    const sid = rnd(B62, 32);
    const v = inspectOutput({ request: { cookie: `sid=${sid}; theme=dark` }, trace: `curl -b sid=${sid} …` });
    expect(text(v.output)).not.toContain(sid);
    expect(text(v.output)).toContain("curl -b sid=[REDACTED:");
  });

  it("masks the percent-encoded and JSON-escaped forms of a found value", () => {
    const password = `p/${rnd(B62, 12)}&x`;
    const v = inspectOutput({
      password,
      url: `https://api.internal/login?pw=${encodeURIComponent(password)}`,
      raw: `{"pw":"${password.replace(/\//g, "\\/")}"}`,
    });
    const out = text(v.output);
    expect(out).not.toContain(encodeURIComponent(password));
    expect(out).not.toContain(password.replace(/\//g, "\\/"));
  });

  it("applies to stored arguments too", () => {
    const token = crcToken("gh" + "p_");
    const masked = maskArguments({ auth: { token }, note: `used ${token}` });
    expect(text(masked)).not.toContain(token);
  });

  it("leaves short values alone, so a 4-digit PIN does not mask unrelated digits", () => {
    expect(variantsOf("password", "1234")).toEqual([]);
    const v = inspectOutput({ pin: "4821", body: "build 4821 passed" });
    expect(text(v.output)).toContain("build 4821 passed");
  });

  it("allows an output without findings unchanged", () => {
    const input = { a: "hello", b: ["world"] };
    expect(inspectOutput(input).output).toBe(input);
  });
});
