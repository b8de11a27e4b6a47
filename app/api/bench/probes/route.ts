import { env } from "@/lib/env";
import { benchProbeSnapshot, resetBenchProbes } from "@/lib/server/bench-probes";
import { NotFound } from "@/lib/server/errors";
import { handler } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/** Off (404) unless BENCH_PROBES=1: the probes exist only for `npm run bench:decide`. */
function requireProbes() {
  const snapshot = env().BENCH_PROBES ? benchProbeSnapshot() : null;
  if (!snapshot) throw NotFound("The bench probes endpoint (BENCH_PROBES is off)");
  return snapshot;
}

/** Where decision latency went since the last reset (admins only). */
export const GET = handler({ access: { permission: "operations:manage" } }, async () => requireProbes());

/** Starts a new measuring window and answers the one it ends. */
export const DELETE = handler({ access: { permission: "operations:manage" } }, async () => {
  const snapshot = requireProbes();
  resetBenchProbes();
  return snapshot;
});
