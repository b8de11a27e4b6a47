// RFC 6901 JSON pointers over call arguments. A pointer that does not resolve yields
// UNRESOLVED (never an exception); only own properties are followed, so "/constructor"
// or "/__proto__" never reach the prototype chain.

export const UNRESOLVED: unique symbol = Symbol("unresolved");

const hasOwn = Object.prototype.hasOwnProperty;
const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

/** Split a pointer into unescaped reference tokens, or return an error message. */
export function parsePointer(pointer: string): string[] | string {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return "a JSON pointer must be empty or start with '/'";
  if (/~[^01]|~$/.test(pointer)) return "'~' in a JSON pointer must be followed by 0 or 1";
  return pointer
    .slice(1)
    .split("/")
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function resolvePointer(document: unknown, tokens: readonly string[]): unknown {
  let current = document;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      if (!ARRAY_INDEX.test(token)) return UNRESOLVED;
      const index = Number(token);
      if (index >= current.length) return UNRESOLVED;
      current = current[index];
    } else if (current !== null && typeof current === "object") {
      if (!hasOwn.call(current, token)) return UNRESOLVED;
      current = (current as Record<string, unknown>)[token];
    } else {
      return UNRESOLVED;
    }
  }
  return current === undefined ? UNRESOLVED : current;
}
