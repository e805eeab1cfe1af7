import type { Assignment } from '../../domain/assignment.js';
import { AlreadyDecidedError } from '../../shared/errors.js';
import { specialistReviewingEmail } from '../../views/emails/patient.js';
import { decideCallback, type CallbackPorts, type OpenedCallback } from '../callbacks.js';
import { assignmentOf } from './request.js';

/**
 * Accept: recorded once (a second accept is 409); the patient hears a specialist has taken the case.
 * An accept stored whose event or email did not follow (a fault) is finished by the next accept.
 */
export async function acceptAssignment(
  opened: OpenedCallback,
  ports: CallbackPorts,
): Promise<{ acceptedAt: string }> {
  const { callback, caseRecord } = opened;
  const messageKey = `specialist-assigned:${callback.round}`;
  const accepted =
    (await ports.assignments.update(
      callback.caseId,
      callback.round,
      { status: 'accepted', acceptedAt: new Date().toISOString() },
      ['proposed'],
    )) ?? (await unfinishedAccept(opened, messageKey, ports));
  const notice = ports.outbox.message(callback.caseId, messageKey);
  await ports.cases.recordStep(
    callback.caseId,
    `accepted:${callback.round}`,
    // Still the same wait: the opinion is due when the request said.
    { status: 'awaiting-opinion', dueAt: callback.dueAt, waitingSince: callback.createdAt },
    { type: 'assignment-accepted', detail: accepted.specialistId, actor: callback.recipient },
    caseRecord,
  );
  await notice.send(specialistReviewingEmail(caseRecord.intake.patient.email, callback.caseId));
  return { acceptedAt: accepted.acceptedAt! };
}

/** The assignment of an accept that stopped before its event and email; AlreadyDecidedError otherwise. */
async function unfinishedAccept(
  { callback, caseRecord }: OpenedCallback,
  messageKey: string,
  ports: CallbackPorts,
): Promise<Assignment> {
  const now = await assignmentOf(ports, callback.caseId, callback.round);
  const finished =
    now.status !== 'accepted' ||
    (caseRecord.steps[`accepted:${callback.round}`] !== undefined &&
      (await ports.outbox.message(callback.caseId, messageKey).wasSent()));
  if (finished)
    throw new AlreadyDecidedError(callback.recipient, now.acceptedAt ?? now.submittedAt ?? now.proposedAt);
  return now;
}

export async function declineAssignment(
  opened: OpenedCallback,
  comment: string | undefined,
  ports: CallbackPorts,
) {
  return decideCallback(opened, { decision: 'decline', comment }, () => ({}), ports);
}
