/** Fetch helpers for console pages: JSON in, JSON out, problem+json turned into ApiError. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: init.body === undefined ? {} : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok)
    throw new ApiError(res.status, data?.detail ?? data?.title ?? `Request failed (${res.status})`, data?.errors ?? []);
  return data as T;
}

export const queryKeys = {
  me: ["me"] as const,
  users: ["users"] as const,
  apiTokens: ["api-tokens"] as const,
  auditVerify: ["audit-verify"] as const,
  agents: ["agents"] as const,
  servers: ["servers"] as const,
  changeRequests: ["change-requests"] as const,
  trustedIssuers: ["trusted-issuers"] as const,
};
