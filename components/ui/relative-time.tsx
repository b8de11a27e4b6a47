"use client";

import { useEffect, useState } from "react";

export function formatRelative(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  const future = ms < 0;
  const text =
    s < 45
      ? "just now"
      : s < 3600
        ? `${Math.round(s / 60)} min`
        : s < 86400
          ? `${Math.round(s / 3600)} h`
          : `${Math.round(s / 86400)} d`;
  if (text === "just now") return text;
  return future ? `in ${text}` : `${text} ago`;
}

/** "14 min ago", with the exact time on hover; refreshes itself every 30 s. */
export function RelativeTime({ at }: { at: string | Date }) {
  const date = typeof at === "string" ? new Date(at) : at;
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={`${iso.replace("T", " ").slice(0, 19)} UTC`}>
      {now === null ? iso.slice(0, 16).replace("T", " ") : formatRelative(now - date.getTime())}
    </time>
  );
}
