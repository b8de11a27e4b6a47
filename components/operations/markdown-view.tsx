import { renderMarkdown } from "./render-markdown";

const PROSE = [
  "text-sm leading-6 text-slate-800",
  "[&_h1]:mt-6 [&_h1]:text-xl [&_h1]:font-semibold",
  "[&_h2]:mt-6 [&_h2]:mb-2 [&_h2]:text-base [&_h2]:font-semibold [&_h2]:text-slate-900",
  "[&_h3]:mt-4 [&_h3]:mb-1 [&_h3]:font-semibold",
  "[&_p]:my-2 [&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-6 [&_li]:my-0.5",
  "[&_a]:text-indigo-700 [&_a]:underline [&_a:hover]:text-indigo-900",
  "[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:py-0.5 [&_code]:text-[0.85em]",
  "[&_pre]:my-3 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-slate-900 [&_pre]:p-3 [&_pre]:text-slate-100 [&_pre_code]:bg-transparent",
  "[&_table]:my-3 [&_table]:w-full [&_table]:border-collapse [&_table]:text-left",
  "[&_th]:border-b [&_th]:border-slate-300 [&_th]:px-2 [&_th]:py-1 [&_th]:font-medium [&_td]:border-b [&_td]:border-slate-100 [&_td]:px-2 [&_td]:py-1 [&_td]:align-top",
  "[&_blockquote]:border-l-4 [&_blockquote]:border-slate-200 [&_blockquote]:pl-3 [&_blockquote]:text-slate-600",
  "[&_strong]:font-semibold [&_strong]:text-slate-900 [&_hr]:my-4",
].join(" ");

/** Rendered runbook text. The HTML comes from renderMarkdown, which never passes raw HTML through. */
export function MarkdownView({ source, className = "" }: { source: string; className?: string }) {
  return (
    <div
      className={`${PROSE} ${className}`}
      data-testid="runbook-body"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown escapes raw HTML and vets link targets
      dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }}
    />
  );
}
