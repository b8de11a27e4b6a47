/** National identifiers with their published check digits (each generator yields only valid numbers). */
import { type Rng, luhnDigit, mod97, verhoeffDigit, weighted } from "./rng";

export interface NationalId {
  name: string;
  /** Field name and the words people write before it. */
  key: string;
  label: string;
  gen(r: Rng): string;
}

const pad = (n: number, w: number): string => String(n).padStart(w, "0");
const date6 = (r: Rng, century = false): string =>
  `${century ? r.int(1950, 1999) : pad(r.int(50, 99), 2)}${pad(r.int(1, 12), 2)}${pad(r.int(1, 28), 2)}`;

function ssn(r: Rng): string {
  let area = r.int(1, 899);
  if (area === 666) area = 667;
  return `${pad(area, 3)}-${pad(r.int(1, 99), 2)}-${pad(r.int(1, 9999), 4)}`;
}

function sin(r: Rng): string {
  const body = `${r.pick(["1", "2", "3", "4", "5", "6", "7", "9"])}${r.digits(7)}`;
  const n = body + luhnDigit(body);
  return `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
}

function nino(r: Rng): string {
  const first = "ABCEGHJKLMNOPRSTWXYZ";
  const second = "ABCEGHJKLMNPRSTWXYZ";
  let prefix = "";
  do prefix = r.pick([...first]) + r.pick([...second]);
  while (["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].includes(prefix));
  const d = r.digits(6);
  return r.chance(0.5)
    ? `${prefix} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${r.pick(["A", "B", "C", "D"])}`
    : `${prefix}${d}${r.pick(["A", "B", "C", "D"])}`;
}

function cpf(r: Rng): string {
  let d = r.digits(9);
  for (const len of [9, 10]) {
    const w = Array.from({ length: len }, (_, i) => len + 1 - i);
    const rem = (weighted(d, w) * 10) % 11;
    d += String(rem === 10 ? 0 : rem);
  }
  return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`;
}

function aadhaar(r: Rng): string {
  const body = `${r.int(2, 9)}${r.digits(10)}`;
  const n = body + verhoeffDigit(body);
  return `${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}`;
}

const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
const dni = (r: Rng): string => {
  const n = r.int(10_000_000, 99_999_999);
  return `${n}${DNI_LETTERS[n % 23]}`;
};
const nie = (r: Rng): string => {
  const p = r.int(0, 2);
  const n = r.digits(7);
  return `${"XYZ"[p]}${n}${DNI_LETTERS[Number(`${p}${n}`) % 23]}`;
};

function bsn(r: Rng): string {
  for (;;) {
    const d = `${r.int(1, 9)}${r.digits(7)}`;
    const s = weighted(d, [9, 8, 7, 6, 5, 4, 3, 2]);
    const last = s % 11;
    if (last <= 9) return d + last;
  }
}

function nhs(r: Rng): string {
  for (;;) {
    const d = `${r.int(4, 9)}${r.digits(8)}`;
    const c = 11 - (weighted(d, [10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11);
    if (c === 10) continue;
    const n = d + (c === 11 ? 0 : c);
    return `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
  }
}

function pesel(r: Rng): string {
  const d = `${date6(r)}${r.digits(4)}`;
  return d + ((10 - (weighted(d, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10)) % 10);
}

function personnummer(r: Rng): string {
  const d = `${date6(r)}${r.digits(3)}`;
  return `${d.slice(0, 6)}-${d.slice(6)}${luhnDigit(d)}`;
}

function hetu(r: Rng): string {
  const dd = pad(r.int(1, 28), 2);
  const mm = pad(r.int(1, 12), 2);
  const yy = pad(r.int(50, 99), 2);
  const nnn = pad(r.int(2, 899), 3);
  const check = "0123456789ABCDEFHJKLMNPRSTUVWXY"[Number(`${dd}${mm}${yy}${nnn}`) % 31];
  return `${dd}${mm}${yy}-${nnn}${check}`;
}

function nric(r: Rng): string {
  const first = r.pick(["S", "T"]);
  const d = r.digits(7);
  const s = weighted(d, [2, 7, 6, 5, 4, 3, 2]) + (first === "T" ? 4 : 0);
  return `${first}${d}${"JZIHGFEDCBA"[s % 11]}`;
}

function tckn(r: Rng): string {
  const d = `${r.int(1, 9)}${r.digits(8)}`.split("").map(Number);
  const odd = d[0] + d[2] + d[4] + d[6] + d[8];
  const even = d[1] + d[3] + d[5] + d[7];
  const d10 = (((odd * 7 - even) % 10) + 10) % 10;
  const d11 = (d.reduce((a, b) => a + b, 0) + d10) % 10;
  return `${d.join("")}${d10}${d11}`;
}

function rut(r: Rng): string {
  const body = String(r.int(5_000_000, 25_999_999));
  let s = 0;
  for (let i = 0; i < body.length; i++) s += Number(body[body.length - 1 - i]) * (2 + (i % 6));
  const v = 11 - (s % 11);
  const dv = v === 11 ? "0" : v === 10 ? "K" : String(v);
  return `${body.slice(0, -6)}.${body.slice(-6, -3)}.${body.slice(-3)}-${dv}`;
}

function chinaId(r: Rng): string {
  const d = `${r.pick(["110101", "310104", "440305", "510107", "330106"])}${date6(r, true)}${r.digits(3)}`;
  const s = weighted(d, [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]);
  return d + "10X98765432"[s % 11];
}

function rrn(r: Rng): string {
  const d = `${date6(r)}${r.int(1, 2)}${r.digits(5)}`;
  const c = (11 - (weighted(d, [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]) % 11)) % 10;
  return `${d.slice(0, 6)}-${d.slice(6)}${c}`;
}

function tfn(r: Rng): string {
  for (;;) {
    const d = `${r.int(1, 9)}${r.digits(7)}`;
    const s = weighted(d, [1, 4, 3, 7, 5, 8, 6, 9]) % 11;
    if (s === 10) continue;
    const n = d + s; // weight 10 ≡ -1 (mod 11), so the last digit equals the partial sum mod 11
    return `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
  }
}

function belgianNn(r: Rng): string {
  const d = `${date6(r)}${pad(r.int(1, 997), 3)}`;
  const c = pad(97 - (Number(d) % 97), 2);
  return `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-${d.slice(6)}.${c}`;
}

function nir(r: Rng): string {
  const d = `${r.int(1, 2)}${pad(r.int(50, 99), 2)}${pad(r.int(1, 12), 2)}${pad(r.int(1, 95), 2)}${r.digits(3)}${r.digits(3)}`;
  const key = pad(97 - mod97(d), 2);
  return `${d[0]} ${d.slice(1, 3)} ${d.slice(3, 5)} ${d.slice(5, 7)} ${d.slice(7, 10)} ${d.slice(10)} ${key}`;
}

function zaId(r: Rng): string {
  const d = `${date6(r)}${r.digits(4)}08`;
  return d + luhnDigit(d);
}

export const NATIONAL_IDS: readonly NationalId[] = [
  { name: "us-ssn", key: "ssn", label: "SSN", gen: ssn },
  { name: "ca-sin", key: "sin", label: "Social Insurance Number", gen: sin },
  { name: "uk-nino", key: "ni_number", label: "National Insurance number", gen: nino },
  { name: "br-cpf", key: "cpf", label: "CPF", gen: cpf },
  { name: "in-aadhaar", key: "aadhaar", label: "Aadhaar", gen: aadhaar },
  { name: "es-dni", key: "dni", label: "DNI", gen: dni },
  { name: "es-nie", key: "nie", label: "NIE", gen: nie },
  { name: "nl-bsn", key: "bsn", label: "BSN", gen: bsn },
  { name: "uk-nhs", key: "nhs_number", label: "NHS number", gen: nhs },
  { name: "pl-pesel", key: "pesel", label: "PESEL", gen: pesel },
  { name: "se-personnummer", key: "personnummer", label: "Personnummer", gen: personnummer },
  { name: "fi-hetu", key: "henkilotunnus", label: "Henkilötunnus", gen: hetu },
  { name: "sg-nric", key: "nric", label: "NRIC", gen: nric },
  { name: "tr-tckn", key: "tc_kimlik_no", label: "T.C. Kimlik No", gen: tckn },
  { name: "cl-rut", key: "rut", label: "RUT", gen: rut },
  { name: "cn-resident-id", key: "resident_id", label: "居民身份证号码", gen: chinaId },
  { name: "kr-rrn", key: "rrn", label: "주민등록번호", gen: rrn },
  { name: "au-tfn", key: "tfn", label: "Tax File Number", gen: tfn },
  { name: "be-national-number", key: "rijksregisternummer", label: "Rijksregisternummer", gen: belgianNn },
  { name: "fr-nir", key: "numero_securite_sociale", label: "N° de sécurité sociale", gen: nir },
  { name: "za-id", key: "id_number", label: "SA ID number", gen: zaId },
];
