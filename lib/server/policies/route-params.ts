import "server-only";
import { ENVIRONMENTS, type Environment } from "@/lib/policy";
import { NotFound } from "../errors";

export function environmentParam(value: string | undefined): Environment {
  if (!ENVIRONMENTS.includes(value as Environment)) throw NotFound(`Environment "${String(value).slice(0, 40)}"`);
  return value as Environment;
}
