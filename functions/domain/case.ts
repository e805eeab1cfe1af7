import type { Intake } from '../schemas/intake.js';
import type { Billing } from './billing.js';
import type { CallbackDecision } from './decision.js';
import type { CancerType } from './cancer-type.js';
import type { CoverageDecision } from './coverage.js';
import type { Consensus, DiscordanceGrade } from './opinion.js';
import type { ContactRole } from './contacts.js';
import type { WaitingOn } from './waiting-on.js';

export const CASE_STATUSES = [
  /** Stored, waiting for the submitter to confirm their address: nothing else happens, and it expires. */
  'awaiting-confirmation',
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
  /** Epoch seconds until which an unconfirmed case may be confirmed; gone once confirmed. */
  confirmBy?: number;
  /** Granted links issued before this time no longer open (a coordinator took the case's links back). */
  linksRevokedAt?: string;
  /** Contacts whose address bounced or complained: no more email goes to them. */
  undeliverable?: ContactRole[];
  /** When each workflow step (keyed by step and round) was first applied: makes replays harmless. */
  steps: Record<string, string>;
  /** How often a coordinator resumed the case from needs-attention: its workflow's execution attempt. */
  resumes?: number;
  /** What the case was doing when it stopped in needs-attention: a resume puts it back there. */
  stoppedStatus?: CaseStatus;
  /**
   * The console's queue, kept by every step that changes the status (domain/queue.ts): whom the case waits on,
   * since when, and when that is due. Absent on cases stored before the queue, until their next status.
   */
  waitingOn?: WaitingOn;
  waitingSince?: string;
  dueAt?: string;
}

/** The name of the case's workflow execution: the case id, then `-r<n>` for the n-th resume. */
export const executionName = (caseId: string, resumes = 0): string =>
  resumes > 0 ? `${caseId}-r${resumes}` : caseId;

/**
 * A step's key in a resumed execution: the same step stopped before and runs again (a needs-attention alert,
 * a request asked again), so it needs a key of its own; unresumed, the key is as it always was.
 */
export const resumedKey = (key: string, resumes: number | undefined): string =>
  resumes ? `${key}:r${resumes}` : key;

/** One line of the audit timeline: who did what, when; IDs and codes only, never PHI. */
export interface TimelineEvent {
  at: string;
  type: string;
  detail?: string;
  actor?: string;
  /** Done in the coordinator console, by `actor`. */
  via?: 'console';
}

/**
 * The changes a workflow step makes to a case, applied at most once. A new status also moves the case in the
 * queue: whom it waits on follows from the status, since when is the step's time unless `waitingSince` says,
 * and it is due at `dueAt`, or nothing is due.
 */
export interface StepChanges {
  status?: CaseStatus;
  dueAt?: string;
  waitingSince?: string;
  billing?: Billing;
  priorAuthorization?: CaseRecord['priorAuthorization'];
  coverage?: CoverageDecision;
  opinions?: number;
  discordance?: DiscordanceGrade;
  consensus?: Consensus;
  tumorBoard?: boolean;
  undeliverable?: ContactRole[];
  resumes?: number;
  stoppedStatus?: CaseStatus;
}
