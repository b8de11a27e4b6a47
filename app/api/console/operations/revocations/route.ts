import { handler } from "@/lib/server/handler";
import { currentRevocations, revocationTargets } from "@/lib/server/operations";

/** What is revoked, suspended or switched off right now, and what could be. */
export const GET = handler({ access: { permission: "agents:read" } }, async ({ prisma }) => {
  const [current, targets] = await Promise.all([currentRevocations(prisma), revocationTargets(prisma)]);
  return { current, targets };
});
