import type { StepChanges, TimelineEvent } from './case.js';
import type { CallbackDecision } from './decision.js';

/** A human step the workflow waits on: coordinator approvals now; insurers, uploaders and specialists later. */
export const CALLBACK_KINDS = ['approval', 'prior-authorization', 'records', 'assignment'] as const;
export type CallbackKind = (typeof CALLBACK_KINDS)[number];

/**
 * What a coordinator is asked to approve, and the bases on which an approved case may proceed:
 * uncovered coverage (self-pay or an exception), a denied prior authorization (self-pay), and a
 * prior authorization whose statutory clock ran out (chase the insurer again, or proceed). The first
 * basis is the one an approve takes when it names none, and the one the approval page opens with.
 */
export const APPROVAL_BASES = {
  coverage: ['self-pay', 'exception'],
  'prior-authorization-denied': ['self-pay'],
  'prior-authorization-overdue': ['chase', 'self-pay', 'exception'],
  'records-incomplete': ['partial-records'],
  // Approve assigns the proposed specialist; reject proposes the next candidate.
  'specialist-match': [],
  // Approve seeks another opinion; reject delivers the report with the opinions there are.
  'third-opinion': [],
} as const satisfies Record<string, readonly string[]>;
export type ApprovalPurpose = keyof typeof APPROVAL_BASES;

/** Where each kind's link points (`<public URL>/<path>/<id>`). */
export const LINK_PATHS: Record<CallbackKind, string> = {
  approval: 'approvals',
  'prior-authorization': 'prior-authorizations',
  records: 'uploads',
  assignment: 'assignments',
};

export type CallbackStatus = 'pending' | 'decided' | 'expired';

/**
 * What a decision does to the case (its changes and timeline event), stored with the decision by the same
 * write: whoever delivers the decision to the workflow applies it, so a decider stopping between the
 * two loses neither.
 */
export interface DecisionStep {
  changes: StepChanges;
  event: Omit<TimelineEvent, 'at'>;
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
  /** When the person asked is due to answer: the end of the step's first wait (absent on older records). */
  dueAt?: string;
  /** Epoch seconds: after this the link answers 410 and the workflow has moved on. */
  expiresAt: number;
  remindersSent: number;
  /** Epoch seconds: a coordinator extended the step; it neither expires nor stops answering before then. */
  deadline?: number;
  /** The case's resume that asked this request again after it had expired (a fresh link and deadline). */
  resume?: number;
  /** How often a coordinator had the link sent again. */
  resends?: number;
  decision?: CallbackDecision;
  decisionStep?: DecisionStep;
}

/** What the workflow state receives when a callback is answered: codes only, never PHI. */
export function workflowOutput(decision: CallbackDecision): { decision: string; basis?: string } {
  return decision.basis
    ? { decision: decision.decision, basis: decision.basis }
    : { decision: decision.decision };
}

/** Until when the link works: its wait's expiry, or a coordinator's later deadline. */
export const linkExpiry = (record: Pick<CallbackRecord, 'expiresAt' | 'deadline'>): number =>
  Math.max(record.expiresAt, record.deadline ?? 0);
