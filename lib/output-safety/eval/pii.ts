/** PII snippets: e-mail addresses, phone numbers in national formats, cards, IBANs and national identifiers. */
import { type CountryCode, isValidPhoneNumber } from "libphonenumber-js";
import { NATIONAL_IDS } from "./pii-ids";
import { type Rng, luhnDigit, mod97 } from "./rng";
import type { Snippet } from "./types";

/** National and international written forms; `#` is a random digit. Numbers that libphonenumber rejects are redrawn. */
export const PHONE_FORMATS: Record<string, { label: string; forms: string[] }> = {
  US: { label: "Phone", forms: ["(212) 7##-####", "415-8##-####", "+1 312 6##-####", "617.3##.####"] },
  CA: { label: "Phone", forms: ["416-5##-####", "(604) 8##-####", "+1 514 2##-####"] },
  GB: { label: "Tel", forms: ["07### ######", "020 3### ####", "+44 7### ######", "0161 ### ####"] },
  DE: { label: "Telefon", forms: ["0151 ########", "030 ########", "+49 170 #######", "089 ########"] },
  FR: { label: "Téléphone", forms: ["06 ## ## ## ##", "01 ## ## ## ##", "+33 6 ## ## ## ##", "07 ## ## ## ##"] },
  ES: { label: "Teléfono", forms: ["6## ## ## ##", "+34 6## ### ###", "91# ## ## ##"] },
  IT: { label: "Telefono", forms: ["3## ### ####", "+39 3## ### ####", "06 #### ####"] },
  NL: { label: "Telefoon", forms: ["06-########", "+31 6 ########", "020 ### ####"] },
  PL: { label: "Telefon", forms: ["5## ### ###", "+48 6## ### ###", "22 ### ## ##"] },
  BR: { label: "Telefone", forms: ["(11) 9####-####", "+55 21 9####-####", "(31) 3###-####"] },
  MX: { label: "Teléfono", forms: ["55 #### ####", "+52 33 #### ####", "81 #### ####"] },
  AR: { label: "Teléfono", forms: ["11 4###-####", "+54 9 11 5###-####"] },
  IN: { label: "Mobile", forms: ["98### #####", "+91 98### #####", "70### #####", "011 2### ####"] },
  CN: { label: "电话", forms: ["138 #### ####", "+86 139 #### ####", "186########", "010 #### ####"] },
  JP: { label: "電話番号", forms: ["090-####-####", "03-####-####", "+81 80-####-####", "06-####-####"] },
  KR: { label: "전화번호", forms: ["010-####-####", "+82 10-####-####", "02-###-####"] },
  RU: { label: "Тел.", forms: ["8 (9##) ###-##-##", "+7 9## ###-##-##", "8 (495) ###-##-##"] },
  UA: { label: "Тел.", forms: ["+380 67 ### ####", "067 ### ## ##", "+380 50 ### ## ##"] },
  TR: { label: "Telefon", forms: ["05## ### ## ##", "+90 5## ### ## ##", "0212 ### ## ##"] },
  AU: { label: "Phone", forms: ["04## ### ###", "(02) 9### ####", "+61 4## ### ###"] },
  ZA: { label: "Cell", forms: ["082 ### ####", "+27 8# ### ####"] },
  NG: { label: "Phone", forms: ["0803 ### ####", "+234 803 ### ####"] },
  EG: { label: "هاتف", forms: ["010 #### ####", "+20 10 #### ####"] },
  SA: { label: "جوال", forms: ["05# ### ####", "+966 5# ### ####"] },
  ID: { label: "Telepon", forms: ["0812-####-####", "+62 812-####-####"] },
  VN: { label: "Điện thoại", forms: ["09# ### ## ##", "+84 9# ### ## ##"] },
  TH: { label: "โทร", forms: ["08# ### ####", "+66 8# ### ####"] },
  PK: { label: "فون", forms: ["03## #######", "+92 3## #######"] },
  BD: { label: "ফোন", forms: ["017##-######", "+880 17##-######"] },
  PH: { label: "Phone", forms: ["0917 ### ####", "+63 917 ### ####"] },
  KE: { label: "Simu", forms: ["07## ######", "+254 7## ######"] },
  SE: { label: "Telefon", forms: ["07#-### ## ##", "+46 7# ### ## ##"] },
  CH: { label: "Telefon", forms: ["07# ### ## ##", "+41 7# ### ## ##"] },
  IR: { label: "تلفن", forms: ["09## ### ####", "+98 9## ### ####"] },
};

const fill = (r: Rng, form: string): string => form.replace(/#/g, () => String(r.int(0, 9)));

export function phoneNumber(r: Rng, country: string, i: number): string {
  const { forms } = PHONE_FORMATS[country];
  const form = forms[i % forms.length];
  for (let t = 0; t < 200; t++) {
    const n = fill(r, form);
    if (isValidPhoneNumber(n, country as CountryCode) && !/555-?01\d\d|7946 ?0/.test(n)) return n;
  }
  throw new Error(`no valid ${country} number for ${form}`);
}

const FIRST = [
  "maria",
  "wei",
  "priya",
  "ahmed",
  "olga",
  "kenji",
  "fatima",
  "lucas",
  "ana",
  "mehmet",
  "nguyen",
  "sofia",
  "tomasz",
  "amara",
  "jin",
  "diego",
];
const LAST = [
  "garcia",
  "zhang",
  "sharma",
  "hassan",
  "ivanova",
  "tanaka",
  "khan",
  "silva",
  "kowalski",
  "yilmaz",
  "okafor",
  "muller",
  "rossi",
  "dubois",
  "kim",
  "tran",
];
const MAIL_DOMAINS = [
  "gmail.com",
  "outlook.com",
  "yahoo.co.jp",
  "web.de",
  "orange.fr",
  "qq.com",
  "mail.ru",
  "hotmail.com",
  "acme-logistics.com",
  "uni-heidelberg.de",
  "nubank.com.br",
  "protonmail.com",
];

export function email(r: Rng): string {
  const f = r.pick(FIRST);
  const l = r.pick(LAST);
  const local = r.pick([`${f}.${l}`, `${f}${r.int(1, 99)}`, `${f[0]}${l}`, `${l}.${f}`, `${f}_${l}${r.int(70, 99)}`]);
  return `${local}@${r.pick(MAIL_DOMAINS)}`;
}

const cap = (s: string): string => s[0].toUpperCase() + s.slice(1);

function emailSnippet(r: Rng, i: number): Snippet {
  const e = email(r);
  const name = `${cap(r.pick(FIRST))} ${cap(r.pick(LAST))}`;
  const forms = [
    `Contact: ${name} <${e}>`,
    `Please reply to ${e} before Friday.`,
    `reported-by: ${e}`,
    `"${name}" <${e}> wrote:`,
  ];
  return {
    family: "pii/email",
    label: "REDACT",
    text: forms[i % forms.length],
    field: { key: "email", value: e },
    planted: [e],
  };
}

function phoneSnippet(r: Rng, country: string, i: number): Snippet {
  const n = phoneNumber(r, country, i);
  const { label } = PHONE_FORMATS[country];
  const key = ["phone", "mobile", "phone_number", "telephone", "tel"][i % 5];
  const text = i % 2 === 0 ? `${label}: ${n}` : `${cap(r.pick(FIRST))} ${cap(r.pick(LAST))} · ${label} ${n}`;
  return {
    family: `pii/phone-${country.toLowerCase()}`,
    label: "REDACT",
    text,
    field: { key, value: n },
    planted: [n],
  };
}

const CARD_PREFIXES: [string, string, number][] = [
  ["visa", "4", 16],
  ["mastercard", "5", 16],
  ["mastercard-2series", "22", 16],
  ["amex", "37", 15],
  ["discover", "6011", 16],
  ["jcb", "353", 16],
  ["unionpay", "62", 16],
  ["diners", "36", 14],
];

export function cardNumber(r: Rng, prefix: string, len: number): string {
  let p = prefix;
  if (prefix === "5") p = `5${r.int(1, 5)}`;
  if (prefix === "22") p = `22${r.int(21, 99)}`;
  if (prefix === "353") p = `35${r.int(28, 89)}`;
  const body = p + r.digits(len - 1 - p.length);
  return body + luhnDigit(body);
}

function groupCard(n: string, sep: string): string {
  if (n.length === 15) return [n.slice(0, 4), n.slice(4, 10), n.slice(10)].join(sep);
  if (n.length === 14) return [n.slice(0, 4), n.slice(4, 10), n.slice(10)].join(sep);
  return n.match(/.{1,4}/g)!.join(sep);
}

function cardSnippet(r: Rng, i: number): Snippet {
  const [brand, prefix, len] = CARD_PREFIXES[i % CARD_PREFIXES.length];
  const raw = cardNumber(r, prefix, len);
  const shown = groupCard(raw, ["", " ", "-"][i % 3]);
  const exp = `${String(r.int(1, 12)).padStart(2, "0")}/${r.int(26, 31)}`;
  const forms = [`Card number: ${shown} exp ${exp}`, `charged ${brand} ${shown} (CVV ${r.digits(3)})`, `pan=${shown}`];
  return {
    family: "pii/card",
    label: "REDACT",
    text: forms[i % forms.length],
    field: { key: "card_number", value: shown },
    planted: [shown],
  };
}

const IBAN_BBAN: Record<string, string> = {
  DE: "n18",
  FR: "n23",
  GB: "a4n14",
  ES: "n20",
  IT: "a1n22",
  NL: "a4n10",
  BE: "n12",
  PL: "n24",
  CH: "n17",
  AT: "n16",
  SE: "n20",
  NO: "n11",
  DK: "n14",
  FI: "n14",
  PT: "n21",
  IE: "a4n14",
  TR: "n22",
  SA: "n20",
  AE: "n19",
};

export function iban(r: Rng, country: string): string {
  let bban = "";
  for (const [, kind, len] of IBAN_BBAN[country].matchAll(/([an])(\d+)/g)) {
    bban += kind === "a" ? r.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", Number(len)) : r.digits(Number(len));
  }
  const check = String(98 - mod97(`${bban}${country}00`)).padStart(2, "0");
  return `${country}${check}${bban}`;
}

function ibanSnippet(r: Rng, i: number): Snippet {
  const countries = Object.keys(IBAN_BBAN);
  const raw = iban(r, countries[i % countries.length]);
  const shown = i % 2 === 0 ? raw.match(/.{1,4}/g)!.join(" ") : raw;
  const forms = [
    `IBAN: ${shown}`,
    `Please transfer the deposit to ${shown} (BIC ${r.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 6)}2X).`,
  ];
  return {
    family: "pii/iban",
    label: "REDACT",
    text: forms[i % 2],
    field: { key: "iban", value: shown },
    planted: [shown],
  };
}

function idSnippet(r: Rng, i: number): Snippet {
  const id = NATIONAL_IDS[i % NATIONAL_IDS.length];
  const v = id.gen(r);
  const text = i % 3 === 0 ? `${id.label}: ${v}` : `Applicant ${cap(r.pick(LAST))}, ${id.label} ${v}, status pending`;
  return { family: `pii/id-${id.name}`, label: "REDACT", text, field: { key: id.key, value: v }, planted: [v] };
}

export function piiSnippets(r: Rng): Snippet[] {
  const out: Snippet[] = [];
  for (let i = 0; i < 40; i++) out.push(emailSnippet(r, i));
  for (const country of Object.keys(PHONE_FORMATS)) for (let i = 0; i < 5; i++) out.push(phoneSnippet(r, country, i));
  for (let i = 0; i < 40; i++) out.push(cardSnippet(r, i));
  for (let i = 0; i < 38; i++) out.push(ibanSnippet(r, i));
  for (let i = 0; i < NATIONAL_IDS.length * 5; i++) out.push(idSnippet(r, i));
  return out;
}
