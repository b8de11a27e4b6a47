"use client";

import { useMutation } from "@tanstack/react-query";
import { CheckCheck, Pencil } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert, Field, Input } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { MarkdownView } from "./markdown-view";

/** For admins: the rendered runbook with Edit (markdown with live preview) and Mark reviewed. */
export function RunbookActions({
  slug,
  version,
  title,
  owner,
  body,
}: {
  slug: string;
  version: number;
  title: string;
  owner: string;
  body: string;
}) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState({ title, owner, body });
  const save = useMutation({
    mutationFn: () =>
      api(`/api/console/runbooks/${slug}`, { method: "PUT", body: { ...draft, base_version: version } }),
    onSuccess: () => {
      setEditing(false);
      router.refresh();
    },
  });
  const review = useMutation({
    mutationFn: () => api(`/api/console/runbooks/${slug}/review`, { method: "POST" }),
    onSuccess: () => router.refresh(),
  });

  if (!editing) {
    return (
      <Card
        actions={
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => review.mutate()} disabled={review.isPending}>
              <CheckCheck size={14} aria-hidden /> {review.isPending ? "Saving…" : "Mark reviewed"}
            </Button>
            <Button
              onClick={() => {
                setDraft({ title, owner, body });
                save.reset();
                setEditing(true);
              }}
            >
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
  return (
    <Card
      title={`Editing version ${version}`}
      description={`Markdown. Raw HTML is shown as text, never run. Saving creates version ${version + 1} and records you as the reviewer.`}
    >
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Title">
            <Input
              value={draft.title}
              onChange={(e) => setDraft({ ...draft, title: e.target.value })}
              required
              maxLength={200}
            />
          </Field>
          <Field label="Owner">
            <Input
              value={draft.owner}
              onChange={(e) => setDraft({ ...draft, owner: e.target.value })}
              required
              maxLength={200}
            />
          </Field>
        </div>
        <div className="grid gap-4 lg:grid-cols-2">
          <Field label="Runbook (markdown)">
            <textarea
              value={draft.body}
              onChange={(e) => setDraft({ ...draft, body: e.target.value })}
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
              <MarkdownView source={draft.body} />
            </div>
          </div>
        </div>
        {save.isError && <Alert>{save.error.message}</Alert>}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setEditing(false)}>
            Cancel
          </Button>
          <Button
            type="submit"
            disabled={save.isPending || !draft.title.trim() || !draft.owner.trim() || !draft.body.trim()}
          >
            {save.isPending ? "Saving…" : "Save new version"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
