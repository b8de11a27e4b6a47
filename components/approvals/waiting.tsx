"use client";

import { useEffect, useState } from "react";

/** Minutes waited, coloured by the seed's targets: amber from 10 min (median target), red from 20 (block). */
export function Waiting({ since }: { since: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(t);
  }, []);
  const minutes = Math.max(0, Math.floor((now - new Date(since).getTime()) / 60_000));
  const tone =
    minutes >= 20
      ? "bg-red-100 text-red-800"
      : minutes >= 10
        ? "bg-amber-100 text-amber-900"
        : "bg-slate-100 text-slate-700";
  const label = minutes >= 20 ? "over target" : minutes >= 10 ? "at risk" : "waiting";
  return (
    <span
      title={`${label} · since ${new Date(since).toISOString().replace("T", " ").slice(0, 19)} UTC`}
      className={`whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${tone}`}
    >
      {minutes < 1 ? "< 1 min" : `${minutes} min`}
      <span className="sr-only"> ({label})</span>
    </span>
  );
}
