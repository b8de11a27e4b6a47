import { permissionsOf } from "@/lib/auth/permissions";
import { handler } from "@/lib/server/handler";

export const GET = handler({ access: { signedIn: true } }, async ({ principal }) => ({
  id: principal.userId,
  email: principal.email,
  name: principal.name,
  role: principal.role,
  permissions: permissionsOf(principal.role),
}));
