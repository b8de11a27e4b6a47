/**
 * National identifiers beyond the digit-span checks in pii-ids.ts: each is read only next to its own name (in the
 * text, in any of the languages that name it, or as the JSON field holding it) and must pass its check digits.
 */
import { memoize } from "../memo";
import { emit } from "./context";
import {
  belgianValid,
  chinaIdValid,
  cnpjValid,
  codiceFiscaleValid,
  curpValid,
  fodselsnummerValid,
  hetuValid,
  israeliIdValid,
  luhn,
  myNumberValid,
  nirValid,
  nricValid,
  peselValid,
  ptNifValid,
  rrnValid,
  rutValid,
  steuerIdValid,
  tcKimlikValid,
  tfnValid,
  validDate,
} from "./national-id-checks";
import type { Detector, ScanContext } from "./types";

interface NationalId {
  kind: string;
  description: string;
  /** Lower-case names of the identifier; the value follows within a short window, or sits under such a field. */
  words: readonly string[];
  /** The identifier's shape (global regex); the match is then checked by `valid` on its compact form. */
  re: RegExp;
  valid: (compact: string) => boolean;
}

const SEP = "[ .\\-/]?";

export const NATIONAL_IDS: readonly NationalId[] = [
  {
    kind: "fr_nir",
    description: "French social security number (NIR, key mod 97) next to its name",
    words: ["nir", "sécurité sociale", "securite sociale", "numéro de sécu", "insee", "carte vitale"],
    re: new RegExp(`[12378]${SEP}\\d{2}${SEP}\\d{2}${SEP}(?:\\d{2}|2[AB])${SEP}\\d{3}${SEP}\\d{3}${SEP}\\d{2}`, "g"),
    valid: nirValid,
  },
  {
    kind: "it_codice_fiscale",
    description: "Italian codice fiscale (check letter)",
    words: ["codice fiscale", "cod. fisc", "codicefiscale", "c.f.", "fiscal code", "tax code"],
    re: /[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPR-T][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]/g,
    valid: codiceFiscaleValid,
  },
  {
    kind: "pl_pesel",
    description: "Polish PESEL (weighted check digit)",
    words: ["pesel"],
    re: /\d{11}/g,
    valid: peselValid,
  },
  {
    kind: "se_personnummer",
    description: "Swedish personnummer (Luhn)",
    words: ["personnummer", "personal identity number", "person nr"],
    re: /(?:19|20)?\d{6}[-+]?\d{4}/g,
    valid: (s) => luhn(s.slice(-10)) && validDate(s.slice(-10, -8), s.slice(-8, -6), s.slice(-6, -4)),
  },
  {
    kind: "no_fodselsnummer",
    description: "Norwegian fødselsnummer (two mod-11 check digits)",
    words: ["fødselsnummer", "fodselsnummer", "personnummer (no)", "f.nr", "fnr"],
    re: /\d{6} ?\d{5}/g,
    valid: fodselsnummerValid,
  },
  {
    kind: "fi_hetu",
    description: "Finnish personal identity code (HETU, mod-31 check character)",
    words: ["henkilötunnus", "henkilotunnus", "hetu", "personbeteckning"],
    re: /\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]/g,
    valid: hetuValid,
  },
  {
    kind: "be_national_number",
    description: "Belgian national register number (mod 97)",
    words: ["rijksregisternummer", "numéro national", "numero national", "national number", "nn", "insz", "niss"],
    re: /\d{2}\.?\d{2}\.?\d{2}[-. ]?\d{3}\.?\d{2}/g,
    valid: belgianValid,
  },
  {
    kind: "cn_resident_id",
    description: "Chinese resident identity card number (ISO 7064 check)",
    words: ["身份证", "身份證", "居民身份", "resident id", "id card", "shenfenzheng"],
    re: /[1-9]\d{16}[\dXx]/g,
    valid: (s) => chinaIdValid(s.toUpperCase()),
  },
  {
    kind: "kr_rrn",
    description: "South Korean resident registration number (check digit)",
    words: ["주민등록번호", "주민번호", "resident registration", "rrn"],
    re: /\d{6}-?[1-8]\d{6}/g,
    valid: rrnValid,
  },
  {
    kind: "sg_nric",
    description: "Singapore NRIC / FIN (check letter)",
    words: ["nric", "fin no", "fin number", "ic no", "ic number"],
    re: /[STFG]\d{7}[A-Z]/g,
    valid: nricValid,
  },
  {
    kind: "za_id_number",
    description: "South African ID number (Luhn, date of birth)",
    words: ["id number", "identity number", "sa id", "rsa id", "id no"],
    re: /\d{13}/g,
    valid: (s) => luhn(s) && validDate(s.slice(0, 2), s.slice(2, 4), s.slice(4, 6)),
  },
  {
    kind: "au_tfn",
    description: "Australian tax file number (weighted mod 11)",
    words: ["tfn", "tax file number", "tax file no"],
    re: /\d{3} ?\d{3} ?\d{2,3}/g,
    valid: (s) => s.length === 9 && tfnValid(s),
  },
  {
    kind: "in_pan",
    description: "Indian PAN (permanent account number; holder-type letter)",
    words: ["pan", "pan no", "pan number", "permanent account number", "पैन"],
    re: /[A-Z]{3}[ABCFGHLJPT][A-Z]\d{4}[A-Z]/g,
    valid: () => true,
  },
  {
    kind: "mx_curp",
    description: "Mexican CURP (check digit)",
    words: ["curp"],
    re: /[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d/g,
    valid: curpValid,
  },
  {
    kind: "br_cnpj",
    description: "Brazilian CNPJ (two mod-11 check digits)",
    words: ["cnpj"],
    re: /\d{2}\.?\d{3}\.?\d{3}\/?\d{4}-?\d{2}/g,
    valid: cnpjValid,
  },
  {
    kind: "tr_tc_kimlik",
    description: "Turkish T.C. identity number (two check digits)",
    words: ["tc kimlik", "t.c. kimlik", "kimlik no", "tckn", "kimlik numarası"],
    re: /[1-9]\d{10}/g,
    valid: tcKimlikValid,
  },
  {
    kind: "de_steuer_id",
    description: "German tax identification number (Steuer-IdNr, ISO 7064 MOD 11,10)",
    words: ["steuer-id", "steuerid", "steuer-identifikationsnummer", "steueridentifikationsnummer", "idnr", "tax id"],
    re: /\d{2} ?\d{3} ?\d{3} ?\d{3}/g,
    valid: (s) => s.length === 11 && steuerIdValid(s),
  },
  {
    kind: "pt_nif",
    description: "Portuguese NIF (mod 11) next to its name",
    words: ["nif", "contribuinte", "número de identificação fiscal"],
    re: /[1-35689]\d{8}/g,
    valid: ptNifValid,
  },
  {
    kind: "cl_rut",
    description: "Chilean RUT / RUN (mod-11 check digit)",
    words: ["rut", "run", "rol único tributario", "rol unico tributario", "rol único nacional"],
    re: /\d{1,2}\.?\d{3}\.?\d{3}-[\dkK]/g,
    valid: rutValid,
  },
  {
    kind: "us_itin",
    description: "US individual taxpayer identification number (9XX-7X/8X-XXXX)",
    words: ["itin", "taxpayer identification"],
    re: /9\d{2}-?(?:5\d|6[0-5]|7\d|8[0-8]|9[0-24-9])-?\d{4}/g,
    valid: () => true,
  },
  {
    kind: "jp_my_number",
    description: "Japanese My Number (check digit)",
    words: ["マイナンバー", "個人番号", "my number", "mynumber"],
    re: /\d{4} ?\d{4} ?\d{4}/g,
    valid: (s) => s.length === 12 && myNumberValid(s),
  },
  {
    kind: "il_teudat_zehut",
    description: "Israeli identity number (Teudat Zehut check digit)",
    words: ["teudat zehut", "תעודת זהות", "ת.ז", "israeli id"],
    re: /\d{9}/g,
    valid: israeliIdValid,
  },
];

const compact = (s: string): string => s.replace(/[ .\-/]/g, "");
const isLetter = (c: string | undefined): boolean => c !== undefined && /\p{L}/u.test(c);
/** How far after its name a value may sit ("PESEL number of the patient: …"). */
const REACH = 64;

function checkAt(scan: ScanContext, id: NationalId, from: number, to: number, confidence: number): boolean {
  const window = scan.text.slice(from, to);
  id.re.lastIndex = 0;
  for (let m = id.re.exec(window); m; m = id.re.exec(window)) {
    const before = window[m.index - 1];
    const after = window[m.index + m[0].length];
    if (/[A-Za-z0-9]/.test(before ?? "") || /[A-Za-z0-9]/.test(after ?? "")) continue;
    if (!id.valid(compact(m[0]))) continue;
    emit(scan, id.kind, "pii", from + m.index, from + m.index + m[0].length, confidence);
    return true;
  }
  return false;
}

const BY_WORD = new Map<string, NationalId[]>();
// "tc kimlik no" is also written tc_kimlik_no and tc-kimlik-no in code and configuration.
for (const id of NATIONAL_IDS)
  for (const word of id.words)
    for (const w of new Set([word, word.replace(/ /g, "_"), word.replace(/ /g, "-")]))
      BY_WORD.set(w, [...(BY_WORD.get(w) ?? []), id]);

const nationalIds: Detector = {
  id: "national_ids",
  anchorsCi: [...BY_WORD.keys()],
  detect(scan, at, len) {
    const { text } = scan;
    // Short names ("pan", "nir", "tfn") must be words of their own, not parts of "company" or "panel".
    const word = text.slice(at, at + len);
    if ((/^[a-z]/i.test(word) && isLetter(text[at - 1])) || (/[a-z.]$/i.test(word) && isLetter(text[at + len]))) return;
    for (const id of BY_WORD.get(word.toLowerCase()) ?? [])
      checkAt(scan, id, at + len, Math.min(text.length, at + len + REACH), 0.9);
  },
};

export const NATIONAL_ID_DETECTORS: readonly Detector[] = [nationalIds];

const fieldIds = memoize((key: string): NationalId[] => {
  const name = key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[_-]+/g, " ")
    .trim();
  return NATIONAL_IDS.filter((id) =>
    id.words.some((word) => {
      const w = word.replace(/[_-]+/g, " ");
      return name === w || name.startsWith(`${w} `) || name.endsWith(` ${w}`);
    }),
  );
}, 4096);

/** True when a field name names a national identifier (its leaf is then always scanned). */
export const namesNationalId = (key: string): boolean => fieldIds(key).length > 0;

/** Field names ("pesel", "codice_fiscale", "tfn") name the identifier the value holds. */
export function detectNationalIdField(scan: ScanContext): void {
  if (scan.key === undefined || scan.text.length > 64) return;
  for (const id of fieldIds(scan.key)) checkAt(scan, id, 0, scan.text.length, 0.92);
}

export const NATIONAL_ID_KINDS: ReadonlyArray<[string, string]> = NATIONAL_IDS.map((id) => [id.kind, id.description]);
