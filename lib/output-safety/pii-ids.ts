/** Numbers that identify people: payment cards and national ids, each confirmed by its check digits. */
import {
  aadhaarValid,
  bsnValid,
  cpfValid,
  dniValid,
  IBAN_LENGTHS,
  ibanValid,
  luhnValid,
  ninoPrefixValid,
  nhsValid,
  ssnValid,
} from "./checksums";
import { emit, hasContext } from "./context";
import type { ScanContext } from "./types";

const CARD_CTX =
  /card|visa|master ?card|amex|american express|credit|debit|payment|\bcc\b|\bpan\b|tarjeta|carte|karte|卡/;
const CARD_NEG = /order|invoice|tracking|transaction|\bref|\bid\b|#|serial|account|imei|isbn|sku|phone|\btel\b/;
const SSN_CTX = /ssn|social security|soc\.? ?sec|\bss#/;
const NHS_CTX = /nhs/;
const BSN_CTX = /bsn|burgerservice|sofi/;
const DNI_CTX = /dni|\bnie\b|\bnif\b|documento|identidad/;
const CPF_CTX = /cpf/;
const AADHAAR_CTX = /aadhaa?r|uidai|\buid\b/;
const SIN_CTX = /\bsin\b|social insurance|assurance sociale|\bnas\b/;
const NINO_CTX = /national insurance|\bnino\b|\bni\b|ni number|ni no/;

/** Published test card numbers (Stripe, Adyen, Braintree docs): documentation, not a person's card. */
const TEST_PANS = new Set([
  "4111111111111111",
  "4242424242424242",
  "4000056655665556",
  "5555555555554444",
  "5105105105105100",
  "2223003122003222",
  "5200828282828210",
  "378282246310005",
  "371449635398431",
  "6011111111111117",
  "6011000990139424",
  "3530111333300000",
  "3566002020360505",
  "30569309025904",
  "38520000023237",
  "6200000000000005",
  "4012888888881881",
  "4000000000000002",
  "4000002500003155",
  "4000000000009995",
  "4000000000000077",
]);

/** Issuer (IIN) ranges and lengths; a Luhn-valid number outside every range is not a card. */
export function cardIssuer(d: string): string | null {
  const n = d.length;
  const p2 = +d.slice(0, 2),
    p3 = +d.slice(0, 3),
    p4 = +d.slice(0, 4),
    p6 = +d.slice(0, 6);
  if (d[0] === "4" && (n === 13 || n === 16 || n === 19)) return "visa";
  if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && n === 16) return "mastercard";
  if ((p2 === 34 || p2 === 37) && n === 15) return "amex";
  if ((p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65 || (p6 >= 622126 && p6 <= 622925)) && n >= 16 && n <= 19)
    return "discover";
  if (p4 >= 3528 && p4 <= 3589 && n >= 16 && n <= 19) return "jcb";
  if (((p3 >= 300 && p3 <= 305) || p4 === 3095 || p2 === 36 || p2 === 38 || p2 === 39) && n >= 14 && n <= 19)
    return "diners";
  if (p2 === 62 && n >= 16 && n <= 19) return "unionpay";
  if (p4 >= 2200 && p4 <= 2204 && n >= 16 && n <= 19) return "mir";
  if ([5018, 5020, 5038, 5893, 6304, 6759, 6761, 6762, 6763].includes(p4) && n >= 12 && n <= 19) return "maestro";
  return null;
}

const CARD_RE = /(?<!\d)(?:\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?|\d{4}([ -])\d{6}\2\d{4,5}|\d{12,19})(?!\d)/g;
const SSN_RE = /(?<![\d-])\d{3}([- ])\d{2}\1\d{4}(?![\d-])/g;
const NHS_RE = /(?<!\d)\d{3}([ -]?)\d{3}\1\d{4}(?!\d)/g;
const CPF_RE = /(?<!\d)(?:\d{3}\.\d{3}\.\d{3}-\d{2}|\d{11})(?!\d)/g;
const AADHAAR_RE = /(?<!\d)[2-9]\d{3}([ -]?)\d{4}\1\d{4}(?!\d)/g;
const SIN_RE = /(?<![\d-])\d{3}([ -]?)\d{3}\1\d{3}(?![\d-])/g;
const BSN_RE = /(?<!\d)(?:\d{9}|\d{4}\.\d{2}\.\d{3})(?!\d)/g;

type IdCheck = (scan: ScanContext, s: number, sub: string) => void;

function each(re: RegExp, sub: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(sub); m; m = re.exec(sub)) fn(m);
}

const cards: IdCheck = (scan, s, sub) =>
  each(CARD_RE, sub, (m) => {
    // "4539 1488 0343 6467 12/26": the optional fifth group may be the next number, so also try without it.
    const candidates = m[1] && m[0].length > 19 ? [m[0], m[0].slice(0, 19)] : [m[0]];
    const text = candidates.find((c) => {
      const d = c.replace(/\D/g, "");
      return luhnValid(d) && cardIssuer(d) !== null;
    });
    if (text === undefined) return;
    const d = text.replace(/\D/g, "");
    const at = s + m.index;
    let conf = text.length > d.length ? 0.9 : 0.8;
    if (hasContext(scan, at, CARD_NEG, 32) && !hasContext(scan, at, CARD_CTX, 32)) conf -= 0.4;
    else if (hasContext(scan, at, CARD_CTX)) conf += 0.08;
    if (TEST_PANS.has(d) || /(\d)\1{5}/.test(d)) conf = 0.3; // published test numbers and padded dummies
    emit(scan, "payment_card", "pii", at, at + text.length, conf);
  });

const ssn: IdCheck = (scan, s, sub) => {
  each(SSN_RE, sub, (m) => {
    if (!ssnValid(m[0])) return;
    const ctx = hasContext(scan, s + m.index, SSN_CTX);
    emit(scan, "us_ssn", "pii", s + m.index, s + m.index + 11, m[1] === "-" ? (ctx ? 0.95 : 0.8) : ctx ? 0.85 : 0.4);
  });
  if (/^\d{9}$/.test(sub) && ssnValid(sub) && hasContext(scan, s, SSN_CTX)) emit(scan, "us_ssn", "pii", s, s + 9, 0.85);
};

const nhs: IdCheck = (scan, s, sub) =>
  each(NHS_RE, sub, (m) => {
    if (!nhsValid(m[0])) return;
    const ctx = hasContext(scan, s + m.index, NHS_CTX);
    emit(scan, "nhs_number", "pii", s + m.index, s + m.index + m[0].length, ctx ? 0.9 : m[1] ? 0.45 : 0.2);
  });

const cpf: IdCheck = (scan, s, sub) =>
  each(CPF_RE, sub, (m) => {
    if (!cpfValid(m[0])) return;
    const ctx = hasContext(scan, s + m.index, CPF_CTX);
    emit(
      scan,
      "br_cpf",
      "pii",
      s + m.index,
      s + m.index + m[0].length,
      m[0].includes(".") ? (ctx ? 0.95 : 0.85) : ctx ? 0.85 : 0.2,
    );
  });

const aadhaar: IdCheck = (scan, s, sub) =>
  each(AADHAAR_RE, sub, (m) => {
    if (!aadhaarValid(m[0])) return;
    const ctx = hasContext(scan, s + m.index, AADHAAR_CTX);
    emit(scan, "in_aadhaar", "pii", s + m.index, s + m.index + m[0].length, ctx ? 0.9 : 0.45);
  });

const bsn: IdCheck = (scan, s, sub) =>
  each(BSN_RE, sub, (m) => {
    if (!bsnValid(m[0])) return;
    const ctx = hasContext(scan, s + m.index, BSN_CTX);
    emit(scan, "nl_bsn", "pii", s + m.index, s + m.index + m[0].length, ctx ? 0.85 : 0.2);
  });

/** Canadian SIN: nine digits with a Luhn check; formatted 3-3-3 or next to "SIN". */
const sin: IdCheck = (scan, s, sub) =>
  each(SIN_RE, sub, (m) => {
    const d = m[0].replace(/\D/g, "");
    if (!luhnValid(d) || /^(\d)\1+$/.test(d)) return;
    const ctx = hasContext(scan, s + m.index, SIN_CTX);
    emit(scan, "ca_sin", "pii", s + m.index, s + m.index + m[0].length, ctx ? 0.92 : m[1] ? 0.45 : 0.2);
  });

const isAlnum = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9]/.test(c);
const isUpper = (c: string | undefined): boolean => c !== undefined && c >= "A" && c <= "Z";

/** DNI: exactly 8 digits then the check letter; NIE: X/Y/Z, 7 digits, letter. */
const dni: IdCheck = (scan, s, sub) => {
  const { text } = scan;
  if (!/^\d{7,8}$/.test(sub)) return;
  const e = s + sub.length;
  const letter = text[e] === "-" ? e + 1 : e;
  if (!/[A-Za-z]/.test(text[letter] ?? "") || isAlnum(text[letter + 1])) return;
  const nie = sub.length === 7 && /[XYZxyz]/.test(text[s - 1] ?? "") && !isAlnum(text[s - 2]);
  if (sub.length === 7 ? !nie : isAlnum(text[s - 1])) return;
  const from = nie ? s - 1 : s;
  if (!dniValid(text.slice(from, e) + text[letter])) return;
  emit(scan, "es_dni", "pii", from, letter + 1, hasContext(scan, from, DNI_CTX) ? 0.95 : 0.8);
};

/** Known documentation IBANs (ECBS / Wikipedia examples). */
const EXAMPLE_IBANS = new Set([
  "GB82WEST12345698765432",
  "DE89370400440532013000",
  "GB29NWBK60161331926819",
  "FR1420041010050500013M02606",
  "NL91ABNA0417164300",
]);

/** IBAN: two letters before a digit span, read to the country's registered length (single spaces allowed). */
export const iban = (scan: ScanContext, s: number): void => {
  const { text } = scan;
  if (s < 2 || !isUpper(text[s - 2]) || !isUpper(text[s - 1]) || isAlnum(text[s - 3])) return;
  const len = IBAN_LENGTHS[text.slice(s - 2, s)];
  if (len === undefined) return;
  let compact = "";
  let i = s - 2;
  while (i < text.length && compact.length < len) {
    const c = text[i];
    if (c === " " && compact.length % 4 === 0 && isAlnum(text[i + 1])) {
      i++;
      continue;
    }
    if (!/[A-Z0-9]/.test(c)) break;
    compact += c;
    i++;
  }
  if (compact.length !== len || isAlnum(text[i]) || !ibanValid(compact)) return;
  emit(scan, "iban", "pii", s - 2, i, EXAMPLE_IBANS.has(compact) ? 0.3 : 0.9);
};

/** UK NINO: two prefix letters, six digits (optionally in pairs), suffix A-D. */
export const nino = (scan: ScanContext, s: number, sub: string): void => {
  const { text } = scan;
  if (!/^\d{2} ?\d{2} ?\d{2}$/.test(sub)) return;
  const spaced = text[s - 1] === " ";
  const p = spaced ? s - 3 : s - 2;
  if (p < 0 || !isUpper(text[p]) || !isUpper(text[p + 1]) || isAlnum(text[p - 1])) return;
  let e = s + sub.length;
  if (text[e] === " ") e++;
  if (!/[A-D]/.test(text[e] ?? "") || isAlnum(text[e + 1])) return;
  if (!ninoPrefixValid(text.slice(p, p + 2))) return;
  emit(scan, "uk_nino", "pii", p, e + 1, hasContext(scan, p, NINO_CTX) ? 0.95 : 0.8);
};

/** Checks for digit spans, each with the fewest digits it can use. */
export const LONG_NUMBER_CHECKS: ReadonlyArray<readonly [number, IdCheck]> = [
  [12, cards],
  [9, ssn],
  [10, nhs],
  [11, cpf],
  [12, aadhaar],
  [9, bsn],
  [9, sin],
  [7, dni],
];

export const ID_KINDS: ReadonlyArray<[string, string]> = [
  ["payment_card", "Payment card number (Luhn + issuer ranges; spaces or dashes allowed; test PANs ignored)"],
  ["us_ssn", "US Social Security number (valid area/group/serial; bare 9 digits only with context)"],
  ["uk_nino", "UK National Insurance number (valid prefixes, suffix A-D)"],
  ["nhs_number", 'NHS number (mod 11) next to "NHS"'],
  ["es_dni", "Spanish DNI/NIE (mod-23 check letter)"],
  ["nl_bsn", 'Dutch BSN (11-proof) next to "BSN"'],
  ["br_cpf", "Brazilian CPF (two mod-11 check digits)"],
  ["in_aadhaar", 'Indian Aadhaar (Verhoeff) next to "Aadhaar"'],
  ["iban", "IBAN (mod-97 + per-country length)"],
  ["ca_sin", 'Canadian Social Insurance Number (Luhn) next to "SIN" or in a SIN field'],
];
