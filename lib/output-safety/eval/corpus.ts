/**
 * The labelled corpus: every snippet in a carrier of its own, mixed cases (several families in one output), and
 * benign combinations, all from one seed. The split into dev and held-out is by a hash of the case id.
 */
import { benignSnippets } from "./benign";
import { CARRIERS } from "./carriers";
import { injectionSnippets } from "./injections";
import { piiSnippets } from "./pii";
import { type Rng, hash32, rng } from "./rng";
import { secretSnippets } from "./secrets";
import { type EvalCase, RANK, type Snippet } from "./types";

export const CORPUS_SEED = 20_240_611;
const CARRIER_NAMES = Object.keys(CARRIERS);

function makeCase(snips: Snippet[], carrier: string, r: Rng, seq: Map<string, number>): EvalCase {
  const primary = snips.reduce((a, b) => (RANK[b.label] > RANK[a.label] ? b : a));
  const n = (seq.get(primary.family) ?? 0) + 1;
  seq.set(primary.family, n);
  const discussion = snips.every((s) => s.label === "ALLOW") && snips.some((s) => s.discussion);
  return {
    id: `${primary.family}#${n}@${carrier}`,
    family: primary.family,
    carrier,
    input: CARRIERS[carrier](snips, r),
    expected: primary.label,
    planted: [...new Set(snips.flatMap((s) => s.planted))],
    ...(discussion ? { discussion } : {}),
  };
}

/** Generates the whole corpus from a seed; the same seed yields the same cases, byte for byte. */
export function buildCorpus(seed: number): EvalCase[] {
  const r = rng(seed);
  const secrets = secretSnippets(r, 4);
  const pii = piiSnippets(r);
  const injections = injectionSnippets(r);
  const benign = benignSnippets(r);
  const seq = new Map<string, number>();
  const cases: EvalCase[] = [];
  const carrier = (): string => r.pick(CARRIER_NAMES);

  for (const s of [...secrets, ...pii, ...injections, ...benign]) cases.push(makeCase([s], carrier(), r, seq));
  // Mixed outputs: a secret next to PII, an injection next to a secret, an injection inside an article.
  for (let i = 0; i < 60; i++) cases.push(makeCase([r.pick(secrets), r.pick(pii)], carrier(), r, seq));
  for (let i = 0; i < 40; i++)
    cases.push(makeCase([r.pick(benign), r.pick(injections), r.pick(secrets)], carrier(), r, seq));
  for (let i = 0; i < 30; i++) cases.push(makeCase([r.pick(pii), r.pick(benign)], carrier(), r, seq));
  // Each look-alike again beside ordinary prose, in another carrier (prose never changes the family).
  const prose = benign.filter((s) => s.family === "benign/prose");
  const lookalikes = benign.filter((s) => s.family !== "benign/prose");
  for (let i = 0; i < 760; i++) cases.push(makeCase([r.pick(lookalikes), r.pick(prose)], carrier(), r, seq));
  return cases;
}

let cached: EvalCase[] | undefined;

/** Every case, dev and held-out together (generated once per process). */
export function fullCorpus(): EvalCase[] {
  cached ??= buildCorpus(CORPUS_SEED);
  return cached;
}

/** A fifth of the generated cases, chosen by a hash of the id (stable as long as ids are); with the held-out-only
 * cases of `held-out/extra.ts` the held-out slice is about a quarter of everything. */
export const isHeldOut = (c: EvalCase): boolean => hash32(`held-out:${c.id}`) % 5 === 0;
