import type { Metadata } from "next";
import Link from "next/link";
import { OutputSafetySettingsForm } from "@/components/outputs/settings-form";
import { PageHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/server/current-user";

export const metadata: Metadata = { title: "Output safety settings" };

export default async function OutputSafetySettingsPage() {
  await requireUser("settings:manage");
  return (
    <>
      <PageHeader
        title="Output safety settings"
        description={
          <>
            What the classifier looks for in every tool output before the model sees it, which hosts images and links
            may point to, and how much of the let-through traffic goes to the weekly{" "}
            <Link className="text-indigo-700 hover:underline" href="/outputs/samples">
              false-negative review
            </Link>
            . Every change is audited.
          </>
        }
      />
      <OutputSafetySettingsForm />
    </>
  );
}
