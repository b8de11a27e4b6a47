import type { FieldPath, FieldValues, UseFormSetError } from "react-hook-form";
import { ApiError } from "./api";

/**
 * Puts the server's problem+json field errors (`errors[].path`, e.g. "target" or "scopes.0") beside
 * the form's fields (a path's first segment names the field); returns how many it placed.
 */
export function setServerErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  err: unknown,
  fields: readonly FieldPath<T>[],
): number {
  let placed = 0;
  for (const e of err instanceof ApiError ? err.errors : []) {
    const field = fields.find((f) => f === e.path.split(".")[0]);
    if (!field) continue;
    setError(field, { type: "server", message: e.message });
    placed++;
  }
  return placed;
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
