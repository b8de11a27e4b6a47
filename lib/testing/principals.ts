import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/server/audit";
import type { UserPrincipal } from "@/lib/server/principal";

let n = 0;

/** A real user row and the principal a handler would see for it. */
export async function makeUser(prisma: PrismaClient, role: Role): Promise<{ principal: UserPrincipal; actor: Actor }> {
  n += 1;
  const email = `${role}-${n}-${Date.now()}@example.com`;
  const user = await prisma.user.create({ data: { email, role, name: role } });
  return {
    principal: { userId: user.id, email, name: role, role, via: "session" },
    actor: { type: "user", id: user.id, label: email },
  };
}
