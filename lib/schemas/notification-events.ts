export const NOTIFICATION_EVENT_NAMES = ["approval.requested", "approval.escalated", "approval.expired"] as const;
