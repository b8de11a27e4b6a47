// Response shapes of the output-safety handlers, from the server's own functions and schemas
// (type-only imports, erased at build), with Dates as the strings JSON carries.
import type { Wire } from "@/lib/client/wire";
import type { DETECTOR_KINDS } from "@/lib/output-safety";
import type { CustomPatternSetting, OutputSafetySettings as StoredSettings } from "@/lib/schemas/output-safety";
import type { listSamples, sampleDetail, weeklyFnStats } from "@/lib/server/output-safety/fn-review";
import type { listQuarantine, quarantineDetail } from "@/lib/server/output-safety/quarantine";
import type { outputSafetyCheck } from "@/lib/server/output-safety/readiness";
import type { SnippetMark } from "@/lib/server/output-safety/snippets";
import type { totalsOf } from "@/lib/server/output-safety/verdict-counts";

type View<F extends (...args: never[]) => unknown> = Wire<Awaited<ReturnType<F>>>;

/** GET /api/console/outputs */
export type QuarantineList = View<typeof listQuarantine> & { last24h: ReturnType<typeof totalsOf> };
export type QuarantineItem = QuarantineList["items"][number];
/** GET /api/console/outputs/{id} */
export type QuarantineDetail = View<typeof quarantineDetail>;
export type Mark = SnippetMark;

/** GET /api/console/outputs/samples */
export type SampleList = View<typeof listSamples> & { kinds: string[] };
export type SampleItem = SampleList["items"][number];
/** GET /api/console/outputs/samples/{id} */
export type SampleDetail = View<typeof sampleDetail>;
/** GET /api/console/outputs/fn-stats */
export type WeekStat = View<typeof weeklyFnStats>[number];

export type CustomPattern = CustomPatternSetting;
export type OutputSafetySettings = StoredSettings;
/** GET /api/console/output-safety */
export interface SettingsView {
  settings: OutputSafetySettings;
  kinds: Wire<(typeof DETECTOR_KINDS)[number]>[];
  check: View<typeof outputSafetyCheck>;
}
