import { ACCEPT_SETTLED_SECONDS, type Assignment } from '../../domain/assignment.js';
import type { CallbackDecision } from '../../domain/decision.js';
import { AlreadyDecidedError, ConflictError } from '../../shared/errors.js';
import { specialistReviewingEmail } from '../../views/emails/patient.js';
import { decideCallback, type CallbackPorts, type OpenedCallback } from '../callbacks.js';
import { assignmentOf } from './request.js';

/**
 * The specialist's answer. Accept and decline decide a proposed assignment by one conditional write (from
 * `proposed` to `accepted` or `declined`): whichever lands first stands, every other answer gets 409 and sends
 * nothing. Once accepted, the specialist may still withdraw (a decline from `accepted`), never by a plain decline
 * racing the accept.
 */
export type AssignmentAnswer = { decision: 'decline' | 'withdraw'; comment?: string };

const decidedAt = (assignment: Assignment) =>
  assignment.declinedAt ?? assignment.acceptedAt ?? assignment.submittedAt ?? assignment.proposedAt;

/**
 * Accept: recorded once; the patient hears a specialist has taken the case. A second accept is 409, except
 * once the first has settled (ACCEPT_SETTLED_SECONDS) without its event or email (a fault): it finishes them.
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

/** The assignment of a settled accept that stopped before its event and email; AlreadyDecidedError otherwise. */
async function unfinishedAccept(
  { callback, caseRecord }: OpenedCallback,
  messageKey: string,
  ports: CallbackPorts,
): Promise<Assignment> {
  const now = await assignmentOf(ports, callback.caseId, callback.round);
  const settled =
    now.status === 'accepted' && Date.now() - Date.parse(now.acceptedAt!) >= ACCEPT_SETTLED_SECONDS * 1000;
  const finished =
    !settled ||
    (caseRecord.steps[`accepted:${callback.round}`] !== undefined &&
      (await ports.outbox.message(callback.caseId, messageKey).wasSent()));
  if (finished) throw new AlreadyDecidedError(callback.recipient, decidedAt(now));
  return now;
}

/**
 * Decline a proposed assignment, or withdraw an accepted one: the assignment's conditional write first, then
 * the callback's decision (which sends the workflow on to a new match). A decline finding the assignment
 * declined already (by a decline at the same moment, or one stopped before its decision) goes on to the
 * callback, whose own conditional write lets one decision stand.
 */
export async function declineAssignment(
  opened: OpenedCallback,
  answer: AssignmentAnswer,
  ports: CallbackPorts,
): Promise<CallbackDecision> {
  const { callback } = opened;
  const from = answer.decision === 'withdraw' ? 'accepted' : 'proposed';
  const declined = await ports.assignments.update(
    callback.caseId,
    callback.round,
    { status: 'declined', declinedAt: new Date().toISOString() },
    [from],
  );
  if (!declined) {
    const now = await assignmentOf(ports, callback.caseId, callback.round);
    if (now.status === 'proposed')
      throw new ConflictError('This assignment was not accepted: there is nothing to withdraw');
    if (now.status !== 'declined') throw new AlreadyDecidedError(callback.recipient, decidedAt(now));
  }
  return decideCallback(opened, { decision: 'decline', comment: answer.comment }, () => ({}), ports);
}
