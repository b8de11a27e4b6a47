export interface ApprovalItem {
  id: string;
  environment: string;
  clientId: string;
  agentName: string;
  agentOwner: string;
  server: string;
  tool: string;
  action: string;
  risk: string;
  arguments: unknown;
  arguments_visible: boolean;
  requestHash: string;
  policyHash: string;
  policyVersion: number;
  ruleId: string | null;
  constraints: Record<string, unknown>;
  status: string;
  approvalsRequired: number;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decidedChannel?: string | null;
  decisionReason: string | null;
  decidedPolicyHash: string | null;
  votes: {
    userLabel: string;
    vote: string;
    reason: string | null;
    groupName: string | null;
    channel?: string;
    at: string;
  }[];
  approvedArguments: unknown;
  approverGroup: string | null;
  escalatedAt: string | null;
  escalatedTo: string | null;
  scope: string;
  windowEndsAt: string | null;
  useCount: number;
}

export interface ApprovalDetail extends ApprovalItem {
  recent_decisions: {
    id: string;
    at: string;
    server: string;
    tool: string;
    outcome: string;
    reason: string;
    ruleId: string | null;
  }[];
}
