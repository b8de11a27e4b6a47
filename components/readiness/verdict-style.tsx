import { CircleCheck, CircleDashed, OctagonX } from "lucide-react";
import type { GoNoGoVerdict } from "@/lib/readiness/verdict";

/** Colour AND icon AND word for the one verdict: red blocks, amber is not ready (never green), green is GO. */
export const VERDICT_STYLE: Record<
  GoNoGoVerdict,
  {
    word: string;
    Icon: typeof CircleCheck;
    /** The solid band of the verdict panel. */
    band: string;
    /** A light card (tiles, the printable report). */
    card: string;
    text: string;
  }
> = {
  GO: {
    word: "GO",
    Icon: CircleCheck,
    band: "bg-emerald-700 text-white",
    card: "border-emerald-300 bg-emerald-50",
    text: "text-emerald-700",
  },
  NO_GO: {
    word: "NO-GO",
    Icon: OctagonX,
    band: "bg-red-700 text-white",
    card: "border-red-300 bg-red-50",
    text: "text-red-700",
  },
  NOT_READY: {
    word: "NOT READY",
    Icon: CircleDashed,
    band: "bg-amber-400 text-amber-950",
    card: "border-amber-300 bg-amber-50",
    text: "text-amber-800",
  },
};

const pad = (n: number) => String(n).padStart(2, "0");

/** "09:14 UTC" today, "1 Dec 09:14 UTC" before. */
export function clockLabel(iso: string, now: number): string {
  const d = new Date(iso);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
  const sameDay = new Date(now).toISOString().slice(0, 10) === iso.slice(0, 10);
  return sameDay ? time : `${d.getUTCDate()} ${d.toLocaleString("en", { month: "short", timeZone: "UTC" })} ${time}`;
}

/** "6 days", "3 h", "12 min", "under a minute". */
export function durationLabel(ms: number): string {
  const min = Math.floor(Math.max(0, ms) / 60_000);
  if (min < 1) return "under a minute";
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} days`;
}

/** The trend in words: "GO for 6 days", "NO-GO since 09:14 UTC", "NOT READY since 1 Dec 08:00 UTC". */
export function trendLabel(verdict: GoNoGoVerdict, since: string | null, now: number): string | null {
  if (!since) return null;
  const word = VERDICT_STYLE[verdict].word;
  return verdict === "GO"
    ? `${word} for ${durationLabel(now - new Date(since).getTime())}`
    : `${word} since ${clockLabel(since, now)}`;
}
