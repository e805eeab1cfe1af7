import type { CaseRecord, CaseStatus } from '../../domain/case.js';
import type { CaseQueue } from '../../domain/ports.js';
import { isOverdue, type QueueQuery } from '../../domain/queue.js';
import type { WaitingOn } from '../../domain/waiting-on.js';

/** One row of the queue (API.md `GET /console/cases` items): ids and codes, no name, no diagnosis beyond the type. */
export interface QueueRow {
  caseId: string;
  status: CaseStatus;
  cancerType: string;
  urgency: 'routine' | 'expedited';
  payerId?: string;
  waitingOn?: WaitingOn;
  waitingSince?: string;
  dueAt?: string;
  overdue: boolean;
}

export interface QueueAnswer {
  items: QueueRow[];
  next?: string;
}

export function queueRow(record: CaseRecord, now: Date): QueueRow {
  const insurance = record.intake.insurance;
  return {
    caseId: record.caseId,
    status: record.status,
    cancerType: record.cancerType,
    urgency: record.intake.urgency,
    ...('payerId' in insurance ? { payerId: insurance.payerId } : {}),
    ...(record.waitingOn ? { waitingOn: record.waitingOn } : {}),
    ...(record.waitingSince ? { waitingSince: record.waitingSince } : {}),
    ...(record.dueAt ? { dueAt: record.dueAt } : {}),
    overdue: isOverdue(record.dueAt, now),
  };
}

/** A page of the coordinators' queue: `needs-attention` first, then by due time (finished: newest first). */
export async function listQueue(query: QueueQuery, ports: { queue: CaseQueue }): Promise<QueueAnswer> {
  const page = await ports.queue.page(query);
  return {
    items: page.cases.map((record) => queueRow(record, query.now)),
    ...(page.next ? { next: page.next } : {}),
  };
}
