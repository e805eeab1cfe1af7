/** A human step the workflow waits on: coordinator approvals now; insurers, uploaders and specialists later. */
export const CALLBACK_KINDS = ['approval'] as const;
export type CallbackKind = (typeof CALLBACK_KINDS)[number];

/** What a coordinator is asked to approve. */
export const APPROVAL_PURPOSES = ['coverage'] as const;
export type ApprovalPurpose = (typeof APPROVAL_PURPOSES)[number];

/** Where each kind's link points (`<public URL>/<path>/<id>`). */
export const LINK_PATHS: Record<CallbackKind, string> = { approval: 'approvals' };

export type CallbackStatus = 'pending' | 'decided' | 'expired';

export interface CallbackDecision {
  /** The answer the workflow receives (e.g. approve | reject). */
  decision: string;
  /** For coverage approvals: on what basis the case proceeds. */
  basis?: string;
  comment?: string;
  decidedBy: string;
  decidedAt: string;
}

export interface CallbackRecord {
  callbackId: string;
  kind: CallbackKind;
  purpose: string;
  caseId: string;
  round: number;
  status: CallbackStatus;
  /** Who the link was sent to: the person deciding. */
  recipient: string;
  taskToken: string;
  createdAt: string;
  /** Epoch seconds: after this the link answers 410 and the workflow has moved on. */
  expiresAt: number;
  remindersSent: number;
  decision?: CallbackDecision;
}

/** What the workflow state receives when a callback is answered: codes only, never PHI. */
export function workflowOutput(decision: CallbackDecision): { decision: string; basis?: string } {
  return decision.basis
    ? { decision: decision.decision, basis: decision.basis }
    : { decision: decision.decision };
}
