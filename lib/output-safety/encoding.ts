/** Base64 / base64url decoding to text, without Buffer so it runs in any JS runtime. */

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decode base64 or base64url to a UTF-8 string; null when it is not valid base64 or not valid UTF-8. */
export function decodeBase64Text(s: string): string | null {
  let b = s.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (b.length % 4 === 1) return null;
  b += "===".slice((b.length + 3) % 4);
  let bin: string;
  try {
    bin = atob(b);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
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
