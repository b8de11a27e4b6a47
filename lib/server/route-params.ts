import "server-only";
import { z } from "zod";
import { NotFound } from "./errors";

/** A UUID path parameter; anything else is a 404 (never a 500 from the database). */
export function uuidParam(value: string | undefined, what: string): string {
  const parsed = z.uuid().safeParse(value);
  if (!parsed.success) throw NotFound(what);
  return parsed.data;
}
