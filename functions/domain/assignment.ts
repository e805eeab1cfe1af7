import type { OpinionSubmission } from '../schemas/opinion.js';
import type { Discipline } from './disciplines.js';

/**
 * One attempt to find a reviewer: proposed to the coordinator, then (once approved) the specialist's
 * to accept. It ends completed (an opinion), or released: rejected, declined, timed out, withdrawn by a
 * coordinator, or its case stopped (needs-attention, with no outcome: a resume takes it up again).
 */
export const ASSIGNMENT_OUTCOMES = ['rejected', 'declined', 'timed-out', 'more-tests', 'withdrawn'] as const;
export type AssignmentOutcome = (typeof ASSIGNMENT_OUTCOMES)[number];

export interface Assignment {
  caseId: string;
  /** The workflow's match attempt: unique per case, the round of its callbacks. */
  attempt: number;
  /** Which opinion this attempt seeks (2 = the second opinion, 3 = the third…). */
  opinionNumber: number;
  specialistId: string;
  organization: string;
  disciplines: Discipline[];
  /** The next candidates, shown to the coordinator beside the proposal. */
  alternates: string[];
  /** The proposal's score and how many were eligible, for the timeline. */
  score: number;
  eligible: number;
  status: 'proposed' | 'accepted' | 'completed' | 'released';
  outcome?: AssignmentOutcome;
  proposedAt: string;
  acceptedAt?: string;
  /** The specialist's submission, kept here until the workflow records it as OPINION#n. */
  submission?: OpinionSubmission;
  submittedAt?: string;
}

/** The capacity hold an assignment takes: one per case and specialist, so retries never double-book. */
export const holdId = (caseId: string, specialistId: string) => `${caseId}#${specialistId}`;

/** Who may not review this opinion: every earlier reviewer, and anyone already tried for this opinion. */
export function excludedSpecialists(assignments: readonly Assignment[], opinionNumber: number): string[] {
  return assignments
    .filter((a) => a.status === 'completed' || a.opinionNumber === opinionNumber)
    .map((a) => a.specialistId);
}
