import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/server/current-user";
import { ApiTokens } from "./api-tokens";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser("api_tokens:own");
  return (
    <>
      <PageHeader
        title="Account & API tokens"
        description={`${user.email} · ${ROLE_LABELS[user.role]}. Personal API tokens let automation (GitOps, CI) call the console with your role.`}
      />
      <ApiTokens />
    </>
  );
}
