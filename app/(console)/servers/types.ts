// Response shapes come from the server's own views (type-only imports, erased at build).
import type { ToolChange as ServerToolChange } from "@/lib/server/catalog/operations";
import type { SubmitResult } from "@/lib/server/catalog/submit-change";
import type { ServerView, ToolView } from "@/lib/server/catalog/views";

export type ToolRow = ToolView;
export type ServerRow = ServerView;
export type ChangeRequestRef = Extract<SubmitResult, { applied: false }>["change_request"];

/** What submitResponse sends: the server as applied, or 202 with the change request for review. */
export type SubmitAnswer =
  | (ServerRow & { change_request?: undefined })
  | { status: "pending_review"; change_request: ChangeRequestRef };

export type ToolChange = ServerToolChange;
