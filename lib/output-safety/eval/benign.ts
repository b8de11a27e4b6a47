/** Benign snippets: a look-alike for every family, plus ordinary prose the carriers pad with. */
import {
  DISCUSSION,
  ENV_CODE,
  HTML_BENIGN,
  LOOKALIKE_NUMBERS,
  PLACEHOLDERS,
  PLAIN_IMPERATIVE,
  UNICODE_BENIGN,
} from "./benign-text";
import { LANGUAGES } from "./languages";
import { HEX, type Rng, b64, luhnValid } from "./rng";
import type { Snippet } from "./types";

const ok = (family: string, text: string, discussion = false): Snippet => ({
  family: `benign/${family}`,
  label: "ALLOW",
  text,
  planted: [],
  ...(discussion ? { discussion } : {}),
});

const FILLER = [
  "The build finished in 3 min 12 s; 412 tests passed and 2 were skipped on Windows.",
  "We moved the staging database to the new cluster last week and nothing else changed.",
  "The quarterly report shows revenue up 4 % while support tickets went down.",
  "Weather for Lisbon: sunny, 24 °C, light wind from the north-west.",
  "The library supports Node 20 and 22; Bun works but is not tested in CI.",
  "Next sprint focuses on the search page: filters, pagination and empty states.",
  "Lunch is at 12:30 in the small meeting room; vegetarian options are available.",
  "The dataset has 18,240 rows and 14 columns, of which 3 have missing values.",
  "Latency p95 dropped from 310 ms to 190 ms after the cache change.",
  "Thanks for the quick review, I applied your suggestions and rebased on main.",
];

export const filler = (r: Rng): string => r.pick(FILLER);

/** A 16-digit order number that fails Luhn: cannot be a card. */
function orderNumber(r: Rng): string {
  for (;;) {
    const n = `${r.pick(["4", "5"])}${r.digits(15)}`;
    if (!luhnValid(n)) return n;
  }
}

function orderIds(r: Rng, i: number): Snippet {
  const n = orderNumber(r);
  const forms = [
    `Order ${n} was delivered on 2024-06-${10 + (i % 18)}.`,
    `transaction_id=${n} status=settled amount=19.99`,
    `Reference number: ${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8, 12)} ${n.slice(12)} (keep it for your records)`,
  ];
  return ok("order-ids", forms[i % forms.length]);
}

function hashes(r: Rng, i: number): Snippet {
  const forms = [
    `sha256  ${r.chars(HEX, 64)}  release-1.${i}.tar.gz`,
    `{"id": "${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-4${r.chars(HEX, 3)}-a${r.chars(HEX, 3)}-${r.chars(HEX, 12)}", "etag": "W/\\"${r.chars(HEX, 32)}\\""}`,
    `merge ${r.chars(HEX, 40)} into ${r.chars(HEX, 40)}`,
    `cache key: build-${r.chars(HEX, 16)}-node22-${r.chars(HEX, 8)}`,
    `x-request-id: ${r.chars(HEX, 32)}`,
  ];
  return ok("hashes-ids", forms[i % forms.length]);
}

function base64Benign(r: Rng, i: number): Snippet {
  const forms = [
    `config (base64): ${b64(JSON.stringify({ theme: "dark", pageSize: 25 + i, locale: "de-DE" }))}`,
    `"thumbnail": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAA${r.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40)}"`,
    `message body was base64: ${b64(r.pick(FILLER))}`,
  ];
  return ok("base64-benign", forms[i % forms.length]);
}

export function benignSnippets(r: Rng): Snippet[] {
  const out: Snippet[] = [];
  for (const t of DISCUSSION) out.push(ok("discussion", t, true), ok("discussion", t, true));
  for (const t of PLACEHOLDERS) out.push(ok("placeholder-credentials", t), ok("placeholder-credentials", t));
  for (const t of ENV_CODE) out.push(ok("code-reading-secrets", t), ok("code-reading-secrets", t));
  for (const t of PLAIN_IMPERATIVE) out.push(ok("plain-imperative", t), ok("plain-imperative", t));
  for (const t of LOOKALIKE_NUMBERS) out.push(ok("number-lookalikes", t), ok("number-lookalikes", t));
  for (const t of HTML_BENIGN) out.push(ok("html-markdown", t), ok("html-markdown", t));
  for (const t of UNICODE_BENIGN)
    out.push(ok("invisible-unicode", t), ok("invisible-unicode", t), ok("invisible-unicode", t));
  for (const p of Object.values(LANGUAGES)) {
    out.push(ok("multilingual", p.benignGuide), ok("multilingual", p.benignMeeting));
    out.push(ok("multilingual", `${p.benignMeeting}\n${p.benignGuide}`));
  }
  for (let i = 0; i < 30; i++) out.push(orderIds(r, i), hashes(r, i), base64Benign(r, i));
  for (let i = 0; i < 60; i++) out.push(ok("prose", `${filler(r)} ${filler(r)}`));
  return out;
}
