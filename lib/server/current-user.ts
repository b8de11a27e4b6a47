import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { can, type Permission } from "@/lib/auth/permissions";
import { getPrisma } from "./db";
import { resolvePrincipal, type UserPrincipal } from "./principal";

/** For server-rendered pages: the signed-in user, or a redirect to the sign-in page. */
export async function requireUser(permission?: Permission): Promise<UserPrincipal> {
  const result = await resolvePrincipal(await getPrisma(), await headers());
  if (!result.ok || result.principal.via !== "session") redirect("/login");
  if (permission && !can(result.principal.role, permission)) forbidden();
  return result.principal;
}
