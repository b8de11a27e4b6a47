"use client";

import { MutationCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { AnnouncerProvider } from "@/components/ui/announcer";
import { ConfirmProvider } from "./ui/confirm";
import { TooltipProvider } from "./ui/tooltip";

/**
 * Every successful mutation marks all cached queries stale and refetches the ones on screen, so no
 * page shows data a change made elsewhere has replaced (a review that publishes a policy, a
 * promotion that adds a server). Mutations that only compute (simulate, replay, test a pattern)
 * opt out with `meta: { readOnly: true }`.
 */
function makeClient() {
  const client: QueryClient = new QueryClient({
    defaultOptions: { queries: { staleTime: 5_000, retry: 1, refetchOnWindowFocus: true } },
    mutationCache: new MutationCache({
      onSuccess: (_data, _vars, _ctx, mutation) => {
        if (mutation.meta?.readOnly) return;
        void client.invalidateQueries();
      },
    }),
  });
  return client;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeClient);
  return (
    <QueryClientProvider client={client}>
      <AnnouncerProvider>
        <ConfirmProvider>
          <TooltipProvider>{children}</TooltipProvider>
        </ConfirmProvider>
      </AnnouncerProvider>
    </QueryClientProvider>
  );
}
