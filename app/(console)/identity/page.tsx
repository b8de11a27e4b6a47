import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { env } from "@/lib/env";
import { requireUser } from "@/lib/server/current-user";
import { IdentityView } from "./identity-view";

export const metadata: Metadata = { title: "Identity providers" };

export default async function IdentityPage() {
  await requireUser("settings:manage");
  return (
    <>
      <PageHeader
        title="Identity providers"
        description="Who may issue tokens agents present: the console's built-in issuer, and external identity providers you trust."
      />
      <IdentityView issuer={env().PUBLIC_URL} />
    </>
  );
}
