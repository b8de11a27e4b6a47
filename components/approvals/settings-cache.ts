"use client";

import { useQueryClient } from "@tanstack/react-query";

/** Refetches everything the approval settings page shows (its queries share the "approval-settings" key). */
export function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ["approval-settings"] });
}
