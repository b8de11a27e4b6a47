import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { ReviewQueue } from "@/components/reviews/review-queue";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/server/current-user";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage() {
  const user = await requireUser("policies:read");
  return (
    <>
      <PageHeader
        title="Reviews"
        description="Production changes by policy authors wait here until another policy author or an admin approves them. Nobody reviews their own change."
      />
      <ReviewQueue canReview={can(user.role, "policies:review")} selfId={user.userId} />
    </>
  );
}
