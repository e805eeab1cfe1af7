import type { OpinionSubmission } from '../schemas/opinion.js';
import type { Discipline } from './disciplines.js';

/**
 * One attempt to find a reviewer: proposed to the coordinator, then (once approved) the specialist's to accept
 * or decline, by one conditional write from `proposed`; an accepted one may still be withdrawn (declined). It
 * ends completed (an opinion), or released: rejected, declined, timed out, withdrawn by a coordinator, or its
 * case stopped (needs-attention, with no outcome: a resume takes it up again).
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
  status: 'proposed' | 'accepted' | 'declined' | 'completed' | 'released';
  outcome?: AssignmentOutcome;
  proposedAt: string;
  acceptedAt?: string;
  declinedAt?: string;
  /** The specialist's submission, kept here until the workflow records it as OPINION#n. */
  submission?: OpinionSubmission;
  submittedAt?: string;
}

/** Attempts still holding their specialist: not yet ended by the workflow (EndAssignment, an opinion). */
export const OPEN_ASSIGNMENT_STATUSES = ['proposed', 'accepted', 'declined'] as const satisfies ReadonlyArray<
  Assignment['status']
>;

/**
 * How long after an accept a second accept may take it for one that stopped before its event and email (a
 * fault): longer than any link function runs (10 s, infra/aws/constructs/functions.ts), so the first is surely
 * over and a second accept arriving sooner is a duplicate, answered 409 and sending nothing.
 */
export const ACCEPT_SETTLED_SECONDS = 30;

/** The capacity hold an assignment takes: one per case and specialist, so retries never double-book. */
export const holdId = (caseId: string, specialistId: string) => `${caseId}#${specialistId}`;

/** Who may not review this opinion: every earlier reviewer, and anyone already tried for this opinion. */
export function excludedSpecialists(assignments: readonly Assignment[], opinionNumber: number): string[] {
  return assignments
    .filter((a) => a.status === 'completed' || a.opinionNumber === opinionNumber)
    .map((a) => a.specialistId);
}
