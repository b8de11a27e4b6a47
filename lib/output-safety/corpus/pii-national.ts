/**
 * Corpus rows for national identifiers (pii-national.ts): published sample numbers that pass their check digits,
 * in a sentence naming them and under a field, and the same numbers with a wrong check digit or without a name.
 */
import { hit, miss, type CorpusCase } from "./case";

/** The last character changed, so the check digit no longer matches. */
const broken = (s: string): string => {
  const last = s[s.length - 1];
  const next = /\d/.test(last) ? String((Number(last) + 1) % 10) : last === "A" ? "B" : "A";
  return s.slice(0, -1) + next;
};

/** [kind, sentence naming it, field name, valid sample]. */
const ROWS: ReadonlyArray<[string, (v: string) => string, string, string]> = [
  ["fr_nir", (v) => `Numéro de sécurité sociale : ${v}`, "nir", "2 55 08 14 168 025 38"],
  ["it_codice_fiscale", (v) => `Codice fiscale del cliente: ${v}`, "codice_fiscale", "RSSMRA85T10A562S"],
  ["pl_pesel", (v) => `Pacjent PESEL ${v}, wizyta potwierdzona`, "pesel", "44051401359"],
  ["se_personnummer", (v) => `Personnummer: ${v}`, "personnummer", "811228-9874"],
  ["no_fodselsnummer", (v) => `Fødselsnummer ${v} registrert`, "fodselsnummer", "13097248022"],
  ["fi_hetu", (v) => `Henkilötunnus: ${v}`, "hetu", "131052-308T"],
  ["be_national_number", (v) => `Rijksregisternummer ${v}`, "rijksregisternummer", "85.07.30-033.28"],
  ["cn_resident_id", (v) => `身份证号码：${v}`, "resident_id", "11010519491231002X"],
  ["sg_nric", (v) => `NRIC: ${v} (verified)`, "nric", "S1234567D"],
  ["za_id_number", (v) => `SA ID number ${v} on the application`, "id_number", "8001015009087"],
  ["au_tfn", (v) => `Tax file number: ${v}`, "tfn", "123 456 782"],
  ["mx_curp", (v) => `CURP ${v}`, "curp", "HEGG560427MVZRRL04"],
  ["br_cnpj", (v) => `Fornecedor CNPJ ${v}`, "cnpj", "11.222.333/0001-81"],
  ["tr_tc_kimlik", (v) => `T.C. Kimlik No: ${v}`, "tckn", "10000000146"],
  ["de_steuer_id", (v) => `Steuer-ID: ${v}`, "steuer_id", "86 095 742 719"],
  ["pt_nif", (v) => `NIF ${v} (contribuinte)`, "nif", "123456789"],
  ["jp_my_number", (v) => `マイナンバー：${v}`, "my_number", "1234 5678 9018"],
  ["il_teudat_zehut", (v) => `Teudat zehut ${v}`, "teudat_zehut", "123456782"],
  ["kr_rrn", (v) => `주민등록번호: ${v}`, "rrn", rrn()],
];

/** A Korean RRN for 1 Jan 1980 whose check digit is computed here (no sample number is published). */
function rrn(): string {
  const body = "800101123456";
  const w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  const sum = w.reduce((acc, wi, i) => acc + wi * Number(body[i]), 0);
  return `${body.slice(0, 6)}-${body.slice(6)}${(11 - (sum % 11)) % 10}`;
}

export const NATIONAL_ID_CASES: CorpusCase[] = [
  ...ROWS.flatMap(([kind, sentence, field, valid]) => [
    hit(kind, sentence(valid)),
    hit(kind, { customer: { [field]: valid, status: "active" } }),
    miss(kind, "wrong check digit", sentence(broken(valid))),
  ]),
  hit("in_pan", "PAN: AFZPK7190K linked to the account"),
  hit("in_pan", { pan_number: "AFZPK7190K" }),
  miss("in_pan", "PAN-shaped code without its name", "part AFZPK7190K restocked"),
  hit("cl_rut", "RUT 12.345.678-5 del cliente"),
  hit("cl_rut", { cliente: { rut: "12345678-5" } }),
  miss("cl_rut", "wrong check digit", "RUT 12.345.678-6 del cliente"),
  hit("us_itin", "ITIN 912-78-1234 on the W-7"),
  miss("us_itin", "ITIN-shaped number without its name", "ticket 912-78-1234 closed"),
  miss("pl_pesel", "eleven digits without the name", "order 44051401359 shipped"),
  miss("cn_resident_id", "a valid-looking number in a changelog", "build 11010519491231002X released"),
  // Personal data without a check digit, named by its field or label (pii-personal.ts).
  hit("date_of_birth", { patient: { name: "J. Smith", dob: "1985-03-12" } }),
  hit("date_of_birth", "Date of birth: 12 March 1985. Allergies: none"),
  miss("date_of_birth", "other dates", { created_at: "2024-01-02", birthday_party: "2024-05-01" }),
  hit("passport_number", "Passport No: X1234567 (UK)"),
  hit("passport_number", { traveller: { passport_number: "533380006" } }),
  miss("passport_number", "the word without a number", "Renew your passport: see the guide"),
  hit("drivers_license", { driversLicense: "D1234-56789-01234" }),
  hit("drivers_license", "Driver's license: S530-4603-2931 (IL)"),
  miss("drivers_license", "licence text without a number", "Driving licence: full, clean"),
  hit("bank_account", "Account number: 12345678, sort code 12-34-56"),
  hit("bank_account", { payout: { account_number: "000123456789", routing_number: "021000021" } }),
  miss("bank_account", "account id in an API", "account number of retries: 3"),
];
