import NextAuth from "next-auth";
import { authOptions } from "@/lib/server/auth-options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function auth(req: Request, ctx: Ctx) {
  return NextAuth(authOptions())(req, ctx);
}

export { auth as GET, auth as POST };
