"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { CheckCheck, Pencil } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert, Field, Input } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { otherServerErrors } from "@/lib/client/form-errors";
import { runbookFormSchema, type RunbookFormValues } from "@/lib/schemas/operations";
import { MarkdownView } from "./markdown-view";

interface RunbookProps {
  slug: string;
  version: number;
  title: string;
  owner: string;
  body: string;
}

/** For admins: the rendered runbook with Edit (markdown with live preview) and Mark reviewed. */
export function RunbookActions(props: RunbookProps) {
  const { slug, version, body } = props;
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const review = useMutation({
    mutationFn: () => api(`/api/console/runbooks/${slug}/review`, { method: "POST" }),
    onSuccess: () => router.refresh(),
  });

  if (editing) return <RunbookEditor {...props} onClose={() => setEditing(false)} />;
  return (
    <Card
      actions={
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => review.mutate()} disabled={review.isPending}>
            <CheckCheck size={14} aria-hidden /> {review.isPending ? "Saving…" : "Mark reviewed"}
          </Button>
          <Button onClick={() => setEditing(true)}>
            <Pencil size={14} aria-hidden /> Edit
          </Button>
        </div>
      }
      title={<span className="text-sm font-normal text-slate-500">Version {version}</span>}
    >
      {review.isError && (
        <div className="mb-3">
          <Alert>{review.error.message}</Alert>
        </div>
      )}
      <MarkdownView source={body} />
    </Card>
  );
}

/** Title, owner and markdown with a live preview; a save is a new version (409 when someone saved first). */
function RunbookEditor({ slug, version, title, owner, body, onClose }: RunbookProps & { onClose: () => void }) {
  const router = useRouter();
  const form = useForm<RunbookFormValues>({
    resolver: zodResolver(runbookFormSchema),
    defaultValues: { title, owner, body },
  });
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: (v: RunbookFormValues) =>
      api(`/api/console/runbooks/${slug}`, { method: "PUT", body: { ...v, base_version: version } }),
    onMutate: () => setOtherErrors([]),
    onSuccess: () => {
      onClose();
      router.refresh();
    },
    onError: (e) => setOtherErrors(otherServerErrors(form.setError, e, ["title", "owner", "body"])),
  });
  const errors = form.formState.errors;
  const draftBody = form.watch("body");
  return (
    <Card
      title={`Editing version ${version}`}
      description={`Markdown. Raw HTML is shown as text, never run. Saving creates version ${version + 1} and records you as the reviewer.`}
    >
      <form className="space-y-4" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))}>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Title" error={errors.title?.message}>
            <Input maxLength={200} {...form.register("title")} />
          </Field>
          <Field label="Owner" error={errors.owner?.message}>
            <Input maxLength={200} {...form.register("owner")} />
          </Field>
        </div>
        <div className="grid gap-4 lg:grid-cols-2">
          <Field label="Runbook (markdown)" error={errors.body?.message}>
            <textarea
              {...form.register("body")}
              rows={24}
              className="block w-full rounded-md border-0 px-3 py-2 font-mono text-xs leading-5 text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600"
            />
          </Field>
          <div>
            <p className="mb-1 text-sm font-medium text-slate-700">Preview</p>
            <div
              className="max-h-[32rem] overflow-y-auto rounded-md p-3 ring-1 ring-slate-200"
              data-testid="runbook-preview"
            >
              <MarkdownView source={draftBody} />
            </div>
          </div>
        </div>
        {save.isError && (otherErrors.length > 0 || !(errors.title || errors.owner || errors.body)) && (
          <Alert>{otherErrors.length > 0 ? otherErrors.join(" ") : save.error.message}</Alert>
        )}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save new version"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
