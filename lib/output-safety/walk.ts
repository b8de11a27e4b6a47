/** Walking a JSON value to its string leaves, with JSON-pointer paths and the field names around each leaf. */

/** A string (or sensitive-field number) inside the output, with where it sits. */
export class Leaf {
  constructor(
    /** JSON pointer of the container ("" for the root). */
    private readonly base: string,
    readonly text: string,
    /** The leaf was a number (only collected under a tagged field, e.g. `"ssn": 123456789`). */
    readonly numeric: boolean,
    /** Nearest property name (array items inherit their array's). */
    readonly key: string | undefined,
    /** Property names of the object holding the leaf. */
    readonly siblings: readonly string[] | undefined,
    /** Tag of the nearest ancestor (or own) property name that `tagOf` recognised. */
    readonly tag: string | undefined,
    readonly holder: Record<string, unknown> | unknown[] | null,
    readonly prop: string | number,
  ) {}

  /** RFC 6901 JSON pointer; "" for a top-level string. Built on demand: most leaves never need it. */
  get path(): string {
    return this.holder === null
      ? ""
      : `${this.base}/${typeof this.prop === "number" ? this.prop : escapePointer(this.prop)}`;
  }
}

export interface WalkOptions {
  /** Classifies a property name; a tag is inherited by everything below that property. */
  tagOf?: (key: string) => string | undefined;
}

/** A container being walked: children are visited in order, so leaves come out in document order. */
interface Cursor {
  node: Record<string, unknown> | unknown[];
  keys: string[] | null;
  i: number;
  path: string;
  key: string | undefined;
  siblings: readonly string[] | undefined;
  tag: string | undefined;
  binary: boolean;
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
  if (typeof root === "string") return [new Leaf("", root, false, undefined, undefined, undefined, null, "")];
  if (root === null || typeof root !== "object") return leaves;
  const seen = new WeakSet<object>([root]);
  const open = (
    node: object,
    path: string,
    key: string | undefined,
    siblings: readonly string[] | undefined,
    tag: string | undefined,
  ): Cursor => {
    if (Array.isArray(node)) return { node, keys: null, i: 0, path, key, siblings, tag, binary: false };
    const obj = node as Record<string, unknown>;
    return { node: obj, keys: Object.keys(obj), i: 0, path, key, siblings, tag, binary: isMcpBinary(obj) };
  };
  const stack: Cursor[] = [open(root, "", undefined, undefined, undefined)];
  while (stack.length > 0) {
    const c = stack[stack.length - 1];
    const length = c.keys ? c.keys.length : (c.node as unknown[]).length;
    if (c.i >= length) {
      stack.pop();
      continue;
    }
    const index = c.i++;
    let prop: string | number,
      value: unknown,
      key: string | undefined,
      siblings: readonly string[] | undefined,
      tag: string | undefined;
    if (c.keys) {
      prop = key = c.keys[index];
      if (c.binary && (key === "data" || key === "blob")) continue;
      value = (c.node as Record<string, unknown>)[key];
      siblings = c.keys;
      tag = c.tag ?? opts.tagOf?.(key);
    } else {
      prop = index;
      value = (c.node as unknown[])[index];
      key = c.key;
      siblings = c.siblings;
      tag = c.tag;
    }
    if (typeof value === "string" || (typeof value === "number" && tag !== undefined && Number.isFinite(value))) {
      leaves.push(new Leaf(c.path, String(value), typeof value === "number", key, siblings, tag, c.node, prop));
    } else if (value !== null && typeof value === "object" && !seen.has(value)) {
      seen.add(value);
      const childPath = `${c.path}/${typeof prop === "number" ? prop : escapePointer(prop)}`;
      stack.push(open(value, childPath, key, siblings, tag));
    }
  }
  return leaves;
}

/** Sets an own property, even one named "__proto__" (plain assignment would change the prototype and drop the key). */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
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
      setOwn(dst as Record<string, unknown>, k, v !== null && typeof v === "object" ? copyOf(v) : v);
    }
  }
  return root as T;
}

/**
 * Returns a copy of `root` with some leaves replaced (`replacements[i]` for the i-th leaf of
 * collectLeaves(root, opts); undefined keeps it). Same shape: only leaf values change.
 */
export function replaceLeaves(
  root: unknown,
  opts: WalkOptions,
  replacements: ReadonlyArray<string | undefined>,
): unknown {
  const copy = cloneJson(root);
  const leaves = collectLeaves(copy, opts);
  let out = copy;
  leaves.forEach((leaf, i) => {
    const r = replacements[i];
    if (r === undefined) return;
    if (leaf.holder === null) out = r;
    else if (Array.isArray(leaf.holder)) leaf.holder[leaf.prop as number] = r;
    else setOwn(leaf.holder as Record<string, unknown>, leaf.prop as string, r);
  });
  return out;
}
