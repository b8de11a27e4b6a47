import { revealInvisible, segmentsOf } from "@/lib/client/output-segments";
import type { Mark } from "./types";

export const CATEGORY_STYLE: Record<
  string,
  { mark: string; badge: "red" | "amber" | "indigo" | "slate"; label: string }
> = {
  steering: { mark: "bg-red-100 text-red-900 ring-1 ring-red-300", badge: "red", label: "steering" },
  secret: { mark: "bg-amber-100 text-amber-900 ring-1 ring-amber-300", badge: "amber", label: "secret" },
  pii: { mark: "bg-indigo-100 text-indigo-900 ring-1 ring-indigo-300", badge: "indigo", label: "PII" },
};

function Revealed({ text }: { text: string }) {
  return (
    <>
      {revealInvisible(text).map((p, i) =>
        "text" in p ? (
          <span key={i}>{p.text}</span>
        ) : (
          <span
            key={i}
            className="mx-0.5 rounded bg-slate-800 px-1 font-sans text-[10px] font-medium text-white"
            title={p.label}
            data-testid="hidden-characters"
          >
            ⟨{p.label}⟩
          </span>
        ),
      )}
    </>
  );
}

/**
 * A window of untrusted text with its findings highlighted by offset. Everything is rendered as
 * React text (escaped), never as HTML; invisible characters are shown as labelled chips.
 */
export function HighlightedText({
  text,
  marks,
  before,
  after,
}: {
  text: string;
  marks: Mark[];
  before: boolean;
  after: boolean;
}) {
  return (
    <pre className="whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 font-mono text-xs leading-relaxed text-slate-800 ring-1 ring-inset ring-slate-200">
      {before && <span className="text-slate-500">…</span>}
      {segmentsOf(text, marks).map((s, i) =>
        s.kinds.length === 0 ? (
          <Revealed key={i} text={s.text} />
        ) : (
          <mark
            key={i}
            data-kind={s.kinds.join(" ")}
            title={s.kinds.join(", ")}
            className={`rounded px-0.5 ${CATEGORY_STYLE[s.categories[0]]?.mark ?? CATEGORY_STYLE.steering.mark}`}
          >
            <Revealed text={s.text} />
          </mark>
        ),
      )}
      {after && <span className="text-slate-500">…</span>}
    </pre>
  );
}
