import type { Intake } from '../schemas/intake.js';
import type { Billing } from './billing.js';
import type { CallbackDecision } from './callback.js';
import type { CancerType } from './cancer-type.js';
import type { CoverageDecision } from './coverage.js';

export const CASE_STATUSES = [
  'received',
  'checking-coverage',
  'awaiting-prior-authorization',
  'awaiting-coordinator',
  'gathering-records',
  'matching-specialist',
  'awaiting-opinion',
  'comparing-opinions',
  'notifying-insurer',
  'completed',
  'closed',
  'needs-attention',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface CaseRecord {
  caseId: string;
  status: CaseStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  accessTokenHash: string;
  intake: Intake;
  cancerType: CancerType;
  /** Every opinion on the case, the first (from intake) included. */
  opinions: number;
  coverage?: CoverageDecision;
  /** Who pays, once settled by coverage, an approval or the insurer. */
  billing?: Billing;
  /** The insurer's latest prior-authorization answer. */
  priorAuthorization?: Pick<CallbackDecision, 'decision' | 'reference' | 'decidedAt'>;
  /** When each workflow step (keyed by step and round) was first applied: makes replays harmless. */
  steps: Record<string, string>;
}

/** One line of the audit timeline: who did what, when; IDs and codes only, never PHI. */
export interface TimelineEvent {
  at: string;
  type: string;
  detail?: string;
  actor?: string;
}

/** The changes a workflow step makes to a case, applied at most once. */
export interface StepChanges {
  status?: CaseStatus;
  billing?: Billing;
  priorAuthorization?: CaseRecord['priorAuthorization'];
  coverage?: CoverageDecision;
}
