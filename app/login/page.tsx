import type { Metadata } from "next";
import { env } from "@/lib/env";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };
// Rendered per request so Next.js can put the CSP nonce (proxy.ts) on its scripts.
export const dynamic = "force-dynamic";

export default function LoginPage() {
  return (
    <main className="flex min-h-full items-center justify-center bg-gradient-to-br from-slate-900 via-slate-800 to-indigo-950 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center text-white">
          <div
            className="mx-auto mb-3 flex h-11 w-11 items-center justify-center rounded-xl bg-indigo-500 text-lg font-bold"
            aria-hidden
          >
            M
          </div>
          <h1 className="text-xl font-semibold">MCP Governance Console</h1>
          <p className="mt-1 text-sm text-slate-300">Decide, hold and audit every agent tool call.</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-xl">
          <LoginForm sso={env().OIDC_ISSUER ? env().OIDC_NAME : null} />
        </div>
      </div>
    </main>
  );
}
