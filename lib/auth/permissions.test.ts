import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, permissionsOf, ROLES, type Permission, type Role } from "./permissions";

// The expected matrix, written out by hand: a change to the table must change this too.
const EXPECTED: Record<Role, Permission[]> = {
  admin: [...PERMISSIONS],
  policy_author: [
    "dashboard:read",
    "api_tokens:own",
    "policies:read",
    "policies:write",
    "policies:review",
    "catalog:read",
    "catalog:write",
    "agents:read",
    "agents:write",
  ],
  approver: [
    "dashboard:read",
    "api_tokens:own",
    "policies:read",
    "catalog:read",
    "approvals:read",
    "approvals:decide",
    "approvals:payload",
    "outputs:review",
    "agents:read",
  ],
  viewer: [
    "dashboard:read",
    "api_tokens:own",
    "policies:read",
    "catalog:read",
    "approvals:read",
    "agents:read",
    "audit:read",
  ],
  auditor: [
    "dashboard:read",
    "api_tokens:own",
    "audit:read",
    "audit:verify",
    "audit:payload",
    "policies:read",
    "catalog:read",
    "agents:read",
    "approvals:read",
    "approvals:payload",
    "outputs:review",
  ],
};

describe("permission table", () => {
  for (const role of ROLES) {
    for (const permission of PERMISSIONS) {
      const expected = EXPECTED[role].includes(permission);
      it(`${role} ${expected ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(expected);
      });
    }
  }

  it("lists permissions in table order", () => {
    expect(permissionsOf("viewer")).toEqual(PERMISSIONS.filter((p) => EXPECTED.viewer.includes(p)));
  });

  it.each([undefined, null, "", "root", "ADMIN", 42, {}])("fails closed for role %j", (role) => {
    expect(PERMISSIONS.some((p) => can(role, p))).toBe(false);
  });

  it("fails closed for an unknown permission, even for admin", () => {
    expect(can("admin", "everything:always" as Permission)).toBe(false);
  });

  it("only admin manages users, metrics tokens, settings and operations", () => {
    for (const p of [
      "users:manage",
      "metrics_tokens:manage",
      "settings:manage",
      "operations:manage",
      "agents:revoke",
    ] as Permission[]) {
      expect(ROLES.filter((r) => can(r, p))).toEqual(["admin"]);
    }
  });
});
