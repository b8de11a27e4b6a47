import type { Metadata } from "next";
import { ServerDetail } from "@/components/catalog/server-detail";
import { requireUser } from "@/lib/server/current-user";

export const metadata: Metadata = { title: "Server" };

export default async function ServerPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("catalog:read");
  const { id } = await params;
  return <ServerDetail id={id} />;
}
