/** Contact details (emails, phone numbers via libphonenumber-js) and the digit-span pass that feeds the id checks. */
import { findPhoneNumbersInText } from "libphonenumber-js";
import { emit, hasContext } from "./context";
import { iban, LONG_NUMBER_CHECKS, nino } from "./pii-ids";
import type { Detector, ScanContext } from "./types";

const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_RE =
  /[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*\.([A-Za-z]{2,24})(?![A-Za-z0-9-])/y;
/** "icon@2x.png", "pkg@1.2.3.tgz": file names and versions, not mailboxes. */
const FILE_TLDS = new Set([
  "png",
  "jpg",
  "jpeg",
  "gif",
  "svg",
  "webp",
  "ico",
  "js",
  "mjs",
  "ts",
  "tsx",
  "css",
  "json",
  "py",
  "rb",
  "go",
  "rs",
  "java",
  "md",
  "txt",
  "html",
  "lock",
  "zip",
  "tgz",
  "gz",
  "yaml",
  "yml",
  "toml",
  "xml",
  "pdf",
]);
/** RFC 2606 / 6761 documentation and reserved domains. */
const EXAMPLE_DOMAIN = /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost|local)$/i;

const email: Detector = {
  id: "email",
  anchors: ["@"],
  detect(scan, at) {
    const { text } = scan;
    let s = at;
    while (s > 0 && at - s < 64 && LOCAL_CHAR.test(text[s - 1])) s--;
    if (s === at || text[s] === "." || text[at - 1] === ".") return;
    DOMAIN_RE.lastIndex = at + 1;
    const m = DOMAIN_RE.exec(text);
    if (!m || FILE_TLDS.has(m[1].toLowerCase())) return;
    // user:pass@host and user@host inside a URL belong to the URL detectors; git@host:org/repo is an SSH remote.
    const before = text.slice(Math.max(0, s - 300), s);
    const scheme = before.lastIndexOf("://");
    if (scheme !== -1 && !/[\s/@]/.test(before.slice(scheme + 3))) return;
    const end = at + 1 + m[0].length;
    if (text.slice(s, at) === "git" && text[end] === ":") return;
    const domain = m[0];
    const conf = EXAMPLE_DOMAIN.test(domain) ? 0.2 : hasContext(scan, s, /e-?mail|contact|mailto/) ? 0.9 : 0.8;
    emit(scan, "email", "pii", s, end, conf);
  },
};

export const EMAIL_DETECTORS: readonly Detector[] = [email];

const PHONE_CTX =
  /phone|\btel\b|\btél|tel:|tel\.|telephone|\bcall|mobile|\bcell|\bfax|contact|whatsapp|\bsms\b|teléfono|telefono|téléphone|telefon|telefoon|telefone|telemóvel|celular|\bgsm\b|\bmob\b|numer tel|номер|телефон|тел\.|電話|携帯|电话|手机|전화|휴대폰|फ़ोन|फोन|मोबाइल|هاتف|جوال|تلفن|โทร|điện thoại|móvil|movil|portable|handy|cep|simu|فون|فون نمبر|ফোন|電話番号|sđt|telp|telepon|hp:|wa:/;
const DATE_LIKE = /^\d{4}[-./]\d{1,2}[-./]\d{1,2}|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/;
const DOTTED = /^\d{1,3}(?:\.\d{1,3}){2,}$/;

/** North American national formats: (415) 555-2671, 415-555-2671, 415.555.2671, 1 415 555 2671. */
const NANP_FORMAT = /^(?:1[-. ]?)?(?:\(\d{3}\) ?\d{3}[-. ]\d{4}|\d{3}([-. ])\d{3}\1\d{4})$/;

function phone(scan: ScanContext, s: number, sub: string, digits: number): void {
  if (digits < 7 || digits > 15 || DATE_LIKE.test(sub) || DOTTED.test(sub)) return;
  const intl = sub[0] === "+";
  const formatted = !intl && NANP_FORMAT.test(sub);
  // A bare run of digits is an id or an amount far more often than a phone: it needs a word like "phone" nearby.
  const ctx = hasContext(scan, s, PHONE_CTX, 40);
  if (!intl && !formatted && !ctx) return;
  const conf = (intl ? 0.8 : formatted ? 0.65 : 0.6) + (ctx ? 0.15 : 0);
  // A national number is read as North American first; next to a phone word, as other regions' national formats:
  // those dialled with a trunk 0 when it starts with 0, the others when it does not.
  const regions = intl || !ctx ? US_ONLY : sub.replace(/^\D+/, "")[0] === "0" ? TRUNK_ZERO_REGIONS : OTHER_REGIONS;
  for (const region of regions) {
    if (scan.budget.phoneLookups-- <= 0) return;
    const valid = findPhoneNumbersInText(sub, region).filter((found) => found.number.isValid());
    for (const found of valid) emit(scan, "phone_number", "pii", s + found.startsAt, s + found.endsAt, conf);
    if (valid.length > 0) return;
  }
}

const US_ONLY = ["US"] as const;
/** National numbers dialled with a leading 0 (the trunk prefix), most common in business text first. */
// biome-ignore format: a table
const TRUNK_ZERO_REGIONS = [
  "GB", "DE", "FR", "IN", "AU", "JP", "NL", "BR", "IT", "TR", "KR", "ID", "NG", "PK", "BD", "VN", "PH", "EG",
  "ZA", "SE", "CH", "BE", "AT", "IE", "AR", "CO", "SA", "AE", "IL", "NZ", "UA", "TH", "IR", "KE", "FI", "RO",
  "PE", "MY", "CN", "MX", "TZ", "UG", "GH", "MA", "DZ", "LK", "NP", "MM", "KH",
] as const;
/** National numbers without a trunk prefix (North America, Spain, Poland, Nordics, China's mobiles, Mexico, …). */
// biome-ignore format: a table
const OTHER_REGIONS = [
  "US", "ES", "PL", "CN", "MX", "RU", "PT", "DK", "NO", "CZ", "GR", "HU", "SG", "CL", "IT", "SA", "AE", "HK", "TW",
] as const;

/** Runs of at least six digits (single separators allowed): anything shorter is no id, card or phone. */
export const NUMBER_SPAN_RE = /\+?\(?\d(?:[ .\-\u00A0()]{0,2}\d){5,}/g;
/** IBANs start with two capitals and two check digits. */
export const IBAN_START_RE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}/g;

/** One pass over digit runs (separators allowed) feeding cards, national ids, NINO and phones; one more for IBANs. */
export function scanNumbers(scan: ScanContext): void {
  const { text } = scan;
  IBAN_START_RE.lastIndex = 0;
  for (let m = IBAN_START_RE.exec(text); m; m = IBAN_START_RE.exec(text)) iban(scan, m.index + 2);
  NUMBER_SPAN_RE.lastIndex = 0;
  for (let m = NUMBER_SPAN_RE.exec(text); m; m = NUMBER_SPAN_RE.exec(text)) {
    const sub = m[0];
    const s = m.index;
    let digits = 0;
    for (let i = 0; i < sub.length; i++) if (sub.charCodeAt(i) >= 48 && sub.charCodeAt(i) <= 57) digits++;
    if (digits === 6) {
      nino(scan, s, sub);
      continue;
    }
    const first = sub.search(/\d/);
    const core = sub.slice(first).replace(/[ .\-\u00A0()]+$/, "");
    for (const [min, check] of LONG_NUMBER_CHECKS) if (digits >= min) check(scan, s + first, core);
    phone(scan, s, sub.replace(/[ .\-\u00A0(]+$/, ""), digits);
  }
}

export const CONTACT_KINDS: ReadonlyArray<[string, string]> = [
  ["email", "Email address (documentation domains, file names and git remotes ignored)"],
  ["phone_number", 'Phone number validated by libphonenumber-js (international, phone-formatted, or next to "phone")'],
  ["card_security_code", "Card CVV/CVC in a cvv/cvc/security_code field"],
];

/** A CVV is three or four digits: only its field name can tell. Other PII fields raise context in the detectors above. */
export const CVV_KEY = /^(?:cvv2?|cvc2?|security[ _-]?code|card[ _-]?(?:security[ _-]?)?code)$/i;

export function detectPiiField(scan: ScanContext): void {
  if (scan.key === undefined || !CVV_KEY.test(scan.key)) return;
  const m = /^\s*(\d{3,4})\s*$/.exec(scan.text);
  if (m) emit(scan, "card_security_code", "pii", scan.text.indexOf(m[1]), scan.text.indexOf(m[1]) + m[1].length, 0.85);
}
