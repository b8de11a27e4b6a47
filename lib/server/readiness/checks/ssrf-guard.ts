import "server-only";
import { listNames, plural } from "@/lib/readiness/checklist";
import { ssrfSelfTest } from "../../ssrf";
import { checkResult, type Check } from "../context";

/**
 * ssrf-guard: the guard's production rules refuse the built-in set of private and metadata
 * addresses and still accept public ones (no DNS, no connection). Staging and production judge
 * with SSRF_ALLOW_HOSTS applied, so a loopback allowance there fails the check; development
 * (where the allowance is meant to be used) judges the rules alone and names the allowance.
 */
export const ssrfGuardCheck: Check = async (ctx) => {
  const applied = ctx.environment === "development" ? [] : ctx.allowHosts;
  const test = await ssrfSelfTest({ allowHosts: applied });
  const wrong = test.results.filter((r) => r.blocked !== r.expected);
  const refused = test.results.filter((r) => r.expected && r.blocked).length;
  const expectedRefusals = test.results.filter((r) => r.expected).length;
  const controls = test.results.filter((r) => !r.expected);
  const details = test.results.map((r) => ({
    url: r.url,
    expected: r.expected ? "refused" : "allowed",
    result: r.blocked ? "refused" : "allowed",
    code: r.code ?? null,
    ok: r.blocked === r.expected,
  }));
  const allowance = ctx.allowHosts.length
    ? ` SSRF_ALLOW_HOSTS = ${ctx.allowHosts.join(", ")}${ctx.environment === "development" ? " (development only; not applied to this self-test)" : ""}.`
    : "";
  if (!test.passed) {
    const through = wrong.filter((r) => r.expected).map((r) => r.url);
    const refusedControls = wrong.filter((r) => !r.expected).map((r) => r.url);
    const parts = [
      through.length
        ? `${plural(through.length, "private or metadata address", "private or metadata addresses")} got through: ${listNames(through, 4)}`
        : "",
      refusedControls.length ? `public controls were refused: ${listNames(refusedControls)}` : "",
    ].filter(Boolean);
    const hint =
      through.length && applied.length ? " Remove them from SSRF_ALLOW_HOSTS in this environment's deployment." : "";
    return checkResult(ctx, "ssrf-guard", "FAIL", `${parts.join("; ")}.${hint}${allowance}`, details);
  }
  return checkResult(
    ctx,
    "ssrf-guard",
    "PASS",
    `Refused ${refused} of ${expectedRefusals} private, loopback and metadata targets (169.254.169.254, metadata.google.internal, 10/8, ::1, mapped IPv6 …) and allowed ${controls.length} public controls.${allowance}`,
    details,
  );
};
