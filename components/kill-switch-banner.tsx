import { getPrisma } from "@/lib/server/db";
import { killSwitches } from "@/lib/server/operations";
import { KillSwitchBannerLive } from "./operations/kill-switch-banner-live";

/** On every console page: which environments have their kill switch pulled (rendered with the page, then kept live). */
export async function KillSwitchBanner() {
  const initial = await killSwitches(await getPrisma()).catch(() => []);
  return <KillSwitchBannerLive initial={initial} />;
}
