"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useSearchParams } from "next/navigation";
import { Suspense, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Alert, Field, Input } from "@/components/ui/field";
import type { Role } from "@/lib/auth/permissions";
import { homePathFor, LANDING_PATH } from "@/lib/nav";
import { signInSchema } from "@/lib/schemas/users";

type SignInValues = z.infer<typeof signInSchema>;

function messageFor(error: string | null | undefined): string | null {
  if (!error) return null;
  const locked = /^locked:(\d+)/.exec(error);
  if (locked) {
    const sec = Number(locked[1]);
    const wait = sec < 60 ? `${sec} s` : `${Math.ceil(sec / 60)} min`;
    return `Too many failed attempts. Try again in ${wait}.`;
  }
  if (error === "CredentialsSignin") return "Email or password is incorrect.";
  if (error === "NoConsoleAccount" || error === "AccessDenied")
    return "Your single sign-on account has no active console account. Ask an admin to add you.";
  return "Sign-in failed. Try again.";
}

function Form({ sso }: { sso: string | null }) {
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(messageFor(params.get("error")));
  const [busy, setBusy] = useState(false);
  const form = useForm<SignInValues>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: "", password: "" },
  });

  /** The same-origin page that sent them here, if any. */
  function requested(): string | null {
    const next = params.get("callbackUrl");
    return next && /^\/(?![/\\])/.test(next) && next !== "/" ? next : null;
  }

  const onSubmit = form.handleSubmit(async ({ email, password }) => {
    setBusy(true);
    setError(null);
    const res = await signIn("credentials", { email, password, redirect: false });
    setBusy(false);
    if (!res || res.error) return setError(messageFor(res?.error ?? "failed"));
    // A full page load with the new session cookie: a client replace plus refresh could be
    // overtaken by the refresh, pulling a click made right after Overview appeared back to it.
    window.location.replace(requested() ?? (await homeFor()));
  });
  const errors = form.formState.errors;

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error && <Alert>{error}</Alert>}
      <Field label="Email" error={errors.email?.message}>
        <Input
          type="email"
          autoComplete="username"
          autoFocus
          {...form.register("email", { setValueAs: (v: string) => v.trim() })}
        />
      </Field>
      <Field label="Password" error={errors.password?.message}>
        <Input type="password" autoComplete="current-password" {...form.register("password")} />
      </Field>
      <Button type="submit" className="w-full" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </Button>
      {sso && (
        <>
          <div className="flex items-center gap-2 text-xs text-slate-500" aria-hidden>
            <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
          </div>
          <Button
            type="button"
            variant="secondary"
            className="w-full"
            onClick={() => signIn("oidc", { callbackUrl: requested() ?? LANDING_PATH })}
          >
            Sign in with {sso}
          </Button>
        </>
      )}
    </form>
  );
}

export function LoginForm({ sso }: { sso: string | null }) {
  return (
    <Suspense>
      <Form sso={sso} />
    </Suspense>
  );
}

/** Approvers land on their queue; everyone else on the overview (the rule /start applies after SSO). */
async function homeFor(): Promise<string> {
  const me = await fetch("/api/console/me", { credentials: "same-origin" })
    .then((r) => (r.ok ? (r.json() as Promise<{ role?: Role }>) : null))
    .catch(() => null);
  return me?.role ? homePathFor(me.role) : "/";
}
