/**
 * What a server view becomes after JSON.stringify on the way to the page: Dates arrive as
 * ISO strings. Client components type responses as `Wire<ServerView>` from the server's own view
 * types (imported with `import type`, erased at build) instead of re-typing them by hand.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends bigint
    ? string
    : T extends (infer U)[]
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;
