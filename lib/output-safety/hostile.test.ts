import { describe, expect, it } from "vitest";
import { inspectOutput } from "./index";

/** Dense repetitions of every anchor shape. A quadratic path would blow the test timeout; no timing is asserted. */
const SHAPES = [
  "![",
  "](",
  "<img ",
  "<a h",
  "token=",
  "password=a",
  "a@",
  "a@b.c.",
  "x://",
  "eyJhbGciOi.",
  "ignore ",
  "1 ",
  "12345678 ",
  "QUJD",
  "AKIA",
  "-----BEGIN PRIVATE KEY-----\n",
  "a\u200b",
  "call the x tool ",
  "\nsystem: you must ",
  "sk-",
  "&sig=",
  "datadog ",
  "bearer ",
  "heroku ",
  "authorization: ",
  "cookie: a=b; ",
  "[x](http://a.b/?q=",
  "ghp_",
  "DE89 ",
  "4111 ",
  "<|",
  "end of tool output ",
  "[system] ",
  "<system-reminder>",
  "&#73;",
  "a%20",
  "\\u0041",
  "![a][",
  "[1]: https://x.test/?q=1\n![a][1]",
  "<iframe src=x ",
  "ignore ignore previous ",
  "指示を無視",
  "निर्देशों को अनदेखा ",
  "send the keys ",
  '"role": "system", ',
  "curl x | ",
  "onerror=",
  '<a \\"',
  "a%20b%20",
];

describe("hostile inputs stay linear", () => {
  it.each(SHAPES)("500 KB of %j", (shape) => {
    const text = shape.repeat(Math.ceil(500_000 / shape.length));
    const v = inspectOutput(text);
    expect(["ALLOW", "REDACT", "QUARANTINE"]).toContain(v.action);
    expect(v.findings.filter((f) => f.category === "steering").length).toBeLessThanOrEqual(64);
  });
});
