import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { clientSourceOf } from "@/lib/net/client-address";
import { authSecret } from "./auth-secret";
import { getPrisma } from "./db";
import { attemptLogin, oidcLogin } from "./login";

export const SESSION_MAX_AGE_SEC = 8 * 60 * 60;

export const OIDC_PROVIDER_ID = "oidc";

/** The external OpenID Connect provider for people, when OIDC_* are set. */
function oidcProvider(): Provider[] {
  const e = env();
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: OIDC_PROVIDER_ID,
      name: e.OIDC_NAME,
      type: "oauth",
      wellKnown: `${e.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile: (p: { sub: string; email?: string; name?: string; email_verified?: boolean }) => ({
        id: p.sub,
        email: p.email ?? null,
        name: p.name ?? p.email ?? p.sub,
        emailVerified: p.email_verified,
      }),
    } as Provider,
  ];
}

export function authOptions(): NextAuthOptions {
  // next-auth builds its callback URLs from NEXTAUTH_URL; the console's own is PUBLIC_URL.
  process.env.NEXTAUTH_URL ??= env().PUBLIC_URL;
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SEC },
    useSecureCookies: env().PUBLIC_URL.startsWith("https://"),
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const password = typeof credentials?.password === "string" ? credentials.password : "";
          if (!email || !password || email.length > 320 || password.length > 1024) return null;
          const source = clientSourceOf(req?.headers, env().TRUSTED_PROXY_HOPS);
          const result = await attemptLogin(await getPrisma(), email, password, source);
          if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name };
          if (result.reason === "locked") throw new Error(`locked:${result.retryAfterSec ?? 60}`);
          return null;
        },
      }),
      ...oidcProvider(),
    ],
    callbacks: {
      // OIDC: the provider's verified e-mail must name an enabled console user (or create one).
      async signIn({ user, account }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const result = await oidcLogin(
          await getPrisma(),
          user.email,
          (user as { emailVerified?: unknown }).emailVerified,
          user.name ?? "",
          env().OIDC_DEFAULT_ROLE,
        );
        if (!result.ok) return "/login?error=NoConsoleAccount";
        user.id = result.user.id;
        return true;
      },
      // The session carries only the user id; role and status are read fresh on every request.
      jwt: ({ token, user }) => (user ? { ...token, uid: user.id } : token),
      session: ({ session, token }) => ({ ...session, uid: typeof token.uid === "string" ? token.uid : undefined }),
    },
  };
}
