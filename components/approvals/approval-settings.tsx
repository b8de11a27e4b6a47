"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Card } from "@/components/ui/card";
import { DirtyBar } from "@/components/ui/dirty-bar";
import { Alert, Field, Input } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { setServerErrors } from "@/lib/client/form-errors";
import { escalationSchema } from "@/lib/schemas/approval-workflow";
import { ApproverGroups } from "./approver-groups";
import { Channels, Deliveries } from "./notification-settings";
import { useInvalidate } from "./settings-cache";
import { SlackAppSettings } from "./slack-app-settings";
import { SmtpSettings } from "./smtp-settings";

/**
 * Each settings card (escalation, Slack app, SMTP) saves from its own dirty bar: they are separate
 * settings behind separate endpoints, two of them holding secrets, so one save never sends another
 * card's half-typed token. The list editors (groups, channels) add one item at a time.
 */
export function ApprovalSettings() {
  return (
    <div className="space-y-6">
      <Escalation />
      <ApproverGroups />
      <SlackAppSettings />
      <Channels />
      <SmtpSettings />
      <Deliveries />
    </div>
  );
}

type EscalationValues = z.infer<typeof escalationSchema>;

function Escalation() {
  const q = useQuery({
    queryKey: ["approval-settings", "escalation"],
    queryFn: () => api<{ escalation: EscalationValues }>("/api/console/approvals/settings"),
  });
  return (
    <Card
      title="Escalation"
      description="A request waiting longer than this goes to the fallback group too (default 10 min, the median decision-time target)."
    >
      {q.isError && <Alert>The escalation setting could not be loaded.</Alert>}
      {q.data && <EscalationForm afterMin={q.data.escalation.afterMin} />}
    </Card>
  );
}

/** One field, checked by the API's own escalationSchema, saved from the card's dirty bar. */
function EscalationForm({ afterMin }: { afterMin: number }) {
  const form = useForm<EscalationValues>({ resolver: zodResolver(escalationSchema), defaultValues: { afterMin } });
  const refresh = useInvalidate();
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (v: EscalationValues) => api("/api/console/approvals/settings", { method: "PUT", body: v }),
  });
  const error = form.formState.errors.afterMin?.message;
  return (
    <form
      noValidate
      className="space-y-3"
      onChange={() => setSaved(false)}
      onSubmit={form.handleSubmit(async (v) => {
        try {
          await save.mutateAsync(v);
        } catch (err) {
          setServerErrors(form.setError, err, ["afterMin"]);
          return;
        }
        form.reset(v);
        setSaved(true);
        refresh();
      })}
    >
      <div className="w-48">
        <Field label="Escalate after (min)" error={error}>
          <Input type="number" min={1} max={1440} {...form.register("afterMin", { valueAsNumber: true })} />
        </Field>
      </div>
      <DirtyBar
        dirty={form.formState.isDirty}
        saving={save.isPending}
        changes="escalation time"
        saved={saved ? "Saved. Waiting requests escalate on the new time." : null}
        error={save.isError && !error ? save.error.message : null}
        onDiscard={() => {
          form.reset();
          save.reset();
        }}
      />
    </form>
  );
}
