/** Corpus rows for PII: numbers confirmed by their check digits and context, contact details, and their look-alikes. */
import { hit, miss, type CorpusCase } from "./case";
import { cpf, dniLetter, iban, luhnComplete, nhs, spaced4, verhoeffComplete } from "./gen";

const visa = luhnComplete("453914880343646");
const mastercard = luhnComplete("522222938471650");
const amex = luhnComplete("34987612345098").replace(/^(\d{4})(\d{6})(\d{5})$/, "$1 $2 $3");
const badLuhn = visa.slice(0, 15) + ((Number(visa[15]) + 1) % 10);
const group4 = (s: string, sep = " "): string => s.replace(/(\d{4})(?=\d)/g, `$1${sep}`);
const ibanDe = iban("DE", "500105175407324931");
const ibanFr = iban("FR", "30006000011234567890189");
const ibanNl = iban("NL", "RABO0123456789");
const ibanBadCheck =
  ibanDe.slice(0, 2) + String((Number(ibanDe.slice(2, 4)) + 1) % 100).padStart(2, "0") + ibanDe.slice(4);
const nhsValid = nhs("401023213");
const nhsInvalid = nhsValid.slice(0, 9) + ((Number(nhsValid[9]) + 1) % 10);
const aadhaar = verhoeffComplete("49876543210");
const aadhaarBad = aadhaar.slice(0, 11) + ((Number(aadhaar[11]) + 1) % 10);
const dni = `45678912${dniLetter(45678912)}`;
const dniWrong = `45678912${dniLetter(45678913)}`;
const nie = `Y1234567${dniLetter(11234567)}`;
const sinValid = luhnComplete("19283746");
const sinBad = sinValid.slice(0, 8) + ((Number(sinValid[8]) + 1) % 10);
const group3 = (d: string, sep = " "): string => `${d.slice(0, 3)}${sep}${d.slice(3, 6)}${sep}${d.slice(6)}`;
const cpfGood = cpf("390533447");
const cpfBad = cpfGood.slice(0, -1) + ((Number(cpfGood.slice(-1)) + 1) % 10);

export const PII_CASES: CorpusCase[] = [
  hit("payment_card", `Card on file: ${group4(visa)}`),
  hit("payment_card", `charged ${group4(mastercard, "-")} successfully`),
  hit("payment_card", `amex ${amex} exp 04/27`),
  hit("payment_card", { card_number: visa, holder: "J. Smith" }),
  hit("payment_card", { content: [{ type: "text", text: `refund to card ${visa}` }] }),
  miss("payment_card", "fails Luhn", `Card on file: ${group4(badLuhn)}`),
  miss("payment_card", "published test card", "Use 4242 4242 4242 4242 with any future date"),
  miss("payment_card", "zero-padded dummy number", "Mir test: 2200000000000004"),
  miss("payment_card", "Luhn-valid number outside every issuer range", `ref ${luhnComplete("999999999999999")}`),
  miss("payment_card", "millisecond timestamp", "ts=1700000000123 build=16"),
  miss("payment_card", "order number with Luhn by chance", `order id ${visa}`),
  hit("card_security_code", { card_number: visa, cvv: "123" }, "REDACT", {
    kinds: ["payment_card", "card_security_code"],
  }),
  miss("card_security_code", "three digits under another name", { code: "123", status: 200 }),
  hit("iban", `Pay to ${spaced4(ibanDe)} by Friday`),
  hit("iban", `IBAN: ${ibanFr}`),
  hit("iban", { beneficiary: { name: "Acme BV", iban: ibanNl } }),
  miss("iban", "wrong check digits", `IBAN ${ibanBadCheck}`),
  miss("iban", "documentation example", "e.g. GB82 WEST 1234 5698 7654 32"),
  miss("iban", "country code plus digits", "DE12 is the plant code"),
  hit("us_ssn", "Employee SSN: 536-22-8735"),
  hit("us_ssn", "applicant 536-22-8735 approved"),
  hit("us_ssn", { ssn: "536228735" }),
  miss("us_ssn", "area 666 is never issued", "SSN: 666-12-3456"),
  miss("us_ssn", "area 000", "SSN 000-12-3456"),
  miss("us_ssn", "serial 0000", "ssn 536-22-0000"),
  miss("us_ssn", "advertising example", "e.g. 123-45-6789"),
  miss("us_ssn", "nine bare digits without context", "invoice 536228735 paid"),
  hit("uk_nino", "NI number: JG 10 37 24 D"),
  hit("uk_nino", "nino JG103724D on file"),
  miss("uk_nino", "invalid prefix letters", "QQ 12 34 56 C"),
  miss("uk_nino", "never-issued prefix", "BG123456A"),
  hit("nhs_number", `NHS number ${nhsValid.slice(0, 3)} ${nhsValid.slice(3, 6)} ${nhsValid.slice(6)}`),
  hit("nhs_number", { nhs_number: nhsValid }),
  miss("nhs_number", "fails mod 11", `NHS number ${nhsInvalid}`),
  miss("nhs_number", "ten digits without context", `batch ${nhsValid}`),
  hit("es_dni", `DNI ${dni}`),
  hit("es_dni", `NIE ${nie}`),
  miss("es_dni", "wrong check letter", `DNI ${dniWrong}`),
  hit("nl_bsn", "BSN: 111222333"),
  miss("nl_bsn", "fails 11-proof", "BSN: 111222334"),
  miss("nl_bsn", "valid 11-proof but no context", "account 111222333 closed"),
  hit("br_cpf", `CPF ${cpfGood}`),
  hit("br_cpf", `cliente ${cpf("714602380")} cadastrado`),
  miss("br_cpf", "wrong check digit", `CPF ${cpfBad}`),
  hit("in_aadhaar", `Aadhaar: ${aadhaar.slice(0, 4)} ${aadhaar.slice(4, 8)} ${aadhaar.slice(8)}`),
  miss("in_aadhaar", "fails Verhoeff", `Aadhaar: ${aadhaarBad}`),
  miss(
    "in_aadhaar",
    "valid Verhoeff without context",
    `serial ${aadhaar.slice(0, 4)} ${aadhaar.slice(4, 8)} ${aadhaar.slice(8)}`,
  ),
  hit("email", "Contact jane.doe@acme-corp.io for access"),
  hit("email", { reviewer: { email: "r.ortega+ops@northwind.dev" } }),
  hit("email", "mailto:support@helpdesk.co.uk"),
  miss("email", "documentation domain", "send to user@example.com"),
  miss("email", "git SSH remote", "git@github.com:acme/app.git"),
  miss("email", "retina asset", "logo@2x.png and icon@3x.webp"),
  miss("email", "npm scope and decorator", "npm i @scope/pkg; @Component({selector: 'x'})"),
  miss("email", "package version", "installed lodash@4.17.21"),
  hit("phone_number", "Call +1 415 555 2671 after 5pm"),
  hit("phone_number", "office: (415) 555-2671"),
  hit("phone_number", "Tel: +44 20 7946 0958"),
  hit("phone_number", "phone 4155552671"),
  hit("phone_number", { contact: { phone: "+49 30 901820" } }),
  miss("phone_number", "bare digits without context", "order 4155552671 shipped"),
  miss("phone_number", "date", "released 2024-01-15"),
  miss("phone_number", "IP address", "host 192.168.100.200 up"),
  miss("phone_number", "fictional UK range", "+44 7700 900123"),
  miss("phone_number", "request line numbers", "GET /items?page=12 200 345ms"),
  // National formats outside North America, read by their region next to a phone word or under a phone field.
  hit("phone_number", { phone: "020 7946 0958" }),
  hit("phone_number", { telefon: "030 12345678" }),
  hit("phone_number", "Téléphone : 06 12 34 56 78"),
  hit("phone_number", { customer: { mobile: "0412 345 678" } }),
  hit("phone_number", "電話: 03-1234-5678"),
  miss("phone_number", "national-looking number without a phone word", "invoice 030 12345678 paid"),
  hit("ca_sin", { sin: group3(sinValid) }),
  hit("ca_sin", `SIN: ${group3(sinValid, "-")} on file`),
  miss("ca_sin", "fails Luhn", `SIN: ${group3(sinBad)}`),
  miss("ca_sin", "valid Luhn, no context", `ticket ${group3(sinValid)} closed`),
];
