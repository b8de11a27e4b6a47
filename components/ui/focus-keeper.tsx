"use client";

import { useEffect } from "react";

const FOCUSABLE =
  'button:not([disabled]), a[href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * Keeps keyboard focus on the page when the focused control disappears or is disabled (a form
 * closes after saving, decision buttons go once a request is decided): focus moves to the first control of
 * the nearest part of the page that is still there, instead of falling back to the document's
 * start, where a keyboard user would have to Tab through the navigation again.
 */
export function FocusKeeper() {
  useEffect(() => {
    const main = document.getElementById("main");
    if (!main) return;
    let chain: HTMLElement[] = [];
    const onFocusIn = (e: FocusEvent) => {
      chain = [];
      for (let el = e.target as HTMLElement | null; el && el !== main; el = el.parentElement) chain.push(el);
    };
    const restore = () => {
      const lost = chain[0];
      const gone = lost && (!lost.isConnected || lost.matches(":disabled"));
      if (!gone || (document.activeElement && document.activeElement !== document.body)) return;
      const still = chain.slice(1).find((el) => el.isConnected) ?? main;
      const target = [...still.querySelectorAll<HTMLElement>(FOCUSABLE)].find((el) => el.getClientRects().length > 0);
      (target ?? main).focus();
    };
    const observer = new MutationObserver(restore);
    // Focus may fall to the document only after the last mutation (a dialog outside <main> closes and
    // returns focus to an opener that was disabled meanwhile): check again once focus has settled.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onFocusOut = () => {
      clearTimeout(timer);
      timer = setTimeout(restore, 50);
    };
    // A pointer user who clicks away has chosen where to be: nothing to restore.
    const forget = () => {
      chain = [];
    };
    main.addEventListener("focusin", onFocusIn);
    document.addEventListener("pointerdown", forget);
    document.addEventListener("focusout", onFocusOut);
    observer.observe(main, { childList: true, subtree: true, attributes: true, attributeFilter: ["disabled"] });
    return () => {
      main.removeEventListener("focusin", onFocusIn);
      document.removeEventListener("pointerdown", forget);
      document.removeEventListener("focusout", onFocusOut);
      clearTimeout(timer);
      observer.disconnect();
    };
  }, []);
  return null;
}
