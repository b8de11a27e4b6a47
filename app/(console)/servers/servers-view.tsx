"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { type ReasonAction, useReasonAction } from "@/components/operations/use-reason-action";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Alert } from "@/components/ui/field";
import { api, queryKeys } from "@/lib/client/api";
import { ENVIRONMENTS } from "@/lib/schemas/identity";
import type { Environment } from "@/lib/policy";
import { NEXT, ServerCard } from "./server-card";
import { CreateServerDialog, DiscoverDialog, OverrideDialog } from "./server-dialogs";
import type { ServerRow, SubmitAnswer, ToolRow } from "./types";
import { SegmentedTabs } from "@/components/ui/tabs";

const LAST_ENVIRONMENT = "servers.environment";

export function ServersView({
  canWrite,
  isAdmin,
  initialEnvironment,
}: {
  canWrite: boolean;
  isAdmin: boolean;
  initialEnvironment: Environment;
}) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const fromUrl = ENVIRONMENTS.find((e) => e === params.get("env"));
  const environment = fromUrl ?? initialEnvironment;
  const settled = useRememberedEnvironment(fromUrl, initialEnvironment);
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [discovering, setDiscovering] = useState<ServerRow | null>(null);
  const [overriding, setOverriding] = useState<{ server: ServerRow; tool: ToolRow } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const servers = useQuery({
    queryKey: [...queryKeys.servers, environment],
    queryFn: () => api<{ servers: ServerRow[] }>(`/api/console/servers?environment=${environment}`),
    enabled: settled,
  });

  function report(answer: SubmitAnswer, done: string) {
    setNotice(noticeFor(answer, done));
    qc.invalidateQueries({ queryKey: queryKeys.servers });
  }

  const act = useMutation({
    mutationFn: ({ server, verb, body }: { server: ServerRow; verb: string; body?: unknown }) =>
      api<SubmitAnswer>(`/api/console/servers/${server.id}/${verb}`, { method: "POST", body: body ?? {} }),
    // Only promotion goes through here; suspending and activating need a reason (the reasoned dialog).
    onSuccess: (answer, { server }) => report(answer, `Promoted ${server.name} to ${NEXT[server.environment]}.`),
    onError: (e) => setNotice({ tone: "error", text: e.message }),
  });

  const setReceipt = useMutation({
    mutationFn: ({ server, requires }: { server: ServerRow; requires: boolean }) =>
      api<SubmitAnswer>(`/api/console/servers/${server.id}`, { method: "PATCH", body: { requires_receipt: requires } }),
    onSuccess: (answer, { server, requires }) =>
      report(answer, `${server.name} ${requires ? "now requires" : "no longer requires"} receipts.`),
    onError: (e) => setNotice({ tone: "error", text: e.message }),
  });

  const reasoned = useReasonAction((answer) => {
    const server = answer as ServerRow;
    report(answer as SubmitAnswer, `${server.status === "suspended" ? "Suspended" : "Activated"} ${server.name}.`);
  });

  return (
    <div className="space-y-6">
      {reasoned.dialog}
      <EnvironmentBar
        environment={environment}
        onNew={canWrite ? () => setCreating(true) : undefined}
        onSwitch={(e) => {
          setNotice(null);
          localStorage.setItem(LAST_ENVIRONMENT, e);
          router.replace(`${pathname}?env=${e}`);
        }}
      />
      {environment === "production" && canWrite && !isAdmin && (
        <Alert tone="info">
          Changes to production are sent for review: another policy author or an admin must approve them.
        </Alert>
      )}
      {notice && <NoticeAlert notice={notice} />}
      {(servers.isPending || !settled) && <p className="text-sm text-slate-500">Loading servers…</p>}
      {servers.isError && <Alert>{servers.error.message}</Alert>}
      {servers.data?.servers.length === 0 && <NoServers environment={environment} canWrite={canWrite} />}
      {servers.data?.servers.map((s) => (
        <ServerCard
          key={s.id}
          server={s}
          canWrite={canWrite}
          busy={act.isPending}
          onDiscover={() => setDiscovering(s)}
          onPromote={() => act.mutate({ server: s, verb: "promote" })}
          onReceipt={(requires) => setReceipt.mutate({ server: s, requires })}
          onStatus={(verb) => reasoned.ask(statusAction(s, verb))}
          onReclassify={(tool) => setOverriding({ server: s, tool })}
        />
      ))}
      <CreateServerDialog
        open={creating}
        environment={environment}
        onClose={() => setCreating(false)}
        onDone={(answer, name) => {
          setCreating(false);
          report(answer, `Catalogued ${name} in ${environment}.`);
        }}
      />
      {discovering && (
        <DiscoverDialog
          server={discovering}
          onClose={() => setDiscovering(null)}
          onDone={(answer) => {
            setDiscovering(null);
            report(answer, `Saved the discovered tools of ${discovering.name}.`);
          }}
        />
      )}
      {overriding && (
        <OverrideDialog
          server={overriding.server}
          tool={overriding.tool}
          onClose={() => setOverriding(null)}
          onDone={(answer) => {
            setOverriding(null);
            report(answer, `Reclassified ${overriding.tool.name}.`);
          }}
        />
      )}
    </div>
  );
}

/**
 * Without ?env=, the environment last opened here wins over the server's guess (the one with servers): the page
 * moves there first. True once the environment shown is settled.
 */
function useRememberedEnvironment(fromUrl: Environment | undefined, initialEnvironment: Environment): boolean {
  const router = useRouter();
  const pathname = usePathname();
  const [settled, setSettled] = useState(Boolean(fromUrl));
  useEffect(() => {
    if (fromUrl) {
      localStorage.setItem(LAST_ENVIRONMENT, fromUrl);
      setSettled(true);
      return;
    }
    const last = ENVIRONMENTS.find((e) => e === localStorage.getItem(LAST_ENVIRONMENT));
    if (last && last !== initialEnvironment) router.replace(`${pathname}?env=${last}`);
    else setSettled(true);
  }, [fromUrl, initialEnvironment, pathname, router]);
  return settled;
}

/** Suspending denies every call to the server until it is activated; both need a reason. */
function statusAction(server: ServerRow, verb: "suspend" | "activate"): ReasonAction {
  return {
    title: `${verb === "suspend" ? "Suspend" : "Activate"} ${server.name} in ${server.environment}?`,
    consequence:
      verb === "suspend"
        ? "Every call to its tools is denied until it is activated again; agents see server_suspended."
        : "Calls to its tools are decided by the policy again.",
    confirmLabel: verb === "suspend" ? "Suspend server" : "Activate server",
    danger: verb === "suspend",
    method: "POST",
    path: `/api/console/servers/${server.id}/${verb}`,
  };
}

function EnvironmentBar({
  environment,
  onSwitch,
  onNew,
}: {
  environment: Environment;
  onSwitch: (environment: Environment) => void;
  onNew?: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <SegmentedTabs
        label="Environment"
        value={environment}
        onValueChange={onSwitch}
        options={ENVIRONMENTS.map((e) => ({ value: e, label: e }))}
        tabClassName="capitalize"
      />
      {onNew && (
        <Button onClick={onNew}>
          <Plus size={14} aria-hidden /> New server
        </Button>
      )}
    </div>
  );
}

type Notice = { tone: "success" | "error" | "info"; text: string; review?: boolean };

/** What a change's answer means: applied (`done`), or sent for review in production. */
function noticeFor(answer: SubmitAnswer, done: string): Notice {
  if ("change_request" in answer && answer.change_request)
    return {
      tone: "info",
      text: `Sent for review: “${answer.change_request.title}”. Another policy author or an admin approves it on the Reviews page.`,
      review: true,
    };
  return { tone: "success", text: done };
}

function NoticeAlert({ notice }: { notice: Notice }) {
  return (
    <Alert tone={notice.tone}>
      {notice.text}{" "}
      {notice.review && (
        <Link href="/reviews" className="font-medium underline">
          Open Reviews
        </Link>
      )}
    </Alert>
  );
}

function NoServers({ environment, canWrite }: { environment: Environment; canWrite: boolean }) {
  return (
    <Card>
      <EmptyState title={`No servers catalogued in ${environment}`}>
        {canWrite
          ? environment === "development"
            ? "Add one with “New server”, then discover its tools."
            : "Promote a server from the environment before, or add one."
          : "Ask a policy author to catalogue one."}
      </EmptyState>
    </Card>
  );
}
