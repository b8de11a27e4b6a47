import type { FieldPath, FieldValues, UseFormSetError } from "react-hook-form";
import { ApiError } from "./api";

/**
 * Puts a problem+json answer's field errors (`errors[].path`, e.g. "target" or "scopes.0") beside
 * the form's own fields (a path's first segment names the field), so a refusal by the server reads
 * like the form's own check; focus moves to the first. Returns the messages that match no field.
 */
function placeServerErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  err: unknown,
  fields: readonly FieldPath<T>[],
): { placed: number; rest: string[] } {
  const out = { placed: 0, rest: [] as string[] };
  for (const e of err instanceof ApiError ? err.errors : []) {
    const field = fields.find((f) => f === e.path.split(".")[0]);
    if (!field) {
      out.rest.push(e.path ? `${e.path}: ${e.message}` : e.message);
      continue;
    }
    setError(field, { type: "server", message: e.message }, { shouldFocus: out.placed === 0 });
    out.placed++;
  }
  return out;
}

/** Places the server's field errors on `fields`; returns how many it placed (0: show the error as a whole). */
export function setServerErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  err: unknown,
  fields: readonly FieldPath<T>[],
): number {
  return placeServerErrors(setError, err, fields).placed;
}

/** Places the server's field errors on `fields`; returns the messages for no field (shown above the buttons). */
export function otherServerErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  err: unknown,
  fields: readonly FieldPath<T>[],
): string[] {
  return placeServerErrors(setError, err, fields).rest;
}

/** The message of an error a resolver put on a list field's items (`scopes.0`) or on the field itself. */
export function firstMessage(error: unknown): string | undefined {
  if (!error || typeof error !== "object") return undefined;
  if ("message" in error && typeof error.message === "string" && error.message) return error.message;
  for (const [k, v] of Object.entries(error)) {
    if (k === "ref") continue; // the DOM element, not an error
    const m = firstMessage(v);
    if (m) return m;
  }
  return undefined;
}
