import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/field";
import { MarkdownView } from "@/components/operations/markdown-view";
import { ReviewBadge } from "@/components/operations/review-badge";
import { RunbookActions } from "@/components/operations/runbook-actions";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/server/current-user";
import { getPrisma } from "@/lib/server/db";
import { getRunbook } from "@/lib/server/operations";
import { getRunbookRevision } from "@/lib/server/operations/runbooks";

export const metadata: Metadata = { title: "Runbook" };

export default async function RunbookPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ version?: string }>;
}) {
  const user = await requireUser("dashboard:read");
  const { slug } = await params;
  const { version } = await searchParams;
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) notFound();
  const prisma = await getPrisma();
  const runbook = await getRunbook(prisma, slug).catch(() => null);
  if (!runbook) notFound();
  const wanted = version ? Number(version) : null;
  const old =
    wanted && Number.isInteger(wanted) && wanted !== runbook.version
      ? await getRunbookRevision(prisma, slug, wanted).catch(() => null)
      : null;
  const shown = old ?? { title: runbook.title, owner: runbook.owner, body: runbook.body };
  const canEdit = can(user.role, "operations:manage");
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="min-w-0">
        <Link href="/runbooks" className="text-sm text-indigo-700 hover:underline">
          ← Runbooks
        </Link>
        <div className="mb-4 mt-2 flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{shown.title}</h1>
          <Badge tone="slate">{runbook.kind === "gate" ? "Gate" : "Incident"}</Badge>
        </div>
        {old && (
          <div className="mb-4">
            <Alert tone="warning">
              You are reading version {old.version} ({old.edited_by}, {old.at.slice(0, 10)}).{" "}
              <Link className="underline" href={`/runbooks/${slug}`}>
                Current version ({runbook.version})
              </Link>
            </Alert>
          </div>
        )}
        {canEdit && !old ? (
          <RunbookActions
            slug={slug}
            version={runbook.version}
            title={runbook.title}
            owner={runbook.owner}
            body={runbook.body}
          />
        ) : (
          <Card>
            <MarkdownView source={shown.body} />
          </Card>
        )}
      </div>
      <aside className="space-y-4">
        <Card title="Ownership">
          <dl className="space-y-2 text-sm">
            <div>
              <dt className="text-xs text-slate-500">Owner</dt>
              <dd className="font-medium text-slate-900" data-testid="runbook-owner">
                {shown.owner}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Last review</dt>
              <dd className="mt-0.5">
                <ReviewBadge state={runbook.review_state} at={runbook.reviewed_at} />
              </dd>
              {runbook.reviewed_by && <dd className="mt-0.5 text-xs text-slate-500">by {runbook.reviewed_by}</dd>}
            </div>
            <div>
              <dt className="text-xs text-slate-500">Stable link</dt>
              <dd className="font-mono text-xs text-slate-700">/runbooks/{slug}</dd>
            </div>
          </dl>
        </Card>
        <Card title="History">
          <ol className="space-y-1.5 text-sm">
            {runbook.revisions.map((v) => (
              <li key={v.version} className="flex items-baseline justify-between gap-2">
                <Link
                  href={v.version === runbook.version ? `/runbooks/${slug}` : `/runbooks/${slug}?version=${v.version}`}
                  className={`hover:underline ${(old ? old.version : runbook.version) === v.version ? "font-semibold text-slate-900" : "text-indigo-700"}`}
                >
                  v{v.version}
                </Link>
                <span className="truncate text-xs text-slate-500" title={`${v.edited_by}, ${v.at}`}>
                  {v.edited_by} · {v.at.slice(0, 10)}
                </span>
              </li>
            ))}
          </ol>
        </Card>
      </aside>
    </div>
  );
}
