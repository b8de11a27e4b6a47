import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/server/current-user";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requireUser("users:read");
  return (
    <>
      <PageHeader title="Users" description="People who sign in to the console, and what their role lets them do." />
      <UsersTable canManage={can(user.role, "users:manage")} selfId={user.userId} />
    </>
  );
}
