import { expect, it } from "vitest";
import { IDENTITY_NETWORK_CASES } from "@/lib/testing/readiness-cases/identity-network";
import { OPERATIONS_CASES } from "@/lib/testing/readiness-cases/operations";
import { OUTPUT_OBSERVABILITY_CASES } from "@/lib/testing/readiness-cases/output-observability";
import { POLICY_CASES } from "@/lib/testing/readiness-cases/policy";
import { describeReadinessChecks } from "@/lib/testing/readiness-world";

const CASES = [...IDENTITY_NETWORK_CASES, ...POLICY_CASES, ...OUTPUT_OBSERVABILITY_CASES, ...OPERATIONS_CASES];

await describeReadinessChecks(OPERATIONS_CASES, () => {
  it("every check has a PASS, a FAIL and a NO_DATA row on real data (active probes' NO_DATA comes from the report)", () => {
    for (const id of new Set(CASES.map((c) => c.check))) {
      const statuses = new Set(CASES.filter((c) => c.check === id).map((c) => c.status));
      const probeOnly = id === "ssrf-guard" || id === "output-safety";
      expect([...statuses].sort(), id).toEqual(probeOnly ? ["FAIL", "PASS"] : ["FAIL", "NO_DATA", "PASS"]);
    }
  });
});
