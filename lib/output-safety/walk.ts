/** Walking a JSON value to its string leaves, with JSON-pointer paths and the field names around each leaf. */

export interface Leaf {
  /** RFC 6901 JSON pointer; "" for a top-level string. */
  path: string;
  text: string;
  /** The leaf was a number (only collected under a tagged field, e.g. `"ssn": 123456789`). */
  numeric: boolean;
  /** Nearest property name (array items inherit their array's). */
  key: string | undefined;
  /** Property names of the object holding the leaf. */
  siblings: readonly string[] | undefined;
  /** Tag of the nearest ancestor (or own) property name that `tagOf` recognised. */
  tag: string | undefined;
  holder: Record<string, unknown> | unknown[] | null;
  prop: string | number;
}

export interface WalkOptions {
  /** Classifies a property name; a tag is inherited by everything below that property. */
  tagOf?: (key: string) => string | undefined;
}

interface Frame {
  value: unknown;
  path: string;
  key: string | undefined;
  siblings: readonly string[] | undefined;
  tag: string | undefined;
  holder: Record<string, unknown> | unknown[] | null;
  prop: string | number;
}

const escapePointer = (s: string): string => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** MCP image/audio content and blob resources carry base64 binary, not text for the model to read. */
function isMcpBinary(obj: Record<string, unknown>): boolean {
  if ((obj.type === "image" || obj.type === "audio") && typeof obj.data === "string") return true;
  return typeof obj.blob === "string" && ("uri" in obj || "mimeType" in obj);
}

/** Leaves in document order. Iterative, so deep nesting cannot overflow the stack; shared or cyclic objects are visited once. */
export function collectLeaves(root: unknown, opts: WalkOptions = {}): Leaf[] {
  const leaves: Leaf[] = [];
  const seen = new WeakSet<object>();
  const stack: Frame[] = [{ value: root, path: "", key: undefined, siblings: undefined, tag: undefined, holder: null, prop: "" }];
  while (stack.length > 0) {
    const f = stack.pop()!;
    const v = f.value;
    if (typeof v === "string" || (typeof v === "number" && f.tag !== undefined && Number.isFinite(v))) {
      leaves.push({ path: f.path, text: String(v), numeric: typeof v === "number", key: f.key, siblings: f.siblings, tag: f.tag, holder: f.holder, prop: f.prop });
      continue;
    }
    if (v === null || typeof v !== "object" || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push({ value: v[i], path: `${f.path}/${i}`, key: f.key, siblings: f.siblings, tag: f.tag, holder: v, prop: i });
      }
      continue;
    }
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj);
    const binary = isMcpBinary(obj);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i];
      if (binary && (k === "data" || k === "blob")) continue;
      const tag = f.tag ?? opts.tagOf?.(k);
      stack.push({ value: obj[k], path: `${f.path}/${escapePointer(k)}`, key: k, siblings: keys, tag, holder: obj, prop: k });
    }
  }
  return leaves;
}

/**
 * A deep copy of a JSON value to write redactions into, leaving the caller's value untouched.
 * Iterative (structuredClone and JSON round-trips recurse and overflow on deep nesting); shared and
 * cyclic references are preserved.
 */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  const copies = new Map<object, Record<string, unknown> | unknown[]>();
  const copyOf = (v: object): Record<string, unknown> | unknown[] => {
    let c = copies.get(v);
    if (!c) {
      c = Array.isArray(v) ? new Array<unknown>(v.length) : {};
      copies.set(v, c);
      pending.push(v);
    }
    return c;
  };
  const pending: object[] = [];
  const root = copyOf(value);
  while (pending.length > 0) {
    const src = pending.pop()!;
    const dst = copies.get(src)!;
    for (const k of Object.keys(src)) {
      const v = (src as Record<string, unknown>)[k];
      (dst as Record<string, unknown>)[k] = v !== null && typeof v === "object" ? copyOf(v) : v;
    }
  }
  return root as T;
}

/**
 * Returns a copy of `root` with some leaves replaced (`replacements[i]` for the i-th leaf of
 * collectLeaves(root, opts); undefined keeps it). Same shape: only leaf values change.
 */
export function replaceLeaves(root: unknown, opts: WalkOptions, replacements: ReadonlyArray<string | undefined>): unknown {
  const copy = cloneJson(root);
  const leaves = collectLeaves(copy, opts);
  let out = copy;
  leaves.forEach((leaf, i) => {
    const r = replacements[i];
    if (r === undefined) return;
    if (leaf.holder === null) out = r;
    else if (Array.isArray(leaf.holder)) leaf.holder[leaf.prop as number] = r;
    else leaf.holder[leaf.prop as string] = r;
  });
  return out;
}
