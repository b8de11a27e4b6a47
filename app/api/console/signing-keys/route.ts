import { handler } from "@/lib/server/handler";
import { listSigningKeys } from "@/lib/server/identity/signing-keys";

export const GET = handler({ access: { permission: "settings:manage" } }, async ({ prisma }) => ({
  keys: await listSigningKeys(prisma),
}));
