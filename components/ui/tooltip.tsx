"use client";

import * as TooltipPrimitive from "@radix-ui/react-tooltip";
import type { ReactElement, ReactNode } from "react";

/** One provider for every tooltip of the console (a short delay, and none when moving between hints). */
export function TooltipProvider({ children }: { children: ReactNode }) {
  return (
    <TooltipPrimitive.Provider delayDuration={300} skipDelayDuration={200}>
      {children}
    </TooltipPrimitive.Provider>
  );
}

/**
 * A supplementary hint on hover or focus (Radix Tooltip), e.g. a timestamp's relative time. The
 * trigger is the child as is: the hint never holds anything a reader needs that the page does not
 * show. Without `hint` (not known yet) the child renders alone.
 */
export function Hint({ hint, children }: { hint: ReactNode | undefined; children: ReactElement }) {
  if (hint === undefined || hint === null || hint === "") return children;
  return (
    <TooltipPrimitive.Root>
      <TooltipPrimitive.Trigger asChild>{children}</TooltipPrimitive.Trigger>
      <TooltipPrimitive.Portal>
        <TooltipPrimitive.Content
          sideOffset={4}
          className="z-50 rounded-md bg-slate-900 px-2 py-1 text-xs text-white shadow-md"
        >
          {hint}
        </TooltipPrimitive.Content>
      </TooltipPrimitive.Portal>
    </TooltipPrimitive.Root>
  );
}
