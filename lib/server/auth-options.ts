import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { authSecret } from "./auth-secret";
import { getPrisma } from "./db";
import { attemptLogin } from "./login";

export const SESSION_MAX_AGE_SEC = 8 * 60 * 60;

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SEC },
    useSecureCookies: env().PUBLIC_URL.startsWith("https://"),
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const password = typeof credentials?.password === "string" ? credentials.password : "";
          if (!email || !password || email.length > 320 || password.length > 1024) return null;
          const result = await attemptLogin(await getPrisma(), email, password);
          if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name };
          if (result.reason === "locked") throw new Error(`locked:${result.retryAfterSec ?? 60}`);
          return null;
        },
      }),
    ],
    callbacks: {
      // The session carries only the user id; role and status are read fresh on every request.
      jwt: ({ token, user }) => (user ? { ...token, uid: user.id } : token),
      session: ({ session, token }) => ({ ...session, uid: typeof token.uid === "string" ? token.uid : undefined }),
    },
  };
}
