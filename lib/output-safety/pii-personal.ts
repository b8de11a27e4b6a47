/**
 * Personal data that has no check digit: a date of birth, a passport or driving-licence number, a bank account
 * number. Each is recognised only by its name — the JSON field holding it, or a label right before it in the text.
 */
import { memoize } from "../memo";
import { emit } from "./context";
import type { Detector, ScanContext } from "./types";

interface PersonalField {
  kind: string;
  description: string;
  /** Field names (words joined by spaces, lower case). */
  field: RegExp;
  /** Lower-case labels that precede the value in text. */
  labels: readonly string[];
  /** The value's shape, anchored: the whole field value, or the text right after a label. */
  value: RegExp;
}

const DATE =
  /(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])|(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:19|20)\d{2}|(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])\/(?:19|20)\d{2}|(?:0?[1-9]|[12]\d|3[01]) (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (?:19|20)\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (?:0?[1-9]|[12]\d|3[01]),? (?:19|20)\d{2}/i;
/** Document numbers: 5–20 letters and digits (single separators allowed), at least two digits. */
const DOC_NUMBER = /(?=(?:[^\d\n]*\d){2})[A-Z0-9](?:[A-Z0-9]|[ -](?=[A-Z0-9])){4,19}(?![A-Za-z0-9])/i;
const ACCOUNT_NUMBER = /\d(?:[\d -](?=\d)){5,19}\d?(?!\d)/;

export const PERSONAL_FIELDS: readonly PersonalField[] = [
  {
    kind: "date_of_birth",
    description: "Date of birth in a dob/birth-date field or after such a label",
    field:
      /^(?:dob|d o b|date of birth|birth ?date|birthday|birth day|born|geburtsdatum|fecha de nacimiento|date de naissance|data di nascita|data de nascimento|geboortedatum)$/,
    labels: [
      "dob",
      "d.o.b.",
      "date of birth",
      "birth date",
      "birthdate",
      "born on",
      "geburtsdatum",
      "fecha de nacimiento",
      "date de naissance",
      "data di nascita",
      "data de nascimento",
      "geboortedatum",
      "生年月日",
      "出生日期",
    ],
    value: DATE,
  },
  {
    kind: "passport_number",
    description: "Passport number in a passport field or after such a label",
    field: /^(?:passport|passport (?:number|no|num|id)|reisepass(?:nummer)?|pasaporte|passeport|passaporto)$/,
    labels: [
      "passport no",
      "passport number",
      "passport #",
      "passport:",
      "reisepassnummer",
      "n° de passeport",
      "número de pasaporte",
      "numero di passaporto",
    ],
    value: DOC_NUMBER,
  },
  {
    kind: "drivers_license",
    description: "Driving-licence number in a licence field or after such a label",
    field:
      /^(?:drivers? licen[cs]e(?: (?:number|no|num|id))?|driving licen[cs]e(?: (?:number|no))?|dl (?:number|no)|license number|licence number|führerschein(?:nummer)?)$/,
    labels: [
      "driver's license",
      "drivers license",
      "driver license",
      "driving licence",
      "driving license",
      "dl no",
      "dl#",
      "führerscheinnummer",
    ],
    value: DOC_NUMBER,
  },
  {
    kind: "bank_account",
    description: "Bank account or routing number in an account field or after such a label",
    field:
      /^(?:(?:bank )?account (?:number|no|num)|bank account|acct (?:number|no|num)|routing (?:number|no)|aba|sort code|bsb|kontonummer|numero de cuenta|rekeningnummer)$/,
    labels: [
      "account number",
      "account no",
      "acct no",
      "acct #",
      "routing number",
      "sort code",
      "kontonummer",
      "rekeningnummer",
      "número de cuenta",
    ],
    value: ACCOUNT_NUMBER,
  },
];

const fieldWords = (key: string): string =>
  key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[^a-z0-9äöüéèáíóúñ ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** The personal-data fields a field name names (usually none). */
const fieldsNamed = memoize((key: string): PersonalField[] => {
  const name = fieldWords(key);
  return PERSONAL_FIELDS.filter((f) => f.field.test(name));
}, 4096);

/** The whole value of a field so named, when it has the field's shape. */
export function detectPersonalField(scan: ScanContext): void {
  if (scan.key === undefined || scan.text.length > 64) return;
  for (const f of fieldsNamed(scan.key)) {
    const value = scan.text.trim();
    const m = f.value.exec(value);
    if (m?.index !== 0 || m[0].length < value.length - 1) continue;
    const lead = scan.text.indexOf(value);
    emit(scan, f.kind, "pii", lead, lead + value.length, 0.85);
  }
}

const BY_LABEL = new Map<string, PersonalField>();
for (const f of PERSONAL_FIELDS) for (const l of f.labels) BY_LABEL.set(l, f);

const LABEL_GAP = /^[\s:#.=()-]*(?:(?:no|nr|number|num)\.?[\s:#.=-]*)?/i;

const personalLabels: Detector = {
  id: "personal_labels",
  anchorsCi: [...BY_LABEL.keys()],
  detect(scan, at, len) {
    const { text } = scan;
    if (/[A-Za-z]/.test(text[at - 1] ?? "")) return;
    const f = BY_LABEL.get(text.slice(at, at + len).toLowerCase());
    if (!f) return;
    const after = text.slice(at + len, at + len + 60);
    const gap = LABEL_GAP.exec(after)?.[0].length ?? 0;
    if (gap === 0 && /[A-Za-z]/.test(after[0] ?? "")) return; // "dobby", "passportal"
    const m = f.value.exec(after.slice(gap));
    if (m?.index !== 0) return;
    const start = at + len + gap;
    emit(scan, f.kind, "pii", start, start + m[0].length, 0.8);
  },
};

export const PERSONAL_DETECTORS: readonly Detector[] = [personalLabels];
export const PERSONAL_KINDS: ReadonlyArray<[string, string]> = PERSONAL_FIELDS.map((f) => [f.kind, f.description]);
/** True when a field name names personal data (its leaf is then always scanned). */
export const namesPersonalField = (key: string): boolean => fieldsNamed(key).length > 0;
