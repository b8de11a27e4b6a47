/** Seeded randomness and the check-digit algorithms the generators need (written here, independent of the detectors). */

export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chars(alphabet: string, n: number): string;
  digits(n: number): string;
  chance(p: number): boolean;
}

/** mulberry32: small, fast, and the same sequence on every machine. */
export function rng(seed: number): Rng {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const chars = (alphabet: string, n: number): string => {
    let out = "";
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
  return { next, int, pick, chars, digits: (n) => chars(DIGITS, n), chance: (p) => next() < p };
}

/** Stable 32-bit string hash (FNV-1a), used for seeds and the held-out split. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

export const DIGITS = "0123456789";
export const HEX = "0123456789abcdef";
export const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
export const LOWER = "abcdefghijklmnopqrstuvwxyz";
export const B62 = `${DIGITS}${UPPER}${LOWER}`;
export const ALNUM_LOWER = `${LOWER}${DIGITS}`;
export const ALNUM_UPPER = `${UPPER}${DIGITS}`;
export const B64URL = `${B62}-_`;
export const B64 = `${UPPER}${LOWER}${DIGITS}+/`;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(text: string): number {
  let c = 0xffffffff;
  for (let i = 0; i < text.length; i++) c = CRC_TABLE[(c ^ text.charCodeAt(i)) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Base62 with GitHub's alphabet (0-9A-Za-z), left-padded with "0". */
export function base62(n: number, width: number): string {
  let out = "";
  let v = n;
  while (v > 0) {
    out = B62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, "0");
}

/** GitHub / npm token shape: prefix, 30 random base62 characters, CRC-32 of them in 6 base62 characters. */
export function checksummedToken(r: Rng, prefix: string): string {
  const body = r.chars(B62, 30);
  return `${prefix}${body}${base62(crc32(body), 6)}`;
}

/** Digit that makes `payload + digit` pass Luhn. */
export function luhnDigit(payload: string): string {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let d = Number(payload[payload.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export function luhnValid(n: string): boolean {
  return luhnDigit(n.slice(0, -1)) === n.slice(-1);
}

/** ISO 7064 mod 97-10 over a string of digits and letters (A=10 … Z=35). */
export function mod97(text: string): number {
  let rem = 0;
  for (const ch of text) {
    const v = /[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem;
}

const VERHOEFF_D = [
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
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const VERHOEFF_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

export function verhoeffDigit(payload: string): string {
  let c = 0;
  const ds = [...payload].reverse();
  for (let i = 0; i < ds.length; i++) c = VERHOEFF_D[c][VERHOEFF_P[(i + 1) % 8][Number(ds[i])]];
  return String(VERHOEFF_INV[c]);
}

/** Weighted sum of digits. */
export function weighted(digits: string, weights: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < weights.length; i++) s += Number(digits[i]) * weights[i];
  return s;
}

export const b64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");
export const b64url = (text: string | Buffer): string =>
  (typeof text === "string" ? Buffer.from(text, "utf8") : text).toString("base64url");
