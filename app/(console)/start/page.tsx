import { redirect } from "next/navigation";
import { homePathFor } from "@/lib/nav";
import { requireUser } from "@/lib/server/current-user";

/** Sign-in lands here (password and single sign-on alike) and is sent on to the role's home. */
export default async function StartPage() {
  const user = await requireUser();
  redirect(homePathFor(user.role));
}
