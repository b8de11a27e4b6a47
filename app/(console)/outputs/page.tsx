import type { Metadata } from "next";
import { OutputsTabs } from "@/components/outputs/outputs-tabs";
import { QuarantineQueue } from "@/components/outputs/quarantine-queue";
import { SettingsLink } from "@/components/outputs/settings-link";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/server/current-user";

export const metadata: Metadata = { title: "Quarantine review" };

export default async function QuarantinePage() {
  const user = await requireUser("outputs:review");
  return (
    <>
      <PageHeader
        title="Quarantine review"
        description="Tool outputs that tried to steer the model were withheld from it. Read the findings in context, then release the output to the agent (with a reason) or confirm the quarantine. Keys: j / k to move."
        actions={can(user.role, "settings:manage") ? <SettingsLink /> : undefined}
      />
      <OutputsTabs current="quarantine" />
      <QuarantineQueue canReview={can(user.role, "outputs:review")} />
    </>
  );
}
