import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

/** Baseline for `npm run bench:decide`: a stock route handler that parses the body and answers fixed JSON. */
export async function POST(req: Request) {
  if (!env().BENCH_ECHO) return new Response(null, { status: 404 });
  await req.json();
  return Response.json({ decision: "ALLOW", outcome: "ALLOW" });
}
