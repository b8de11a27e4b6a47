"use client";

import { useEffect, useState } from "react";
import { Hint } from "./tooltip";

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

/** "14 min ago", with the exact time as a hint (hover); refreshes itself every 30 s. */
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
    <Hint hint={`${iso.replace("T", " ").slice(0, 19)} UTC`}>
      <time dateTime={iso}>
        {now === null ? iso.slice(0, 16).replace("T", " ") : formatRelative(now - date.getTime())}
      </time>
    </Hint>
  );
}

/** "2026-12-03 13:24 UTC", with the relative time on hover: for ledgers and decided items. */
/** `wrap`: the date and the time may go on two lines (narrow table columns on a phone). */
export function AbsoluteTime({
  at,
  seconds = false,
  wrap = false,
}: {
  at: string | Date;
  seconds?: boolean;
  wrap?: boolean;
}) {
  const date = typeof at === "string" ? new Date(at) : at;
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => setNow(Date.now()), []);
  const iso = date.toISOString();
  return (
    <Hint hint={now === null ? undefined : formatRelative(now - date.getTime())}>
      <time dateTime={iso} className={`${wrap ? "" : "whitespace-nowrap "}tabular-nums`}>
        <span className="whitespace-nowrap">{iso.slice(0, 10)}</span>{" "}
        <span className="whitespace-nowrap">{iso.slice(11, seconds ? 19 : 16)} UTC</span>
      </time>
    </Hint>
  );
}
