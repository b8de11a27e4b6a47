import { decide } from "@/lib/server/enforcement/decide";

export const dynamic = "force-dynamic";

export function POST(req: Request) {
  return decide(req);
}
