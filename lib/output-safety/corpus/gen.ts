/**
 * Deterministic sample builders for the corpus. Secrets are assembled at run time from a seeded PRNG,
 * so no token-shaped literal sits in the repository (and push protection has nothing to flag).
 */
import { base62Encode, crc32, IBAN_LENGTHS } from "../checksums";

export const B62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const HEX = "0123456789abcdef";
export const DIGITS = "0123456789";
export const B64 = `${B62}+/`;
export const B64URL = `${B62}-_`;
export const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
export const UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
export const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let counter = 1;

/** `n` random characters of `alphabet` (a fresh seed per call, stable across runs). */
export function rnd(alphabet: string, n: number, seed = counter++): string {
  const r = prng(seed * 7919);
  let out = "";
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(r() * alphabet.length)];
  return out;
}

/** A prefixed token whose last six characters are the base62 CRC-32 of its 30 random ones (GitHub/npm). */
export function crcToken(prefix: string, valid = true): string {
  const random = rnd(B62, 30);
  const check = base62Encode(crc32(random), 6);
  return prefix + random + (valid ? check : check.slice(0, 5) + (check[5] === "A" ? "B" : "A"));
}

/** Append the Luhn check digit. */
export function luhnComplete(partial: string): string {
  let sum = 0;
  for (let i = partial.length - 1, dbl = true; i >= 0; i--, dbl = !dbl) {
    let v = partial.charCodeAt(i) - 48;
    if (dbl) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return partial + ((10 - (sum % 10)) % 10);
}

/** An IBAN with correct mod-97 check digits for `country` + `bban`. */
export function iban(country: string, bban: string): string {
  const numeric = `${bban + country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rem = 0;
  for (const d of numeric) rem = (rem * 10 + Number(d)) % 97;
  const check = String(98 - rem).padStart(2, "0");
  const out = country + check + bban;
  if (IBAN_LENGTHS[country] !== out.length) throw new Error(`bad IBAN length for ${country}`);
  return out;
}

/** Group a compact string in blocks of four (IBAN print format). */
export const spaced4 = (s: string): string => s.replace(/(.{4})(?=.)/g, "$1 ");

const utf8 = new TextEncoder();

export function base64(text: string, url = false): string {
  let bin = "";
  for (const b of utf8.encode(text)) bin += String.fromCharCode(b);
  const b64 = btoa(bin);
  return url ? b64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "") : b64;
}

export function jwt(header: object, payload: object): string {
  return `${base64(JSON.stringify(header), true)}.${base64(JSON.stringify(payload), true)}.${rnd(B64URL, 43)}`;
}

/** A PEM block with a random base64 body wrapped at 64 columns. */
export function pem(label: string, bodyChars = 320, newline = "\n"): string {
  const body = rnd(B64, bodyChars).replace(/(.{64})/g, `$1${newline}`);
  return `-----BEGIN ${label}-----${newline}${body}${newline}-----END ${label}-----`;
}

/** Spanish DNI check letter. */
export const dniLetter = (n: number): string => "TRWAGMYFPDXBNJZSQVHLCKE"[n % 23];

/** A valid NHS number from nine digits (retries the last digit until the check is not 10). */
export function nhs(nine: string): string {
  const d = [...nine].map(Number);
  const sum = d.reduce((acc, v, i) => acc + v * (10 - i), 0);
  const check = (11 - (sum % 11)) % 11;
  if (check === 10) throw new Error("pick other digits");
  return nine + check;
}

/** A valid CPF from nine digits. */
export function cpf(nine: string): string {
  const d = [...nine].map(Number);
  for (const n of [9, 10]) {
    const sum = d.slice(0, n).reduce((acc, v, i) => acc + v * (n + 1 - i), 0);
    const r = (sum * 10) % 11;
    d.push(r === 10 ? 0 : r);
  }
  const s = d.join("");
  return `${s.slice(0, 3)}.${s.slice(3, 6)}.${s.slice(6, 9)}-${s.slice(9)}`;
}

const VD = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VP = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const VINV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

/** Append the Verhoeff check digit (Aadhaar). */
export function verhoeffComplete(s: string): string {
  let c = 0;
  const d = [...s].reverse().map(Number);
  for (let i = 0; i < d.length; i++) c = VD[c][VP[(i + 1) % 8][d[i]]];
  return s + VINV[c];
}

/** Ten zero-width/odd characters etc. are written by code point so the source stays readable. */
export const cp = (...codes: number[]): string => String.fromCodePoint(...codes);
/** Text spelled in invisible Unicode tag characters (U+E0000 + ASCII). */
export const tags = (s: string): string => [...s].map((c) => cp(0xe0000 + c.charCodeAt(0))).join("");
