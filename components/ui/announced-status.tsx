"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { useAnnounce } from "./announcer";

/**
 * A success, warning or info message that appears after something happened ("Published version 4"):
 * shown in place and spoken once through the console's live region, which, unlike a region
 * inserted with its text, screen readers are already listening to.
 */
export function AnnouncedStatus({ className, children }: { className: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const spoken = useRef("");
  const announce = useAnnounce();
  useEffect(() => {
    const text = ref.current?.textContent?.trim() ?? "";
    if (text && text !== spoken.current) announce(text);
    spoken.current = text;
  });
  return (
    <div ref={ref} className={className}>
      {children}
    </div>
  );
}
