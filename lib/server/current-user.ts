import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { can, type Permission } from "@/lib/auth/permissions";
import { getPrisma } from "./db";
import { resolvePrincipal, type UserPrincipal } from "./principal";

/** For server-rendered pages: the signed-in user, or a redirect to the sign-in page. */
export async function requireUser(permission?: Permission): Promise<UserPrincipal> {
  const h = await headers();
  const result = await resolvePrincipal(await getPrisma(), h);
  if (!result.ok || result.principal.via !== "session") redirect(loginUrl(h.get("x-return-to")));
  if (permission && !can(result.principal.role, permission)) forbidden();
  return result.principal;
}

/** The sign-in page, returning to a console path afterwards (never to another site). */
export function loginUrl(returnTo: string | null): string {
  if (!returnTo?.startsWith("/") || returnTo.startsWith("//") || returnTo.includes("\\") || returnTo === "/")
    return "/login";
  return `/login?callbackUrl=${encodeURIComponent(returnTo)}`;
}
