/** Base64 / base64url decoding to text, table-driven (atob is slow in Node and absent from no runtime we need). */

const utf8 = new TextDecoder("utf-8", { fatal: true });

const SEXTET = (() => {
  const t = new Int8Array(128).fill(-1);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (let i = 0; i < 64; i++) t[alphabet.charCodeAt(i)] = i;
  t[45] = 62; // "-" (base64url)
  t[95] = 63; // "_" (base64url)
  return t;
})();

/** Bytes of a base64/base64url string (padding optional); null on any other character. */
export function decodeBase64Bytes(s: string): Uint8Array | null {
  let len = s.length;
  while (len > 0 && s.charCodeAt(len - 1) === 61) len--;
  if (len % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let acc = 0,
    bits = 0,
    o = 0;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? SEXTET[c] : -1;
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

/** Cheap test on the first bytes: printable ASCII or whitespace, or well-formed UTF-8 sequences — not binary. */
export function base64LooksLikeText(s: string): boolean {
  const bytes = decodeBase64Bytes(s.slice(0, 64));
  if (bytes === null || bytes.length === 0) return false;
  let ok = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13) {
      ok++;
      continue;
    }
    const extra = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (extra < 0) continue;
    let j = 1;
    while (j <= extra && i + j < bytes.length && (bytes[i + j] & 0xc0) === 0x80) j++;
    if (j <= extra && i + j < bytes.length) continue; // broken sequence (a cut at the end is fine)
    ok += j;
    i += j - 1;
  }
  return ok >= bytes.length * 0.9;
}

/** Decode base64 or base64url to a UTF-8 string; null when it is not valid base64 or not valid UTF-8. */
export function decodeBase64Text(s: string): string | null {
  const bytes = decodeBase64Bytes(s);
  if (bytes === null) return null;
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Parse a base64url JSON segment (JWT header/payload); null when it is not a JSON object. */
export function decodeJsonSegment(s: string): Record<string, unknown> | null {
  const text = decodeBase64Text(s);
  if (text === null || text[0] !== "{") return null;
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
