import type { ReactNode } from "react";
import { KillSwitchBanner } from "@/components/kill-switch-banner";
import { Sidebar } from "@/components/sidebar";
import { FocusKeeper } from "@/components/ui/focus-keeper";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { NAV } from "@/lib/nav";
import { requireUser } from "@/lib/server/current-user";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const items = NAV.filter((n) => can(user.role, n.permission));
  return (
    <div className="flex min-h-full flex-col md:flex-row">
      <a
        href="#main"
        className="skip-link rounded-md bg-white px-3 py-2 text-sm font-medium text-indigo-700 shadow-lg ring-1 ring-slate-300"
      >
        Skip to content
      </a>
      <Sidebar items={items} user={{ email: user.email, roleLabel: ROLE_LABELS[user.role] }} />
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none md:px-8 md:py-8">
        <FocusKeeper />
        <KillSwitchBanner />
        {children}
      </main>
    </div>
  );
}
