import { Badge, type BadgeTone } from "@/components/ui/badge";
import { CONSTRAINT_FIELDS } from "@/lib/schemas/rule-form";
import type { ApprovalItem } from "./types";

/** A request's state in plain words: "Approved · used", "Denied", "Expired". */
export function statusWords(a: Pick<ApprovalItem, "status" | "useCount">): { text: string; tone: BadgeTone } {
  switch (a.status) {
    case "PENDING":
      return { text: "Waiting", tone: "amber" };
    case "CONSUMED":
      return { text: "Approved · used", tone: "green" };
    case "APPROVED":
      return a.useCount > 0
        ? { text: "Approved · used", tone: "green" }
        : { text: "Approved · not used yet", tone: "green" };
    case "DENIED":
      return { text: "Denied", tone: "red" };
    case "EXPIRED":
      return { text: "Expired", tone: "slate" };
    case "VOIDED":
      return { text: "Voided by a policy change", tone: "slate" };
    default:
      return { text: String(a.status).toLowerCase(), tone: "slate" };
  }
}

export function StatusBadge({ approval }: { approval: Pick<ApprovalItem, "status" | "useCount"> }) {
  const { text, tone } = statusWords(approval);
  return <Badge tone={tone}>{text}</Badge>;
}

const CONSTRAINT_LABEL = new Map<string, string>(CONSTRAINT_FIELDS.map((c) => [c.key, c.label]));

/** A rule's constraints as chips in words ("Max retries 1"), not JSON. */
/** A request's constraints (a JSON object as stored; anything else shows nothing). */
export function ConstraintChips({ constraints }: { constraints: unknown }) {
  const entries =
    constraints && typeof constraints === "object" && !Array.isArray(constraints) ? Object.entries(constraints) : [];
  if (entries.length === 0) return null;
  return (
    <span className="flex flex-wrap gap-1" data-testid="constraint-chips">
      {entries.map(([k, v]) => (
        <Badge key={k} tone="indigo">
          {CONSTRAINT_LABEL.get(k) ?? k.replaceAll("_", " ")}: {Array.isArray(v) ? v.join(", ") : String(v)}
        </Badge>
      ))}
    </span>
  );
}
