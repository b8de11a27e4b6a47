import { CircleAlert, CircleCheck } from "lucide-react";
import { Badge } from "@/components/ui/badge";

/** Green while reviewed within the quarter; amber when never reviewed or due again. */
export function ReviewBadge({ state, at }: { state: "never" | "current" | "due"; at: string | null }) {
  const day = at?.slice(0, 10);
  if (state === "current")
    return (
      <Badge tone="green" title={at ?? undefined}>
        <CircleCheck size={12} aria-hidden /> Reviewed {day}
      </Badge>
    );
  if (state === "due")
    return (
      <Badge tone="amber" title={at ?? undefined}>
        <CircleAlert size={12} aria-hidden /> Review due (last {day})
      </Badge>
    );
  return (
    <Badge tone="amber">
      <CircleAlert size={12} aria-hidden /> Not reviewed yet
    </Badge>
  );
}
