import { OUTPUT_OBSERVABILITY_CASES } from "@/lib/testing/readiness-cases/output-observability";
import { describeReadinessChecks } from "@/lib/testing/readiness-world";

await describeReadinessChecks(OUTPUT_OBSERVABILITY_CASES);
