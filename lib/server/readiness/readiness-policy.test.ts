import { POLICY_CASES } from "@/lib/testing/readiness-cases/policy";
import { describeReadinessChecks } from "@/lib/testing/readiness-world";

await describeReadinessChecks(POLICY_CASES);
