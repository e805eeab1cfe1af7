import type { Intake } from '../schemas/intake.js';
import type { Billing } from './billing.js';
import type { CallbackDecision } from './decision.js';
import type { CancerType } from './cancer-type.js';
import type { CoverageDecision } from './coverage.js';
import type { Consensus, DiscordanceGrade } from './opinion.js';

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

/** The workflow has ended: the case takes no more records or answers. */
export const isFinished = (status: CaseStatus) => status === 'completed' || status === 'closed';

/** The workflow has ended or stopped for a coordinator: no task waits for an answer on a link. */
export const isStopped = (status: CaseStatus) => isFinished(status) || status === 'needs-attention';

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
  /** The latest comparison of the opinions: its level is the API's `concordance`. */
  discordance?: DiscordanceGrade;
  /** The majority on each dimension, when three or more opinions were compared. */
  consensus?: Consensus;
  /** The opinions still disagree at the cap: the coordinator arranges a tumor board review. */
  tumorBoard?: boolean;
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
  opinions?: number;
  discordance?: DiscordanceGrade;
  consensus?: Consensus;
  tumorBoard?: boolean;
}
