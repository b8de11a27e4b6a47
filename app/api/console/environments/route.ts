import { handler } from "@/lib/server/handler";
import { killSwitches } from "@/lib/server/operations";

/** Every environment's kill switch: the banner on every console page polls this. */
export const GET = handler({ access: { permission: "dashboard:read" } }, async ({ prisma }) => ({
  environments: await killSwitches(prisma),
}));
