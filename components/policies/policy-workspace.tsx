"use client";

import { Tab as TabButton, TabList } from "@/components/ui/tabs";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm";
import { useAnnounce } from "@/components/ui/announcer";
import { Alert, Input } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api } from "@/lib/client/api";
import { ENVIRONMENTS, parsePolicy, type Environment } from "@/lib/policy";
import { PolicyChangeSummary } from "./change-summary";
import { HistoryPanel } from "./history-panel";
import { ImpactPanel } from "./impact-panel";
import { RulesPanel } from "./rules-panel";
import { SimulatorPanel } from "./simulator-panel";
import type { PolicyOverview } from "./types";
import { YamlPanel } from "./yaml-panel";

const TABS = [
  { id: "rules", label: "Rules" },
  { id: "yaml", label: "YAML" },
  { id: "simulate", label: "Simulator" },
  { id: "impact", label: "Impact" },
  { id: "history", label: "History" },
] as const;
type Tab = (typeof TABS)[number]["id"];

export const policyKey = (env: string) => ["policy", env] as const;

export function PolicyWorkspace({
  environment,
  canWrite,
  isAdmin,
  initialTab,
}: {
  environment: Environment;
  canWrite: boolean;
  isAdmin: boolean;
  initialTab?: string;
}) {
  const qc = useQueryClient();
  const confirm = useConfirm();
  const overview = useQuery({
    queryKey: policyKey(environment),
    queryFn: () => api<PolicyOverview>(`/api/console/policies/${environment}`),
  });
  const [tab, setTab] = useState<Tab>(TABS.some((t) => t.id === initialTab) ? (initialTab as Tab) : "rules");
  const [edited, setEdited] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const [notice, setNotice] = useState<{ tone: "success" | "error" | "info"; text: string } | null>(null);
  const source = edited ?? overview.data?.draft.source ?? "";
  const parsed = useMemo(() => parsePolicy(source), [source]);
  const dirty = edited !== null && edited !== overview.data?.draft.source;

  const save = useSavePolicy(environment, source, message, (res) => {
    if (res instanceof Error) return setNotice({ tone: "error", text: res.message });
    setEdited(null);
    setMessage("");
    setNotice(noticeAfterSave(res));
  });

  if (overview.isPending) return <p className="text-sm text-slate-500">Loading policy…</p>;
  if (overview.isError) return <Alert>{overview.error.message}</Alert>;
  const o = overview.data;
  const publishLabel = environment === "production" && !isAdmin ? "Request publish" : "Publish";

  return (
    <div className="space-y-4">
      <EnvironmentNav environment={environment} />

      <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
        <LiveStatus overview={o} environment={environment} dirty={dirty} parsed={parsed} />
        {canWrite && (
          <div className="flex min-w-0 max-w-full flex-wrap items-center gap-2">
            <Button
              variant="secondary"
              disabled={!dirty || !parsed.ok || save.isPending}
              onClick={() => save.mutate(false)}
            >
              Save draft
            </Button>
            <Input
              aria-label="Publish message"
              placeholder="What changed and why"
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              className="max-w-full sm:w-56"
            />
            <Button
              disabled={!parsed.ok || save.isPending || (!dirty && !o.draft.differs_from_current)}
              onClick={async () => {
                if (await confirm(publishPrompt(environment, isAdmin, o.current?.source ?? "", source)))
                  save.mutate(true);
              }}
            >
              {publishLabel}
            </Button>
          </div>
        )}
      </div>
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}

      <PolicyTabs tab={tab} onTab={setTab} />

      <div role="tabpanel">
        {tab === "rules" && (
          <RulesPanel
            source={source}
            parsed={parsed}
            canWrite={canWrite}
            onChange={setEdited}
            environment={environment}
          />
        )}
        {tab === "yaml" && (
          <YamlPanel
            source={source}
            parsed={parsed}
            readOnly={!canWrite}
            onChange={setEdited}
            environment={environment}
          />
        )}
        {tab === "simulate" && <SimulatorPanel environment={environment} draftSource={source} draftValid={parsed.ok} />}
        {tab === "impact" && (
          <ImpactPanel
            environment={environment}
            draftSource={source}
            draftValid={parsed.ok}
            hasCurrent={Boolean(o.current)}
          />
        )}
        {tab === "history" && (
          <HistoryPanel
            environment={environment}
            versions={o.versions}
            canWrite={canWrite}
            onRolledBack={(text) => {
              setNotice({ tone: "success", text });
              qc.invalidateQueries({ queryKey: policyKey(environment) });
            }}
          />
        )}
      </div>
    </div>
  );
}

/** What the page says after a save: published (and from which version on), sent for review, or saved as a draft. */
function noticeAfterSave(res: { status: string; snapshot?: { version: number } }): {
  tone: "success" | "info";
  text: string;
} {
  if (res.status === "published")
    return {
      tone: "success",
      text: `Published version ${res.snapshot?.version}. It decides every new call within a second.`,
    };
  if (res.status === "pending_review")
    return {
      tone: "info",
      text: "Sent for review: another policy author or an admin must approve this production change on the Reviews page.",
    };
  return { tone: "success", text: "Draft saved." };
}

function EnvironmentNav({ environment }: { environment: Environment }) {
  return (
    <nav aria-label="Environment" className="flex flex-wrap gap-2">
      {ENVIRONMENTS.map((env) => (
        <Link
          key={env}
          href={`/policies?env=${env}`}
          aria-current={env === environment ? "page" : undefined}
          className={`rounded-full px-3 py-1 text-sm font-medium capitalize ${env === environment ? "bg-slate-900 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50"}`}
        >
          {env}
        </Link>
      ))}
    </nav>
  );
}

/** The live version (or that none is live, so everything is denied) and how the draft differs from it. */
function LiveStatus({
  overview: o,
  environment,
  dirty,
  parsed,
}: {
  overview: PolicyOverview;
  environment: Environment;
  dirty: boolean;
  parsed: ReturnType<typeof parsePolicy>;
}) {
  return (
    <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2 text-sm">
      {o.current ? (
        <>
          <Badge tone="green">● Live v{o.current.version}</Badge>
          <code className="font-mono text-xs text-slate-500" title={o.current.hash}>
            {o.current.hash.slice(0, 19)}…
          </code>
          <span className="text-slate-500">
            published by {o.current.authorLabel} <RelativeTime at={o.current.createdAt} />
            {o.current.reviewedBy
              ? `, reviewed by ${o.current.reviewedBy}`
              : o.current.unreviewed
                ? " (unreviewed admin change)"
                : ""}
          </span>
        </>
      ) : (
        <Badge tone="red" wrap>
          ✕ No policy published — every call in {environment} is denied
        </Badge>
      )}
      {dirty ? (
        <Badge tone="amber">Unsaved edits</Badge>
      ) : o.draft.differs_from_current ? (
        <Badge tone="amber">Draft differs from live</Badge>
      ) : (
        <Badge>Draft = live</Badge>
      )}
      {!parsed.ok && <Badge tone="red">{parsed.errors.length} error(s) in draft</Badge>}
    </div>
  );
}

/** The confirmation before publishing: live at once (an admin in production, or any other environment) or a review request. */
function publishPrompt(environment: Environment, isAdmin: boolean, before: string, after: string) {
  const publishes = environment !== "production" || isAdmin;
  const live = environment === "production" && isAdmin;
  return {
    title: publishes ? `Publish to ${environment}${live ? " now" : ""}?` : "Send this production change for review?",
    description: live
      ? "It decides every new production call within a second, without a second reviewer."
      : publishes
        ? `It decides every new ${environment} call within a second.`
        : "Another policy author or an admin must approve it on the Reviews page.",
    details: <PolicyChangeSummary environment={environment} before={before} after={after} />,
    confirmLabel: publishes ? `Publish to ${environment}` : "Request review",
  };
}

function PolicyTabs({ tab, onTab }: { tab: Tab; onTab: (tab: Tab) => void }) {
  return (
    <TabList
      label="Policy views"
      value={tab}
      onValueChange={onTab}
      className="flex flex-wrap gap-1 border-b border-slate-200"
    >
      {TABS.map((t) => (
        <TabButton
          key={t.id}
          value={t.id}
          className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-slate-600 hover:text-slate-900 data-[state=active]:border-indigo-600 data-[state=active]:text-indigo-700"
        >
          {t.label}
        </TabButton>
      ))}
    </TabList>
  );
}

type SaveResult = { status: string; snapshot?: { version: number }; change_request?: { id: string } };

/** Saves the draft, or publishes it (with `message`); `onDone` gets the answer or the error. */
function useSavePolicy(
  environment: Environment,
  source: string,
  message: string,
  onDone: (result: SaveResult | Error) => void,
) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  return useMutation({
    mutationFn: (publish: boolean) =>
      api<SaveResult>(
        `/api/console/policies/${environment}${publish ? `?publish=true&message=${encodeURIComponent(message)}` : ""}`,
        { method: "PUT", body: { source } },
      ),
    onSuccess: (res) => {
      qc.invalidateQueries({ queryKey: policyKey(environment) });
      if (res.status === "published") announce(`Published version ${res.snapshot?.version} to ${environment}.`);
      onDone(res);
    },
    onError: (e) => onDone(e),
  });
}
