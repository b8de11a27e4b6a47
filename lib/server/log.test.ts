import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, log } from "./log";

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger({ level, destination }) };
}

describe("the console logger", () => {
  it("writes one JSON object per line with level, time, message and the ids it is given", () => {
    const { lines, logger } = capture("info");
    logger.child({ request_id: "req-12345678" }).info({ decision_id: "dec_1" }, "decided");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", msg: "decided", request_id: "req-12345678", decision_id: "dec_1" });
    expect(new Date(lines[0].time as string).toISOString()).toBe(lines[0].time);
  });

  it("drops lines below its level", () => {
    const { lines, logger } = capture("warn");
    logger.info("not shown");
    logger.debug("not shown");
    logger.warn("shown");
    logger.error("shown too");
    expect(lines.map((l) => l.level)).toEqual(["warn", "error"]);
  });

  it("never writes a credential given by field name, at the top level or one below", () => {
    const { lines, logger } = capture("info");
    const secret = "eyJhbGciOiJFUzI1NiJ9.secret-token-value";
    logger.info({ token: secret, headers: { authorization: `Bearer ${secret}` }, password: secret }, "attempt");
    const text = JSON.stringify(lines);
    expect(text).not.toContain("secret-token-value");
    expect(lines[0]).toMatchObject({ token: "[REDACTED]", password: "[REDACTED]" });
  });

  it("writes an error as type, code, first line and stack frames only", () => {
    const { lines, logger } = capture("info");
    const err = Object.assign(new Error("insert failed\nINSERT INTO agent VALUES ('s3cr3t-param')"), {
      code: "23505",
    });
    logger.error({ err }, "unexpected error");
    const written = lines[0].err as Record<string, unknown>;
    expect(written).toMatchObject({ type: "Error", message: "insert failed", code: "23505" });
    expect(written.stack).toMatch(/^ {4}at /);
    expect(JSON.stringify(lines)).not.toContain("s3cr3t-param");
  });

  it("is one instance per process, at the configured LOG_LEVEL (info by default)", async () => {
    const again = await import("./log");
    expect(again.log).toBe(log);
    expect(log.level).toBe(process.env.LOG_LEVEL ?? "info");
  });
});
