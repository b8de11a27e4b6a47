import { describe, expect, it } from "vitest";
import { eventHash, GENESIS_HASH, verifyRun, type ChainedEvent } from "./chain";

function chain(n: number): ChainedEvent[] {
  const out: ChainedEvent[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields = {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      actorType: "user",
      actorId: "u1",
      actorLabel: "admin@example.com",
      action: "user.login",
      targetType: null,
      targetId: null,
      environment: null,
      data: { n: i, nested: { b: 2, a: 1 } },
    };
    const hash = eventHash(prev, fields);
    out.push({ ...fields, seq: i, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe("audit hash chain", () => {
  it("verifies an untouched chain and returns its last hash", () => {
    const events = chain(5);
    expect(verifyRun(GENESIS_HASH, events)).toEqual({ ok: true, lastHash: events[4].hash });
  });

  it("is independent of key order inside data (canonical JSON)", () => {
    const [e] = chain(1);
    const reordered = { ...e, data: { nested: { a: 1, b: 2 }, n: 1 } };
    expect(eventHash(GENESIS_HASH, reordered)).toBe(e.hash);
  });

  it("reports the first row whose content was changed", () => {
    const events = chain(5);
    events[2] = { ...events[2], actorLabel: "mallory@example.com" };
    const result = verifyRun(GENESIS_HASH, events);
    expect(result).toMatchObject({ ok: false, break: { seq: "3", problem: "hash_mismatch" } });
  });

  it("reports a deleted row as a broken link", () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verifyRun(GENESIS_HASH, events)).toMatchObject({
      ok: false,
      break: { seq: "3", problem: "prev_hash_mismatch" },
    });
  });

  it("detects a rewritten hash that no longer links to its successor", () => {
    const events = chain(4);
    events[1] = { ...events[1], data: { n: 99 } };
    events[1].hash = eventHash(events[1].prevHash, events[1]);
    expect(verifyRun(GENESIS_HASH, events)).toMatchObject({
      ok: false,
      break: { seq: "3", problem: "prev_hash_mismatch" },
    });
  });

  it("changes the hash when any covered field changes", () => {
    const [e] = chain(1);
    for (const patch of [
      { action: "user.logout" },
      { at: new Date(0) },
      { data: { n: 2 } },
      { environment: "production" },
    ]) {
      expect(eventHash(GENESIS_HASH, { ...e, ...patch })).not.toBe(e.hash);
    }
  });
});
