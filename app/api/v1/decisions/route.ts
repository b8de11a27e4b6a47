import { postDecision } from "@/lib/server/enforcement/decision-http";

export const dynamic = "force-dynamic";

export function POST(req: Request) {
  return postDecision(req);
}
