/**
 * The coordinators' work queue: what each unfinished case waits on, since when, and when it is due. Pure
 * rules; the case store keeps each case's place in the queue's index as its status changes.
 */
import type { Intake } from '../schemas/intake.js';
import type { CancerType } from './cancer-type.js';
import { isFinished, type CaseStatus, type StepChanges } from './case.js';
import type { WaitingOn } from './waiting-on.js';

/** The queue's two views: the unfinished cases, and the finished ones (completed, closed). */
export const QUEUE_VIEWS = ['open', 'finished'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

/** Whom a case in this status waits on: a records request goes to the referring physician, else the patient. */
export function waitingOnFor(
  status: CaseStatus,
  intake: Pick<Intake, 'referringPhysician'>,
): WaitingOn | undefined {
  switch (status) {
    case 'awaiting-coordinator':
    case 'needs-attention':
      return 'coordinator';
    case 'awaiting-prior-authorization':
      return 'insurer';
    case 'gathering-records':
      return intake.referringPhysician ? 'physician' : 'patient';
    case 'awaiting-opinion':
      return 'specialist';
    default:
      return undefined;
  }
}

export const queueViewOf = (status: CaseStatus): QueueView => (isFinished(status) ? 'finished' : 'open');

/** Where a case stands in the queue: what the queue shows and sorts by. */
export interface QueuePlace {
  status: CaseStatus;
  /** Since when the case has been in this status (or waiting on this step). */
  waitingSince: string;
  /** When the step it waits on is due: the approval's or records' wait, the prior-authorization clock, the opinion SLA. */
  dueAt?: string;
}

/** Where a new status puts the case: whom it waits on, since when, when due (absent: none, so removed). */
export function queuePlaceAfter(
  changes: StepChanges & { status: CaseStatus },
  intake: Pick<Intake, 'referringPhysician'>,
  at: string,
): QueuePlace & { waitingOn?: WaitingOn } {
  return {
    status: changes.status,
    waitingOn: waitingOnFor(changes.status, intake),
    waitingSince: changes.waitingSince ?? at,
    dueAt: changes.dueAt,
  };
}

/**
 * The queue's order, as one sortable string: `needs-attention` first (oldest first), then by due time, then
 * the cases nothing is due on (Concord at work), oldest first. Finished cases: newest first, by when they finished.
 * ISO-8601 UTC times of one format sort as text; `~` sorts after every digit.
 */
export function queueOrder(place: QueuePlace, caseId: string): string {
  if (isFinished(place.status)) return `${place.waitingSince}#${caseId}`;
  const rank = place.status === 'needs-attention' ? 0 : 1;
  return `${rank}#${place.dueAt ?? `~${place.waitingSince}`}#${caseId}`;
}

/** The order key below which every due case is overdue at `now`: the overdue filter's upper bound. */
export const overdueBefore = (now: Date): string => `1#${now.toISOString()}`;

export const isOverdue = (dueAt: string | undefined, now: Date): boolean =>
  dueAt !== undefined && dueAt < now.toISOString();

/** The due time of a wait that starts at `from` and lasts `seconds`. */
export const dueAfter = (from: Date, seconds: number): string =>
  new Date(from.getTime() + seconds * 1000).toISOString();

/** What a page of the queue shows: one view, filtered, from where the last page ended. */
export interface QueueQuery {
  view: QueueView;
  status?: CaseStatus;
  waitingOn?: WaitingOn;
  cancerType?: CancerType;
  urgency?: Intake['urgency'];
  payerId?: string;
  /** Only the cases past their due time at `now`. */
  overdue?: boolean;
  /** Where the last page ended, as the store said it (opaque); none: from the start. */
  cursor?: string;
  /** At most this many cases. */
  limit: number;
  now: Date;
}
