import "server-only";
import { checkPatternSafety, inspectOutput } from "@/lib/output-safety";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { Unprocessable } from "../errors";
import { getOutputSafetySettings, inspectOptionsOf } from "./settings";

export const CANDIDATE_KIND = "candidate_pattern";

/** Runs the sample through the classifier as configured, plus the candidate pattern; refuses an unsafe pattern first. */
export async function testPattern(
  prisma: PrismaClient,
  input: { sample: string; pattern?: string; category: "secret" | "pii" | "steering" },
) {
  if (input.pattern !== undefined) {
    const check = checkPatternSafety(input.pattern);
    if (!check.ok)
      throw Unprocessable(
        `The pattern is refused: ${check.reason}`,
        [{ path: "pattern", message: check.reason }],
        "unsafe-pattern",
      );
  }
  const opts = inspectOptionsOf(await getOutputSafetySettings(prisma));
  const customPatterns = [
    ...(opts.customPatterns ?? []),
    ...(input.pattern ? [{ kind: CANDIDATE_KIND, pattern: input.pattern, category: input.category }] : []),
  ];
  const verdict = inspectOutput(input.sample, { ...opts, customPatterns });
  return {
    action: verdict.action,
    output: verdict.output,
    findings: verdict.findings.map((f) => ({
      kind: f.kind,
      category: f.category,
      start: f.start,
      end: f.end,
      confidence: f.confidence,
    })),
    candidateMatches: verdict.findings.filter((f) => f.kind === CANDIDATE_KIND).length,
  };
}
