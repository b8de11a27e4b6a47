export interface ToolRow {
  id: string;
  name: string;
  title: string | null;
  description: string;
  action: "read" | "write" | "admin";
  risk: "low" | "medium" | "high";
  annotations: Record<string, unknown>;
  overridden: boolean;
  override_reason: string | null;
}

export interface ServerRow {
  id: string;
  environment: string;
  name: string;
  transport: "remote_http" | "stdio";
  url: string | null;
  command: string | null;
  owner: string;
  description: string;
  status: string;
  status_reason: string | null;
  has_credentials: boolean;
  requires_receipt: boolean;
  promoted_from_id: string | null;
  tools: ToolRow[];
}

export interface ChangeRequestRef {
  id: string;
  title: string;
  environment: string;
  status: string;
}

export type SubmitAnswer =
  | (ServerRow & { change_request?: undefined })
  | { status: "pending_review"; change_request: ChangeRequestRef };

export interface ToolChange {
  type: "added" | "removed" | "changed";
  tool: string;
  before?: { action: string; risk: string };
  after?: { action: string; risk: string };
  fields?: string[];
}
