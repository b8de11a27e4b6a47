import type { Permission, Role } from "@/lib/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
  icon:
    | "gauge"
    | "users"
    | "key"
    | "scroll"
    | "shield"
    | "review"
    | "bot"
    | "server"
    | "fingerprint"
    | "inbox"
    | "siren"
    | "book"
    | "quarantine"
    | "sliders"
    | "clipboard"
    | "send";
  /** A live count shown beside the item. */
  badge?: "pending-approvals";
}

/** The console's areas; a role sees only those it may open. Areas are added as they exist. */
export const NAV: NavItem[] = [
  { href: "/", label: "Overview", permission: "dashboard:read", icon: "gauge" },
  { href: "/readiness", label: "Readiness", permission: "dashboard:read", icon: "clipboard" },
  { href: "/approvals", label: "Approvals", permission: "approvals:read", icon: "inbox", badge: "pending-approvals" },
  { href: "/outputs", label: "Outputs", permission: "outputs:review", icon: "quarantine" },
  { href: "/policies", label: "Policies", permission: "policies:read", icon: "shield" },
  { href: "/reviews", label: "Reviews", permission: "policies:read", icon: "review" },
  { href: "/servers", label: "Servers", permission: "catalog:read", icon: "server" },
  { href: "/agents", label: "Agents", permission: "agents:read", icon: "bot" },
  { href: "/operations", label: "Operations", permission: "dashboard:read", icon: "siren" },
  { href: "/runbooks", label: "Runbooks", permission: "dashboard:read", icon: "book" },
  { href: "/settings/gates", label: "Gates & metrics", permission: "dashboard:read", icon: "sliders" },
  { href: "/audit", label: "Audit trail", permission: "audit:read", icon: "scroll" },
  { href: "/settings/siem", label: "SIEM export", permission: "audit:verify", icon: "send" },
  { href: "/users", label: "Users", permission: "users:read", icon: "users" },
  { href: "/identity", label: "Identity providers", permission: "settings:manage", icon: "fingerprint" },
  { href: "/account", label: "Account & API tokens", permission: "api_tokens:own", icon: "key" },
];

/** Where a person lands after signing in (by password or single sign-on): approvers on their queue. */
export function homePathFor(role: Role): string {
  return role === "approver" ? "/approvals" : "/";
}

/** The address sign-in sends people to; it redirects to homePathFor(role). */
export const LANDING_PATH = "/start";
