import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { NAV } from "@/lib/nav";

export const metadata: Metadata = { title: "Page not found" };

const AREAS = ["/", "/approvals", "/policies", "/audit", "/servers", "/agents"];

/**
 * Rendered per request (connection()) rather than prerendered: the page's scripts then carry the
 * request's CSP nonce, where a static 404 had them all blocked.
 */
export default async function NotFound() {
  await connection();
  const areas = NAV.filter((n) => AREAS.includes(n.href));
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-6 py-16">
      <div className="w-full max-w-lg rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold text-indigo-700">404 · Not found</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">This page does not exist</h1>
        <p className="mt-2 text-slate-600">
          The link may be old, or the record was removed. These areas of the console are always here:
        </p>
        <nav aria-label="Console areas" className="mt-6">
          <ul className="grid gap-2 sm:grid-cols-2">
            {areas.map((a) => (
              <li key={a.href}>
                <Link
                  href={a.href}
                  className="block rounded-md px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-200 hover:bg-slate-50 hover:text-indigo-700"
                >
                  {a.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </main>
  );
}
