/**
 * Output-safety benchmark: throughput on benign and secret-dense text, latency of 10 KB outputs,
 * each against a naive baseline (every pattern run one by one over the whole text) measured in the
 * same run; then accuracy on the evaluation corpus (lib/output-safety/eval): macro-F1, per-class P/R,
 * leaks and per-family recall for the dev and held-out slices. Prints a table, then one line of JSON
 * with every figure; exits 1 when either slice is below the issue-20 goal (macro-F1 ≥ 0.95, 0 leaks,
 * no benign discussion quarantined).
 *   npm run bench:inspect               (everything)
 *   npm run bench:inspect -- --eval-only   (accuracy only, no timing loops)
 */
import { loadavg } from "node:os";
import { inspectOutput } from "@/lib/output-safety";
import { devCases } from "@/lib/output-safety/eval/dev";
import { heldOutCases } from "@/lib/output-safety/eval/held-out";
import { evaluate, formatScore, GOAL, meetsGoal, type Score } from "@/lib/output-safety/eval/score";
import { base62Encode, crc32 } from "@/lib/output-safety/checksums";
import { TOKEN_RULES } from "@/lib/output-safety/secrets-vendors";
import { PHRASE_RULES } from "@/lib/output-safety/steering-phrases";

let seed = 42;
const rand = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chars = (alphabet: string, n: number): string => Array.from({ length: n }, () => pick([...alphabet])).join("");
const B62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";

const WORDS =
  "the request returned a list of files in the repository and the build finished with warnings about deprecated options while the server logged each call to the tool with its duration status and size so operators can review usage trends over time".split(
    " ",
  );

function benignChunk(): string {
  switch (Math.floor(rand() * 6)) {
    case 0:
      return `${Array.from({ length: 40 }, () => pick(WORDS)).join(" ")}.\n`;
    case 1:
      return `2024-05-${10 + Math.floor(rand() * 18)}T12:${10 + Math.floor(rand() * 49)}:07Z INFO req=${chars(HEX, 8)}-${chars(HEX, 4)}-4${chars(HEX, 3)}-a${chars(HEX, 3)}-${chars(HEX, 12)} GET /api/v2/items?page=${Math.floor(rand() * 90)} 200 ${Math.floor(rand() * 900)}ms ip=10.0.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}\n`;
    case 2:
      return `{"id": ${Math.floor(rand() * 1e6)}, "name": "${pick(WORDS)}-${pick(WORDS)}", "commit": "${chars(HEX, 40)}", "sha256": "${chars(HEX, 64)}", "tokens": ${Math.floor(rand() * 4000)}, "created_at": "2024-03-01T10:00:00Z"}\n`;
    case 3:
      return `export function ${pick(WORDS)}${Math.floor(rand() * 99)}(input: string): number {\n  const total = input.length * ${Math.floor(rand() * 50)};\n  return total > 100 ? total : 0;\n}\n`;
    case 4:
      return `See [the guide](https://docs.example.org/guide/${pick(WORDS)}) and ![diagram](./img/${pick(WORDS)}.png) for details; version 1.${Math.floor(rand() * 20)}.${Math.floor(rand() * 9)}.\n`;
    default:
      return `| ${pick(WORDS)} | ${Math.floor(rand() * 10000)} | ${(rand() * 100).toFixed(2)}% | ${pick(WORDS)} |\n`;
  }
}

function githubToken(): string {
  const r = chars(B62, 30);
  return `ghp_${r}${base62Encode(crc32(r), 6)}`;
}

function secretChunk(): string {
  switch (Math.floor(rand() * 8)) {
    case 0:
      return `token ${githubToken()} `;
    case 1:
      return `key=AKIA${chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)} `;
    case 2:
      return `mail ${pick(WORDS)}.${pick(WORDS)}@corp-${chars("abcdefgh", 5)}.com `;
    case 3:
      return `card 4539 1488 0343 6467 `;
    case 4:
      return `"password": "${chars(B62, 14)}" `;
    case 5:
      return `postgres://app:${chars(B62, 16)}@db.internal:5432/main `;
    case 6:
      return `sk_${"live"}_${chars(B62, 32)} `;
    default:
      return `Authorization: Bearer ${chars(B62, 40)} `;
  }
}

function build(size: number, chunk: () => string): string {
  const parts: string[] = [];
  let n = 0;
  while (n < size) {
    const c = chunk();
    parts.push(c);
    n += c.length;
  }
  return parts.join("").slice(0, size);
}

/** Naive baseline: every pattern, one after the other, over the whole text (matching only, no validation). */
const NAIVE: RegExp[] = [
  ...TOKEN_RULES.map((r) => new RegExp(r.re.source, "g")),
  ...PHRASE_RULES.map((r) => new RegExp(r.re.source, r.re.flags)),
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
  /\b(?:\d[ -]?){12,18}\d\b/g,
  /\b\d{3}-\d{2}-\d{4}\b/g,
  /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g,
  /\+?\(?\d{1,4}\)?[ .-]?\d{2,4}[ .-]?\d{3,4}[ .-]?\d{0,4}/g,
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/g,
  /[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:[^\s@/]+@[^\s/]+/gi,
  /(?:password|passwd|pwd|secret|token|api[_-]?key)\s*[:=]\s*["']?[^\s"',;]+/gi,
  /(?:AKIA|ASIA)[A-Z2-7]{16}/g,
  /[A-Za-z0-9+/]{40}/g,
  /[\u200B-\u200D\u2060\uFEFF]{3,}|[\u202A-\u202E\u2066-\u2069]|\uDB40[\uDC00-\uDC7F]/g,
  /[A-Za-z0-9+/_-]{24,}={0,2}/g,
  /!\[[^\]]*\]\([^)]+\)/g,
  /\[[^\]]*\]\(https?:\/\/[^)]+\?[^)]+\)/g,
];

function naiveScan(text: string): number {
  let n = 0;
  for (const re of NAIVE) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      n++;
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return n;
}

/** Throughput by wall clock and by CPU time (the CPU figure holds steady when other processes share the machine). */
function mbPerSec(fn: () => void, bytes: number, minMs = 1500): { wall: number; cpu: number } {
  fn(); // warm up
  let runs = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  while (performance.now() - t0 < minMs) {
    fn();
    runs++;
  }
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { wall: (bytes * runs) / 1e6 / wallS, cpu: (bytes * runs) / 1e6 / ((cpu.user + cpu.system) / 1e6) };
}

function percentiles(samples: number[]): { p50: number; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length * 0.5)], p99: s[Math.min(s.length - 1, Math.floor(s.length * 0.99))] };
}

function latency(
  outputs: unknown[],
  texts: string[],
  fn: (o: unknown, t: string) => void,
): { p50: number; p99: number; cpuP50: number; cpuP99: number } {
  for (let i = 0; i < 3 * outputs.length; i++) fn(outputs[i % outputs.length], texts[i % texts.length]); // let the JIT settle
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < 10; round++) {
    outputs.forEach((o, i) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      fn(o, texts[i]);
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    });
  }
  const w = percentiles(wall);
  const c = percentiles(cpu);
  return { p50: w.p50, p99: w.p99, cpuP50: c.p50, cpuP99: c.p99 };
}

const r2 = (x: number): number => Math.round(x * 100) / 100;
const r3 = (x: number): number => Math.round(x * 1000) / 1000;

function timing() {
  // Latency first, before the throughput runs fill the heap (a 10 KB call should not pay for their GC).
  const texts10k = Array.from({ length: 200 }, (_, i) =>
    build(10_240, i % 4 === 0 ? () => (rand() < 0.2 ? secretChunk() : benignChunk()) : benignChunk),
  );
  const outputs10k = texts10k.map((text) => ({ content: [{ type: "text", text }] }));
  const lat = latency(outputs10k, texts10k, (o) => inspectOutput(o));
  const naiveLat = latency(outputs10k, texts10k, (_o, t) => naiveScan(t));

  const SIZE = 2_000_000;
  const benign = build(SIZE, benignChunk);
  const dense = build(SIZE, () => (rand() < 0.5 ? secretChunk() : benignChunk()));
  const benignVerdict = inspectOutput(benign);
  const denseVerdict = inspectOutput(dense);

  /** Structured output: many small string leaves (per-leaf overhead rather than raw scanning). */
  const records = Array.from({ length: 12_000 }, (_, i) => ({
    id: i,
    name: `${pick(WORDS)} ${pick(WORDS)}`,
    status: pick(["open", "closed", "merged"]),
    sha: chars(HEX, 40),
    updated_at: "2024-05-11T12:33:07Z",
    body: Array.from({ length: 12 }, () => pick(WORDS)).join(" "),
    labels: [pick(WORDS), pick(WORDS)],
  }));
  const structured = { content: [{ type: "text", text: "12000 records" }], structuredContent: { records } };
  const structuredBytes = JSON.stringify(structured).length;

  const benignMbS = mbPerSec(() => inspectOutput(benign), SIZE);
  const jsonMbS = mbPerSec(() => inspectOutput(structured), structuredBytes);
  const denseMbS = mbPerSec(() => inspectOutput(dense), SIZE);
  const naiveBenignMbS = mbPerSec(() => naiveScan(benign), SIZE);
  const naiveDenseMbS = mbPerSec(() => naiveScan(dense), SIZE);

  const big = build(5_000_000, benignChunk);
  const t5 = performance.now();
  inspectOutput(big);
  const bigMs = performance.now() - t5;

  const figures = {
    benign_mb_s: r2(benignMbS.wall),
    dense_mb_s: r2(denseMbS.wall),
    naive_benign_mb_s: r2(naiveBenignMbS.wall),
    naive_dense_mb_s: r2(naiveDenseMbS.wall),
    ratio_benign: r2(benignMbS.wall / naiveBenignMbS.wall),
    ratio_dense: r2(denseMbS.wall / naiveDenseMbS.wall),
    benign_cpu_mb_s: r2(benignMbS.cpu),
    dense_cpu_mb_s: r2(denseMbS.cpu),
    naive_benign_cpu_mb_s: r2(naiveBenignMbS.cpu),
    naive_dense_cpu_mb_s: r2(naiveDenseMbS.cpu),
    ratio_benign_cpu: r2(benignMbS.cpu / naiveBenignMbS.cpu),
    ratio_dense_cpu: r2(denseMbS.cpu / naiveDenseMbS.cpu),
    json_mb_s: r2(jsonMbS.wall),
    json_cpu_mb_s: r2(jsonMbS.cpu),
    json_leaves: records.length * 8 + 1,
    p50_10kb_ms: r3(lat.p50),
    p99_10kb_ms: r3(lat.p99),
    naive_p50_10kb_ms: r3(naiveLat.p50),
    naive_p99_10kb_ms: r3(naiveLat.p99),
    ratio_p99_10kb: r2(naiveLat.p99 / lat.p99),
    p50_10kb_cpu_ms: r3(lat.cpuP50),
    p99_10kb_cpu_ms: r3(lat.cpuP99),
    naive_p99_10kb_cpu_ms: r3(naiveLat.cpuP99),
    ratio_p99_10kb_cpu: r2(naiveLat.cpuP99 / lat.cpuP99),
    load_avg_1m: r2(loadavg()[0]),
    ms_5mb_benign: r2(bigMs),
    naive_patterns: NAIVE.length,
    benign_action: benignVerdict.action,
    dense_action: denseVerdict.action,
    dense_findings: denseVerdict.findings.length,
  };

  console.log(`                 wall MB/s (naive, ratio)        CPU-time MB/s (naive)`);
  console.log(
    `benign   ${figures.benign_mb_s} (${figures.naive_benign_mb_s}, ×${figures.ratio_benign})        ${figures.benign_cpu_mb_s} (${figures.naive_benign_cpu_mb_s}, ×${figures.ratio_benign_cpu})`,
  );
  console.log(
    `dense    ${figures.dense_mb_s} (${figures.naive_dense_mb_s}, ×${figures.ratio_dense})        ${figures.dense_cpu_mb_s} (${figures.naive_dense_cpu_mb_s}, ×${figures.ratio_dense_cpu})   ${figures.dense_findings} findings`,
  );
  console.log(
    `JSON     ${figures.json_mb_s}        ${figures.json_cpu_mb_s}   (${figures.json_leaves} string leaves, ${(structuredBytes / 1e6).toFixed(1)} MB)`,
  );
  console.log(
    `10 KB    p50 ${figures.p50_10kb_ms} ms  p99 ${figures.p99_10kb_ms} ms (CPU p99 ${figures.p99_10kb_cpu_ms} ms)   naive p99 ${figures.naive_p99_10kb_ms} ms   ×${figures.ratio_p99_10kb}`,
  );
  console.log(`load average ${figures.load_avg_1m} (wall-clock figures drop when other processes share the CPU)`);
  console.log(`5 MB benign output inspected in ${figures.ms_5mb_benign} ms`);
  return figures;
}

function accuracy(name: string, s: Score) {
  for (const line of formatScore(name, s)) console.log(line);
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    [`${name}_cases`]: s.n,
    [`${name}_macro_f1`]: r(s.macroF1),
    [`${name}_leaks`]: s.leaks.length,
    [`${name}_discussion_quarantined`]: s.discussionQuarantined.length,
    ...Object.fromEntries(
      Object.entries(s.perClass).flatMap(([k, c]) => [
        [`${name}_${k.toLowerCase()}_precision`, r(c.precision)],
        [`${name}_${k.toLowerCase()}_recall`, r(c.recall)],
      ]),
    ),
    [`${name}_worst_families`]: s.perFamily.slice(0, 15).map((f) => `${f.family}:${r(f.recall)}`),
    [`${name}_family_recall`]: Object.fromEntries(s.perFamily.map((f) => [f.family, r(f.recall)])),
    [`${name}_flagged_harder`]: Object.fromEntries(s.falsePositives.map((f) => [f.family, f.count])),
  };
}

const evalOnly = process.argv.includes("--eval-only");
const speed = evalOnly ? {} : timing();
const dev = evaluate(devCases());
const held = evaluate(heldOutCases());
const figures = { ...speed, ...accuracy("dev", dev), ...accuracy("held_out", held) };
const pass = meetsGoal(dev) && meetsGoal(held);
console.log(
  `goal macro-F1 >= ${GOAL.macroF1}, leaks <= ${GOAL.leaks}, no discussion quarantined: ${pass ? "met" : "NOT met"} (dev and held-out)`,
);
console.log(JSON.stringify(figures));
if (!pass) process.exitCode = 1;
