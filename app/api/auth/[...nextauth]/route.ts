import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/server/auth-options";
import { BadRequest, HttpProblem, problemResponse } from "@/lib/server/errors";
import { readLimited, requestIdOf } from "@/lib/server/handler";

type Ctx = { params: Promise<{ nextauth: string[] }> };

/** A sign-in form is a few hundred bytes; next-auth itself would buffer any body whole. */
const MAX_AUTH_BODY = 16 * 1024;

async function auth(req: NextRequest, ctx: Ctx) {
  const action = (await ctx.params).nextauth ?? [];
  // next-auth answers a GET of the credentials callback with a 500 ("not supported"): it is a 405.
  if (req.method !== "POST" && action[0] === "callback" && action[1] === "credentials") {
    return new Response(
      JSON.stringify({
        type: "https://mcp-governance-console.dev/problems/method-not-allowed",
        title: "Method not allowed",
        status: 405,
        detail: "Sign in with POST.",
      }),
      {
        status: 405,
        headers: { "content-type": "application/problem+json", allow: "POST", "cache-control": "no-store" },
      },
    );
  }
  if (req.method === "POST") {
    // Bounded read, and invalid JSON refused here: next-auth's own req.json() would throw a 500.
    let text: string;
    try {
      text = await readLimited(req, MAX_AUTH_BODY);
      if ((req.headers.get("content-type") ?? "").includes("application/json")) JSON.parse(text);
    } catch (err) {
      return problemResponse(
        err instanceof HttpProblem ? err : BadRequest("The body is not valid JSON.", "invalid-json"),
        requestIdOf(req),
      );
    }
    req = new NextRequest(req.url, { method: "POST", headers: req.headers, body: text });
  }
  return NextAuth(authOptions())(req, ctx);
}

export { auth as GET, auth as POST };
