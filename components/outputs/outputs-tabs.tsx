import Link from "next/link";

/** Quarantine review and the weekly false-negative review are two views of one area. */
export function OutputsTabs({ current, pending }: { current: "quarantine" | "samples"; pending?: number }) {
  const tabs = [
    { id: "quarantine", href: "/outputs", label: "Quarantine review" },
    { id: "samples", href: "/outputs/samples", label: "False-negative review" },
  ] as const;
  return (
    <nav
      aria-label="Output review"
      className="mb-4 flex w-fit max-w-full flex-wrap rounded-lg bg-white p-1 ring-1 ring-slate-200"
    >
      {tabs.map((t) => (
        <Link
          key={t.id}
          href={t.href}
          aria-current={current === t.id ? "page" : undefined}
          className={`rounded-md px-3 py-1 text-sm font-medium ${current === t.id ? "bg-slate-900 text-white" : "text-slate-600 hover:text-slate-900"}`}
        >
          {t.label}
          {t.id === "quarantine" && pending ? (
            <span className="ml-1.5 rounded-full bg-amber-400 px-1.5 text-xs text-slate-900">{pending}</span>
          ) : null}
        </Link>
      ))}
    </nav>
  );
}
