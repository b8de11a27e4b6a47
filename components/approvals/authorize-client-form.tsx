"use client";

import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import type { AuthorizeRequest } from "@/lib/schemas/person-oauth";

/** Consent for a person's MCP client: allow sends a one-time code to the client, cancel sends access_denied. */
export function AuthorizeClientForm({
  request,
  clientName,
  redirectHost,
  email,
}: {
  request: AuthorizeRequest;
  clientName: string;
  redirectHost: string;
  email: string;
}) {
  const answer = useMutation({
    mutationFn: (allow: boolean) =>
      api<{ redirect_to: string }>("/api/console/oauth/authorize", { body: { ...request, allow } }),
    // The client's redirect URI is outside the console: a full navigation, not the router.
    onSuccess: (r) => window.location.assign(r.redirect_to),
  });
  return (
    <Card
      title={`Let “${clientName}” answer approvals as you?`}
      description={`Signed in as ${email}. The client asked to come back to ${redirectHost}.`}
    >
      <div className="space-y-4 text-sm text-slate-700">
        <ul className="list-disc space-y-1 pl-5">
          <li>
            It may list the requests waiting for approval, show one, approve and deny — as you, from your assistant.
          </li>
          <li>
            Every rule of the console still holds: four eyes, your approver groups, no decisions on agents you own, a
            reason to deny. Editing a request's arguments stays in the console.
          </li>
          <li>It gets nothing else of the console. Its access ends after one hour; you can grant it again.</li>
        </ul>
        <p className="text-slate-500">Only allow a client you started yourself just now.</p>
        {answer.isError && <Alert>{answer.error.message}</Alert>}
        {answer.isSuccess && <Alert tone="info">Returning to the client…</Alert>}
        <div className="flex flex-wrap gap-3">
          <Button type="button" onClick={() => answer.mutate(true)} disabled={answer.isPending || answer.isSuccess}>
            Allow
          </Button>
          <Button
            type="button"
            variant="secondary"
            onClick={() => answer.mutate(false)}
            disabled={answer.isPending || answer.isSuccess}
          >
            Cancel
          </Button>
        </div>
      </div>
    </Card>
  );
}
