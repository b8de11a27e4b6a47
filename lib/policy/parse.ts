// YAML text → validated Policy, its canonical JSON and hash; or every error at once,
// each with a 1-based line/column and the field it concerns.
import { LineCounter, parseAllDocuments, parseDocument, visit, type Document } from "yaml";
import { canonicalJson, sha256Tagged } from "./hash";
import { fieldName, positionOf } from "./positions";
import type { ParseResult, PolicyError } from "./types";
import { validatePolicyData } from "./validate";

export const MAX_POLICY_BYTES = 1_048_576;
/** Alias expansions allowed while reading a policy: enough for reuse, too few for a "billion laughs". */
export const MAX_ALIAS_COUNT = 100;

export function parsePolicy(source: string): ParseResult {
  if (typeof source !== "string") return failure([error(1, 1, "", "a policy must be YAML text")]);
  if (utf8Length(source) > MAX_POLICY_BYTES) {
    return failure([error(1, 1, "", `policy is larger than ${MAX_POLICY_BYTES} bytes (1 MiB)`)]);
  }
  const lineCounter = new LineCounter();
  const options = { lineCounter, prettyErrors: false, logLevel: "silent" } as const;
  const docs = parseAllDocuments(source, options);
  if (Array.isArray(docs) && docs.length > 1) {
    const { line, col } = lineCounter.linePos(docs[1].range[0]);
    return failure([error(line, col, "", "invalid YAML: a policy is a single document (found a second one)")]);
  }
  const doc = Array.isArray(docs) && docs.length === 1 ? docs[0] : parseDocument(source, options);
  const yamlProblems = new Map<string, PolicyError>();
  for (const problem of [...doc.errors, ...doc.warnings]) {
    const { line, col } = lineCounter.linePos(problem.pos[0]);
    const found = error(line, col, "", `invalid YAML: ${firstLine(problem.message)}`);
    yamlProblems.set(`${line}:${col}:${found.message}`, found);
  }
  if (yamlProblems.size > 0) return failure([...yamlProblems.values()]);
  const aliasErrors = unresolvedAliases(doc, lineCounter);
  if (aliasErrors.length > 0) return failure(aliasErrors);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    const at = firstAliasPosition(doc, lineCounter);
    const reason =
      cause instanceof Error && /alias count/i.test(cause.message)
        ? `too many alias expansions (more than ${MAX_ALIAS_COUNT}); refusing a possible alias bomb`
        : `invalid YAML: ${cause instanceof Error ? cause.message : String(cause)}`;
    return failure([error(at.line, at.column, "", reason)]);
  }

  const result = validatePolicyData(data);
  if (!result.ok) {
    return failure(
      result.issues.map((issue) => {
        const { line, column } = positionOf(doc, lineCounter, issue.path, issue.at);
        return error(line, column, fieldName(issue.path), issue.message);
      }),
    );
  }
  const canonical = canonicalJson(result.policy);
  return { ok: true, policy: result.policy, canonical, hash: sha256Tagged(canonical) };
}

function unresolvedAliases(doc: Document, lineCounter: LineCounter): PolicyError[] {
  const errors: PolicyError[] = [];
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) === undefined) {
        const { line, col } = lineCounter.linePos(alias.range?.[0] ?? 0);
        errors.push(error(line, col, "", `invalid YAML: alias *${alias.source} has no anchor before it`));
      }
    },
  });
  return errors;
}

function firstAliasPosition(doc: Document, lineCounter: LineCounter): { line: number; column: number } {
  let offset = 0;
  visit(doc, {
    Alias(_, alias) {
      offset = alias.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function error(line: number, column: number, field: string, message: string): PolicyError {
  return { line, column, field, message };
}

function failure(errors: PolicyError[]): ParseResult {
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, errors };
}

function firstLine(message: string): string {
  return message.split("\n")[0];
}

/** UTF-8 byte length without allocating a copy of the text. */
function utf8Length(text: string): number {
  if (text.length > MAX_POLICY_BYTES) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
