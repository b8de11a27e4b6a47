/** Roles and what each may do: data, checked in one place (`can`), failing closed. */
export const ROLES = ["admin", "policy_author", "approver", "viewer", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "dashboard:read",
  "users:read",
  "users:manage",
  "api_tokens:own",
  "audit:read",
  "audit:verify",
  "audit:payload",
  "policies:read",
  "policies:write",
  "policies:review",
  "catalog:read",
  "catalog:write",
  "agents:read",
  "agents:write",
  "agents:revoke",
  "approvals:read",
  "approvals:decide",
  "approvals:payload",
  "outputs:review",
  "metrics_tokens:manage",
  "settings:manage",
  "operations:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERYONE: Permission[] = ["dashboard:read", "api_tokens:own", "policies:read", "catalog:read"];

const GRANTS: Record<Exclude<Role, "admin">, readonly Permission[]> = {
  policy_author: [...EVERYONE, "policies:write", "policies:review", "catalog:write", "agents:read", "agents:write"],
  approver: [...EVERYONE, "approvals:read", "approvals:decide", "approvals:payload", "outputs:review", "agents:read"],
  viewer: [...EVERYONE, "approvals:read", "agents:read", "audit:read"],
  auditor: [
    ...EVERYONE,
    "approvals:read",
    "approvals:payload",
    "audit:read",
    "audit:verify",
    "audit:payload",
    "agents:read",
    "outputs:review",
  ],
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  policy_author: "Policy author",
  approver: "Approver",
  viewer: "Viewer",
  auditor: "Auditor",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Fails closed: an unknown role or permission is never granted. */
export function can(role: unknown, permission: Permission): boolean {
  if (!isRole(role) || !(PERMISSIONS as readonly string[]).includes(permission)) return false;
  if (role === "admin") return true;
  return GRANTS[role].includes(permission);
}

export function permissionsOf(role: unknown): Permission[] {
  return PERMISSIONS.filter((p) => can(role, p));
}
