"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { diffLines } from "diff";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { useConfirm } from "@/components/ui/confirm";
import { Alert } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api } from "@/lib/client/api";
import type { SnapshotSummary } from "./types";

export function HistoryPanel({
  environment,
  versions,
  canWrite,
  onRolledBack,
}: {
  environment: string;
  versions: SnapshotSummary[];
  canWrite: boolean;
  onRolledBack: (msg: string) => void;
}) {
  const confirm = useConfirm();
  const [pair, setPair] = useState<[number | null, number | null]>([
    versions[1]?.version ?? null,
    versions[0]?.version ?? null,
  ]);
  const rollback = useMutation({
    mutationFn: (version: number) =>
      api<{ status: string; snapshot?: { version: number } }>(`/api/console/policies/${environment}/rollback`, {
        body: { version },
      }),
    onSuccess: (r, version) =>
      onRolledBack(
        r.status === "published"
          ? `Rolled back: version ${r.snapshot?.version} republishes version ${version}.`
          : `Rollback to version ${version} sent for review.`,
      ),
  });
  if (versions.length === 0)
    return <EmptyState title="Nothing published yet">Publish the draft to create version 1.</EmptyState>;
  return (
    <div className="space-y-4">
      <Card
        title="Published versions"
        description="Snapshots are immutable. Pick two to compare; rollback republishes an old one as a new version."
      >
        {rollback.isError && (
          <div className="mb-3">
            <Alert>{rollback.error.message}</Alert>
          </div>
        )}
        <ul className="divide-y divide-slate-100">
          {versions.map((v) => (
            <li key={v.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={v.version === versions[0].version ? "green" : "slate"}>v{v.version}</Badge>
                <span className="font-medium">{v.message || "(no message)"}</span>
                <span className="text-slate-500">
                  {v.authorLabel} · <RelativeTime at={v.createdAt} />
                  {v.reviewedBy && ` · reviewed by ${v.reviewedBy}`}
                </span>
                {v.unreviewed && <Badge tone="amber">unreviewed</Badge>}
                {v.rolledBackFrom ? <Badge>rollback of v{v.rolledBackFrom}</Badge> : null}
                <code className="font-mono text-xs text-slate-500" title={v.hash}>
                  {v.hash.slice(7, 19)}
                </code>
              </div>
              <div className="flex items-center gap-2">
                <label className="flex items-center gap-1 text-xs text-slate-600">
                  <input
                    type="radio"
                    name="from"
                    checked={pair[0] === v.version}
                    onChange={() => setPair([v.version, pair[1]])}
                  />{" "}
                  from
                </label>
                <label className="flex items-center gap-1 text-xs text-slate-600">
                  <input
                    type="radio"
                    name="to"
                    checked={pair[1] === v.version}
                    onChange={() => setPair([pair[0], v.version])}
                  />{" "}
                  to
                </label>
                {canWrite && v.version !== versions[0].version && (
                  <Button
                    variant="secondary"
                    disabled={rollback.isPending}
                    onClick={async () =>
                      (await confirm({
                        title: `Roll back to version ${v.version}?`,
                        description: `Version ${v.version} is published again as a new version.`,
                        confirmLabel: "Roll back",
                      })) && rollback.mutate(v.version)
                    }
                  >
                    Roll back to v{v.version}
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      </Card>
      {pair[0] !== null && pair[1] !== null && <VersionDiff environment={environment} from={pair[0]} to={pair[1]} />}
    </div>
  );
}

function VersionDiff({ environment, from, to }: { environment: string; from: number; to: number }) {
  const load = (v: number) =>
    api<{ source: string; hash: string }>(`/api/console/policies/${environment}/versions/${v}`);
  const a = useQuery({
    queryKey: ["policy-version", environment, from],
    queryFn: () => load(from),
    staleTime: Infinity,
  });
  const b = useQuery({ queryKey: ["policy-version", environment, to], queryFn: () => load(to), staleTime: Infinity });
  if (!a.data || !b.data) return <p className="text-sm text-slate-500">Loading versions…</p>;
  const parts = diffLines(a.data.source, b.data.source);
  return (
    <Card
      title={`v${from} → v${to}`}
      description={
        <span className="font-mono text-xs">
          {a.data.hash} → {b.data.hash}
        </span>
      }
    >
      {a.data.hash === b.data.hash && (
        <p className="mb-2 text-sm text-slate-600">Same policy hash: these versions decide identically.</p>
      )}
      <pre className="overflow-x-auto rounded bg-slate-50 p-3 font-mono text-xs leading-5" data-testid="policy-diff">
        {parts.map((p, i) => (
          <span
            key={i}
            className={
              p.added
                ? "block bg-emerald-100 text-emerald-900"
                : p.removed
                  ? "block bg-red-100 text-red-900 line-through decoration-red-400/50"
                  : "block text-slate-600"
            }
          >
            {p.value
              .replace(/\n$/, "")
              .split("\n")
              .map((line) => `${p.added ? "+ " : p.removed ? "- " : "  "}${line}`)
              .join("\n")}
          </span>
        ))}
      </pre>
    </Card>
  );
}
