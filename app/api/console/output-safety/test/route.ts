import { handler } from "@/lib/server/handler";
import { testPattern } from "@/lib/server/output-safety/pattern-test";
import { patternTestSchema } from "@/lib/schemas/output-safety";

/** The settings page's test box: the saved settings plus a candidate pattern, run over a sample. Nothing is stored. */
export const POST = handler(
  { access: { permission: "settings:manage" }, body: patternTestSchema },
  async ({ prisma, body }) => testPattern(prisma, body),
);
