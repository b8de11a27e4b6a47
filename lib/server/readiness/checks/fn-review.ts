import "server-only";
import { lastWeekFnReviewStatus } from "../../output-safety/fn-review";
import { getOutputSafetySettings } from "../../output-safety/settings";
import { allOf, someOf } from "@/lib/readiness/checklist";
import { checkResult, type Check } from "../context";

/**
 * fn-review: last ISO week's false-negative sample (console-wide) was drawn and every sample in
 * it reviewed. Sampling switched off fails; a week without a single sample has nothing to judge.
 */
export const fnReviewCheck: Check = async (ctx) => {
  const [status, settings] = await Promise.all([
    lastWeekFnReviewStatus(ctx.prisma, ctx.now),
    getOutputSafetySettings(ctx.prisma),
  ]);
  const details = [
    {
      week: status.week,
      sampled: status.sampled,
      reviewed: status.reviewed,
      missed: status.missed,
      sample_rate: settings.sampleRate,
      url: `/outputs/samples?week=${status.week}`,
    },
  ];
  if (status.sampled === 0) {
    if (settings.sampleRate <= 0)
      return checkResult(
        ctx,
        "fn-review",
        "FAIL",
        `False-negative sampling is switched off (rate 0), so week ${status.week} has no sample to review.`,
        details,
      );
    return checkResult(
      ctx,
      "fn-review",
      "NO_DATA",
      `No allowed output was sampled in week ${status.week} (sample rate ${+(settings.sampleRate * 100).toFixed(2)} %), so there was nothing to review.`,
      details,
    );
  }
  if (status.complete) {
    return checkResult(
      ctx,
      "fn-review",
      "PASS",
      `${allOf(status.sampled, "sample")} of week ${status.week} ${status.sampled === 1 ? "was" : "were"} reviewed; ${status.missed} marked as a miss.`,
      details,
    );
  }
  return checkResult(
    ctx,
    "fn-review",
    "FAIL",
    `${someOf(status.reviewed, status.sampled, "samples", "was", "were")} reviewed in week ${status.week}; ${status.sampled - status.reviewed} still wait${status.sampled - status.reviewed === 1 ? "s" : ""}.`,
    details,
  );
};
