"use client";

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";

type Announce = (message: string) => void;

const AnnouncerContext = createContext<Announce>(() => {});

/**
 * One polite live region for the whole console: status changes (a new approval, a publish,
 * a verdict) are spoken by screen readers without moving focus. The region is always in the
 * DOM, so assistive technology is listening before the first message arrives.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const announce = useCallback<Announce>((text) => {
    // Clearing first makes a repeated message be spoken again.
    setMessage("");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setMessage(text), 50);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <AnnouncerContext.Provider value={announce}>
      {children}
      <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="announcer">
        {message}
      </div>
    </AnnouncerContext.Provider>
  );
}

/** `announce("Policy v4 published to production.")` speaks the message through the console's live region. */
export function useAnnounce(): Announce {
  return useContext(AnnouncerContext);
}

/**
 * Announces `message` when it changes while `subject` stays the same (a verdict changing for
 * one environment), never the value a page opened with nor a switch to another subject. An empty
 * message is silent, and the next message after it is spoken even if it repeats the last one.
 */
export function useAnnounceChange(message: string, subject = "") {
  const announce = useAnnounce();
  const last = useRef<{ subject: string; message: string } | null>(null);
  useEffect(() => {
    const before = last.current;
    last.current = { subject, message };
    if (message && before && before.subject === subject && before.message !== message) announce(message);
  }, [subject, message, announce]);
}
