// A real OpenID Connect provider (oidc-provider) on loopback for the browser tests of single
// sign-on: any login name (an e-mail) signs in, with that e-mail verified.
import http from "node:http";
import Provider from "oidc-provider";

const port = Number(process.env.IDP_PORT ?? 3150);
const consoles = (process.env.IDP_CONSOLE_ORIGINS ?? "http://127.0.0.1:3101").split(",");
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "console",
      client_secret: "console-test-secret-0123456789",
      redirect_uris: consoles.map((o) => `${o}/api/auth/callback/oidc`),
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  findAccount: async (_ctx: unknown, id: string) => ({
    accountId: id,
    claims: async () => ({ sub: id, email: id, email_verified: true, name: id.split("@")[0] }),
  }),
  features: { devInteractions: { enabled: true } },
  // Put the e-mail scope's claims in the ID token, as the common enterprise providers do.
  conformIdTokenClaims: false,
  cookies: { keys: ["test-idp-cookie-key-0123456789"] },
});

http
  .createServer((req, res) => {
    if (req.url === "/health") return void res.end("ok");
    provider.callback()(req, res);
  })
  .listen(port, "127.0.0.1", () => console.log(`test IdP at ${issuer}`));
