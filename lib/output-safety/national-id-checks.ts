/** Check digits of national identifiers (pii-national.ts): each validator takes the compact form (no separators). */

const digits = (s: string): number[] => [...s].map((c) => c.charCodeAt(0) - 48);
const weighted = (d: number[], w: readonly number[]): number => w.reduce((sum, wi, i) => sum + wi * d[i], 0);

export function luhn(s: string): boolean {
  let sum = 0;
  for (let i = s.length - 1, dbl = false; i >= 0; i--, dbl = !dbl) {
    let v = s.charCodeAt(i) - 48;
    if (dbl && (v *= 2) > 9) v -= 9;
    sum += v;
  }
  return sum % 10 === 0;
}

export function validDate(yy: string, mm: string, dd: string): boolean {
  const m = Number(mm);
  const d = Number(dd);
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 && /^\d{2}$/.test(yy);
}

/** France: NIR (sex, year, month, department, commune, order, key = 97 − n mod 97; Corsica 2A/2B). */
export function nirValid(s: string): boolean {
  if (!/^[12378]\d{4}(?:\d{2}|2[AB])\d{8}$/.test(s)) return false;
  const body = s.slice(0, 13).replace("2A", "19").replace("2B", "18");
  return 97 - Number(BigInt(body) % 97n) === Number(s.slice(13));
}

const CF_ODD: Record<string, number> = Object.fromEntries(
  [..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"].map((c) => {
    const table = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
    const i = c >= "A" ? c.charCodeAt(0) - 65 : c.charCodeAt(0) - 48;
    return [c, table[i]];
  }),
);
/** Italy: codice fiscale, check letter from the odd/even position tables. */
export function codiceFiscaleValid(s: string): boolean {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = s[i];
    sum += i % 2 === 0 ? CF_ODD[c] : c >= "A" ? c.charCodeAt(0) - 65 : c.charCodeAt(0) - 48;
  }
  return String.fromCharCode(65 + (sum % 26)) === s[15];
}

export const peselValid = (s: string): boolean =>
  (10 - (weighted(digits(s), [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10)) % 10 === Number(s[10]);

export function fodselsnummerValid(s: string): boolean {
  const d = digits(s);
  const k = (w: number[]): number => {
    const r = 11 - (weighted(d, w) % 11);
    return r === 11 ? 0 : r === 10 ? -1 : r;
  };
  const k1 = k([3, 7, 6, 1, 8, 9, 4, 5, 2]);
  const k2 = k([5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
  return k1 === d[9] && k2 === d[10];
}

const HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";
/** `s` arrives without a "-" century sign (separators are stripped); the letter signs (A, B, …, U–Y) stay. */
export function hetuValid(s: string): boolean {
  const id = s.length === 10 ? `${s.slice(0, 6)}-${s.slice(6)}` : s;
  return (
    id.length === 11 &&
    validDate(id.slice(4, 6), id.slice(2, 4), id.slice(0, 2)) &&
    HETU_CHECK[Number(id.slice(0, 6) + id.slice(7, 10)) % 31] === id[10]
  );
}

export function belgianValid(s: string): boolean {
  const n = BigInt(s.slice(0, 9));
  const check = Number(s.slice(9));
  return 97 - Number(n % 97n) === check || 97 - Number((2000000000n + n) % 97n) === check;
}

export function chinaIdValid(s: string): boolean {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return "10X98765432"[weighted(digits(s.slice(0, 17)), w) % 11] === s[17];
}

export const rrnValid = (s: string): boolean =>
  validDate(s.slice(0, 2), s.slice(2, 4), s.slice(4, 6)) &&
  (11 - (weighted(digits(s), [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]) % 11)) % 10 === Number(s[12]);

export function nricValid(s: string): boolean {
  const sum = weighted(digits(s.slice(1, 8)), [2, 7, 6, 5, 4, 3, 2]) + (s[0] === "T" || s[0] === "G" ? 4 : 0);
  const table = s[0] === "S" || s[0] === "T" ? "JZIHGFEDCBA" : "XWUTRQPNMLK";
  return table[sum % 11] === s[8];
}

export const tfnValid = (s: string): boolean => weighted(digits(s), [1, 4, 3, 7, 5, 8, 6, 9, 10]) % 11 === 0;

const CURP_CHARS = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ";
export function curpValid(s: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CURP_CHARS.indexOf(s[i]) * (18 - i);
  return (10 - (sum % 10)) % 10 === Number(s[17]);
}

export function cnpjValid(s: string): boolean {
  if (/^(\d)\1{13}$/.test(s)) return false;
  const d = digits(s);
  const check = (n: number): number => {
    const w = n === 12 ? [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] : [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    const r = weighted(d, w) % 11;
    return r < 2 ? 0 : 11 - r;
  };
  return check(12) === d[12] && check(13) === d[13];
}

export function tcKimlikValid(s: string): boolean {
  const d = digits(s);
  if (d[0] === 0) return false;
  const odd = d[0] + d[2] + d[4] + d[6] + d[8];
  const even = d[1] + d[3] + d[5] + d[7];
  return (((odd * 7 - even) % 10) + 10) % 10 === d[9] && d.slice(0, 10).reduce((a, b) => a + b, 0) % 10 === d[10];
}

export function steuerIdValid(s: string): boolean {
  if (s[0] === "0") return false;
  let product = 10;
  for (const v of digits(s.slice(0, 10))) {
    let sum = (v + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product;
  return (check === 10 ? 0 : check) === Number(s[10]);
}

export function ptNifValid(s: string): boolean {
  const r = 11 - (weighted(digits(s), [9, 8, 7, 6, 5, 4, 3, 2]) % 11);
  return (r >= 10 ? 0 : r) === Number(s[8]);
}

export function myNumberValid(s: string): boolean {
  const d = digits(s);
  let sum = 0;
  for (let n = 1; n <= 11; n++) sum += d[11 - n] * (n <= 6 ? n + 1 : n - 5);
  const r = sum % 11;
  return (r <= 1 ? 0 : 11 - r) === d[11];
}

export function israeliIdValid(s: string): boolean {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let v = (s.charCodeAt(i) - 48) * ((i % 2) + 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  return sum % 10 === 0;
}

/** Chile: RUT/RUN, mod-11 check digit (K for 10) over the body read from the right with weights 2–7. */
export function rutValid(s: string): boolean {
  const body = s.slice(0, -1);
  let sum = 0;
  for (let i = body.length - 1, w = 2; i >= 0; i--, w = w === 7 ? 2 : w + 1) sum += (body.charCodeAt(i) - 48) * w;
  const r = 11 - (sum % 11);
  return (r === 11 ? "0" : r === 10 ? "K" : String(r)) === s.slice(-1).toUpperCase();
}
