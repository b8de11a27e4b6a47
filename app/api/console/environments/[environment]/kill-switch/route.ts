import { handler } from "@/lib/server/handler";
import { killSwitches, setKillSwitch } from "@/lib/server/operations";
import { environmentParam } from "@/lib/server/policies/route-params";
import { killSwitchSchema } from "@/lib/schemas/operations";

export const GET = handler({ access: { permission: "dashboard:read" } }, async ({ prisma, params }) => {
  const environment = environmentParam(params.environment);
  return (await killSwitches(prisma)).find((s) => s.environment === environment);
});

/**
 * docs/operations.md#kill-switch: admin, `{mode: "off" | "writes" | "all", reason}`; the switch and its audit
 * event commit together.
 */
export const PUT = handler(
  { access: { permission: "operations:manage" }, body: killSwitchSchema },
  async ({ prisma, actor, params, body }) =>
    setKillSwitch(prisma, actor, environmentParam(params.environment), body.mode, body.reason),
);
