import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/card";
import { ReviewBadge } from "@/components/operations/review-badge";
import { requireUser } from "@/lib/server/current-user";
import { getPrisma } from "@/lib/server/db";
import { listRunbooks } from "@/lib/server/operations";
import type { RunbookSummary } from "@/lib/server/operations/runbooks";

export const metadata: Metadata = { title: "Runbooks" };

export default async function RunbooksPage() {
  await requireUser("dashboard:read");
  const runbooks = await listRunbooks(await getPrisma());
  return (
    <>
      <PageHeader
        title="Runbooks"
        description="What to check and who owns it, for each go/no-go gate and each kind of incident. A blocking gate links here. Admins edit them; every save is a new version and counts as a review — review each one at least every quarter."
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <RunbookList
          title="Go/no-go gates"
          description="One per gate of the readiness dashboard."
          items={runbooks.filter((r) => r.kind === "gate")}
        />
        <RunbookList
          title="Incidents"
          description="Deterministic responses, rehearsed by the quarterly drill."
          items={runbooks.filter((r) => r.kind === "incident")}
        />
      </div>
    </>
  );
}

function RunbookList({ title, description, items }: { title: string; description: string; items: RunbookSummary[] }) {
  return (
    <Card title={title} description={description} className="self-start">
      <ul className="-mx-2 divide-y divide-slate-100">
        {items.map((r) => (
          <li key={r.slug}>
            <Link
              href={r.url}
              className="flex items-center justify-between gap-3 rounded-md px-2 py-2.5 hover:bg-slate-50"
            >
              <span className="min-w-0">
                <span className="block font-medium text-slate-900">{r.title}</span>
                <span className="block text-xs text-slate-500">
                  Owner: {r.owner} · v{r.version}
                </span>
              </span>
              <ReviewBadge state={r.review_state} at={r.reviewed_at} />
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
