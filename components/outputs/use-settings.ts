"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { OutputSafetySettings } from "./types";

export const SETTINGS_KEY = ["output-safety-settings"] as const;

/** One partial PUT per section; the whole view reloads after a save. */
export function useSaveSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<OutputSafetySettings>) =>
      api<{ settings: OutputSafetySettings }>("/api/console/output-safety", { method: "PUT", body: patch }),
    onSuccess: () => qc.invalidateQueries({ queryKey: SETTINGS_KEY }),
  });
}
