import type { Metadata } from "next";
import { FnReview } from "@/components/outputs/fn-review";
import { OutputsTabs } from "@/components/outputs/outputs-tabs";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/server/current-user";
import { SettingsLink } from "@/components/outputs/settings-link";

export const metadata: Metadata = { title: "False-negative review" };

export default async function FnReviewPage() {
  const user = await requireUser("outputs:review");
  return (
    <>
      <PageHeader
        title="False-negative review"
        description="Outputs the classifier let through, drawn at random each week. Mark each one: nothing missed, or the kind of secret, personal data or steering text it should have caught. The readiness checklist wants last week's sample fully reviewed."
        actions={can(user.role, "settings:manage") ? <SettingsLink /> : undefined}
      />
      <OutputsTabs current="samples" />
      <FnReview />
    </>
  );
}
