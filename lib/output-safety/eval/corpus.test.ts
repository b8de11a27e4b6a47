import { isValidPhoneNumber } from "libphonenumber-js";
import { describe, expect, it } from "vitest";
import { buildCorpus, CORPUS_SEED, fullCorpus, isHeldOut } from "./corpus";
import { devCases } from "./dev";
import { heldOutCases } from "./held-out";
import { heldOutOnlyCases } from "./held-out/extra";
import { LANGUAGES } from "./languages";
import { luhnValid, mod97 } from "./rng";

const generated = fullCorpus();
const all = [...devCases(), ...heldOutCases()];
const serialised = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));

describe("evaluation corpus", () => {
  it("is large, at least 40 % benign, with unique ids", () => {
    expect(all.length).toBeGreaterThanOrEqual(2000);
    expect(all.filter((c) => c.expected === "ALLOW").length / all.length).toBeGreaterThanOrEqual(0.4);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
  });

  it("splits about a quarter off as held-out, disjoint from dev", () => {
    const held = heldOutCases();
    const dev = devCases();
    expect(dev.length + held.filter((c) => !c.id.startsWith("x:")).length).toBe(generated.length);
    expect(held.length / all.length).toBeGreaterThan(0.2);
    expect(held.length / all.length).toBeLessThan(0.3);
    const devIds = new Set(dev.map((c) => c.id));
    expect(held.filter((c) => devIds.has(c.id))).toEqual([]);
  });

  it("is deterministic: the same ids and inputs on every build", () => {
    const again = buildCorpus(CORPUS_SEED);
    expect(again.map((c) => c.id)).toEqual(generated.map((c) => c.id));
    expect(again.map((c) => serialised(c.input))).toEqual(generated.map((c) => serialised(c.input)));
    const extra = heldOutOnlyCases();
    expect(heldOutOnlyCases().map((c) => serialised(c.input))).toEqual(extra.map((c) => serialised(c.input)));
    expect(generated.filter(isHeldOut).map((c) => c.id)).toEqual(
      heldOutCases()
        .filter((c) => !c.id.startsWith("x:"))
        .map((c) => c.id),
    );
  });

  it("plants only values that really occur in the input", () => {
    const missing = all.flatMap((c) =>
      c.planted
        .filter(
          (p) => !serialised(c.input).includes(JSON.stringify(p).slice(1, -1)) && !serialised(c.input).includes(p),
        )
        .map((p) => `${c.id}: ${p}`),
    );
    expect(missing).toEqual([]);
  });

  it("gives every sensitive case a planted value, and every family a benign counterpart category", () => {
    expect(all.filter((c) => c.expected === "REDACT" && c.planted.length === 0).map((c) => c.id)).toEqual([]);
    const kinds = new Set(all.map((c) => c.family.split("/")[0]));
    expect([...kinds].sort()).toEqual(["benign", "inject", "pii", "secret"]);
  });

  it("covers at least 20 languages for injections and benign look-alikes", () => {
    expect(Object.keys(LANGUAGES).length).toBeGreaterThanOrEqual(20);
    const langs = new Set(all.filter((c) => c.family.startsWith("inject/lang-")).map((c) => c.family));
    expect(langs.size).toBeGreaterThanOrEqual(20);
  });

  it("labels only valid phone numbers, cards and IBANs as PII", () => {
    const bad: string[] = [];
    for (const c of all) {
      for (const p of c.planted) {
        if (c.family.startsWith("pii/phone-")) {
          const country = c.family.slice("pii/phone-".length).toUpperCase();
          if (!isValidPhoneNumber(p, country as Parameters<typeof isValidPhoneNumber>[1])) bad.push(`${c.id} ${p}`);
        }
        if (c.family === "pii/card" && !luhnValid(p.replace(/\D/g, ""))) bad.push(`${c.id} ${p}`);
        if (c.family === "pii/iban") {
          const s = p.replace(/ /g, "");
          if (mod97(s.slice(4) + s.slice(0, 4)) !== 1) bad.push(`${c.id} ${p}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
