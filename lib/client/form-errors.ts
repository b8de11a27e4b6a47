import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { ApiError } from "./api";

/**
 * Puts a problem+json answer's field errors (`errors[].path`) beside the form's own fields, so a
 * refusal by the server reads like the form's own check. Returns the messages that match no field
 * (the caller shows them above the buttons).
 */
export function setServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): string[] {
  if (!(error instanceof ApiError)) return [];
  const rest: string[] = [];
  for (const e of error.errors) {
    const field = fields.find((f) => f === e.path);
    if (field) setError(field, { type: "server", message: e.message }, { shouldFocus: true });
    else rest.push(e.path ? `${e.path}: ${e.message}` : e.message);
  }
  return rest;
}
