// Linear-time regex matching for `match.arguments` `{regex: …}`: the pattern (a safe
// subset, see safe-regex-parse.ts) becomes a Thompson NFA, run as a lazily built DFA.
// Each input character costs one cached transition (or one NFA step when first seen),
// so matching never backtracks: time is O(pattern × input) at worst.
import { parseRegex, RegexSyntaxError, type CharRanges, type RegexNode } from "./safe-regex-parse";

const MAX_NFA_STATES = 5000;
const MAX_DFA_STATES = 2000;

const CHARS = 0;
const SPLIT = 1;
const BOL = 2;
const EOL = 3;
const MATCH = 4;

interface NfaState {
  kind: number;
  ranges: CharRanges;
  out: number;
  out2: number;
}

interface DfaState {
  nfa: Int32Array;
  hasMatch: boolean;
  ascii: (DfaState | undefined)[];
  other: Map<number, DfaState>;
  acceptsAtEnd: number; // -1 unknown, 0 no, 1 yes (when not at position 0)
}

export type SafeRegexResult = { ok: true; test: (value: string) => boolean } | { ok: false; message: string };

/** Compile a pattern of the safe subset; refuses anything else with a message. */
export function compileSafeRegex(pattern: string): SafeRegexResult {
  try {
    const ast = parseRegex(pattern);
    const program = new Program(ast);
    return { ok: true, test: (value) => program.test(value) };
  } catch (error) {
    if (error instanceof RegexSyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}

function inRanges(ranges: CharRanges, code: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) {
    if (code < ranges[i]) return false;
    if (code <= ranges[i + 1]) return true;
  }
  return false;
}

class Program {
  private readonly states: NfaState[] = [];
  private readonly start: number;
  private readonly mark: Int32Array;
  private generation = 0;
  private dfa = new Map<string, DfaState>();
  private readonly initial: DfaState;

  constructor(ast: RegexNode) {
    const match = this.add(MATCH, [], -1, -1);
    this.start = this.build(ast, match);
    this.mark = new Int32Array(this.states.length);
    this.initial = this.stateFor(this.closure([this.start], true, false));
  }

  test(value: string): boolean {
    let current = this.initial;
    if (current.hasMatch) return true;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      let next = code < 128 ? current.ascii[code] : current.other.get(code);
      if (next === undefined) {
        next = this.step(current, code);
        if (code < 128) current.ascii[code] = next;
        else current.other.set(code, next);
      }
      current = next;
      if (current.hasMatch) return true;
    }
    if (value.length === 0) return this.closure(Array.from(current.nfa), true, true).includes(0);
    if (current.acceptsAtEnd < 0)
      current.acceptsAtEnd = this.closure(Array.from(current.nfa), false, true).includes(0) ? 1 : 0;
    return current.acceptsAtEnd === 1;
  }

  private add(kind: number, ranges: CharRanges, out: number, out2: number): number {
    if (this.states.length >= MAX_NFA_STATES)
      throw new RegexSyntaxError(`pattern too large (over ${MAX_NFA_STATES} states)`);
    this.states.push({ kind, ranges, out, out2 });
    return this.states.length - 1;
  }

  /** Thompson construction, built back to front: returns the entry state of `node` followed by `next`. */
  private build(node: RegexNode, next: number): number {
    switch (node.kind) {
      case "chars":
        return this.add(CHARS, node.ranges, next, -1);
      case "bol":
        return this.add(BOL, [], next, -1);
      case "eol":
        return this.add(EOL, [], next, -1);
      case "seq": {
        let entry = next;
        for (let i = node.items.length - 1; i >= 0; i--) entry = this.build(node.items[i], entry);
        return entry;
      }
      case "alt": {
        let entry = this.build(node.options[node.options.length - 1], next);
        for (let i = node.options.length - 2; i >= 0; i--)
          entry = this.add(SPLIT, [], this.build(node.options[i], next), entry);
        return entry;
      }
      case "repeat": {
        let entry = next;
        if (node.max === Infinity) {
          const loop = this.add(SPLIT, [], -1, next);
          this.states[loop].out = this.build(node.node, loop);
          entry = loop;
        } else {
          entry = this.optionalChain(node.node, node.max - node.min, next);
        }
        for (let i = 0; i < node.min; i++) entry = this.build(node.node, entry);
        return entry;
      }
    }
  }

  /** `x{0,k}` as nested optionals (x(x(x)?)?)? so that skipping always leads to `next`. */
  private optionalChain(node: RegexNode, count: number, next: number): number {
    let entry = next;
    for (let i = 0; i < count; i++) entry = this.add(SPLIT, [], this.build(node, entry), next);
    return entry;
  }

  /** Epsilon closure; keeps CHARS, MATCH and pending `$` states (index 0 is MATCH). */
  private closure(seeds: number[], atStart: boolean, atEnd: boolean): number[] {
    const gen = ++this.generation;
    const out: number[] = [];
    const stack = seeds.slice();
    while (stack.length > 0) {
      const id = stack.pop() as number;
      if (this.mark[id] === gen) continue;
      this.mark[id] = gen;
      const s = this.states[id];
      if (s.kind === SPLIT) stack.push(s.out2, s.out);
      else if (s.kind === BOL) {
        if (atStart) stack.push(s.out);
      } else if (s.kind === EOL) {
        if (atEnd) stack.push(s.out);
        else out.push(id);
      } else out.push(id);
    }
    return out.sort((a, b) => a - b);
  }

  private step(from: DfaState, code: number): DfaState {
    const seeds: number[] = [this.start]; // unanchored search: a match may start anywhere
    for (const id of from.nfa) {
      const s = this.states[id];
      if (s.kind === CHARS && inRanges(s.ranges, code)) seeds.push(s.out);
    }
    return this.stateFor(this.closure(seeds, false, false));
  }

  private stateFor(ids: number[]): DfaState {
    const key = ids.join(",");
    let state = this.dfa.get(key);
    if (state === undefined) {
      if (this.dfa.size >= MAX_DFA_STATES) this.dfa = new Map(); // bound memory; rebuilt on demand
      state = {
        nfa: Int32Array.from(ids),
        hasMatch: ids[0] === 0,
        ascii: new Array(128),
        other: new Map(),
        acceptsAtEnd: -1,
      };
      this.dfa.set(key, state);
    }
    return state;
  }
}
