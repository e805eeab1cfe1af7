/** What the console's case view shows (API.md `GET /console/cases/{caseId}`): the view's model. */
import type { Assignment } from '../../domain/assignment.js';
import type { Billing } from '../../domain/billing.js';
import type { CallbackKind } from '../../domain/callback.js';
import type { CaseStatus, TimelineEvent } from '../../domain/case.js';
import type { CoverageDecision } from '../../domain/coverage.js';
import type { DiscordanceGrade, DiscordanceLevel, Opinion } from '../../domain/opinion.js';
import type { ChecklistEntry, RecordStatus, RecordType } from '../../domain/records.js';
import type { WaitingOn } from '../../domain/waiting-on.js';
import type { Intake } from '../../schemas/intake.js';

/** A human step the case waits on: never its task token. */
export interface PendingStep {
  callbackId: string;
  kind: CallbackKind;
  purpose: string;
  recipient: string;
  requestedAt: string;
  dueAt?: string;
  /** When the emailed link stops working. */
  expiresAt: string;
  remindersSent: number;
  link: 'live' | 'expired';
}

export interface RecordFile {
  recordId: string;
  type: RecordType;
  status: RecordStatus;
  fileName?: string;
  sizeBytes?: number;
  receivedAt?: string;
  refusedReason?: string;
  /** A presigned download, valid for minutes. */
  downloadUrl?: string;
}

/** Everything the console shows of one case (API.md `GET /console/cases/{caseId}`). */
export interface CaseFile {
  caseId: string;
  status: CaseStatus;
  cancerType: string;
  createdAt: string;
  updatedAt: string;
  waitingOn?: WaitingOn;
  waitingSince?: string;
  dueAt?: string;
  overdue: boolean;
  intake: Intake;
  coverage?: CoverageDecision & { description: string };
  billing?: Billing;
  priorAuthorization?: {
    decision?: string;
    reference?: string;
    decidedAt?: string;
    requestedAt?: string;
    /** The statutory clock. */
    dueAt?: string;
  };
  records: { checklist: ChecklistEntry[]; files: RecordFile[] };
  assignments: Array<Omit<Assignment, 'submission' | 'alternates'> & { specialistName?: string }>;
  opinions: Opinion[];
  concordance?: DiscordanceLevel;
  discordance?: DiscordanceGrade;
  tumorBoard?: boolean;
  pending: PendingStep[];
  claimNotice?: Pick<TimelineEvent, 'at' | 'type' | 'detail'>;
  report?: { deliveredAt: string };
  timeline: TimelineEvent[];
}
