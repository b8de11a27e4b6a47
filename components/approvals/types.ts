// Response shapes of the approval queue's handlers, from the server's own functions (type-only
// imports, erased at build), with Dates as the strings JSON carries.
import type { Wire } from "@/lib/client/wire";
import type { approvalDetail, listApprovals } from "@/lib/server/enforcement/approval-queue";

type View<F extends (...args: never[]) => unknown> = Wire<Awaited<ReturnType<F>>>;

/** One request of GET /api/console/approvals. */
export type ApprovalItem = View<typeof listApprovals>[number];
/** GET /api/console/approvals/{id} */
export type ApprovalDetail = View<typeof approvalDetail>;
