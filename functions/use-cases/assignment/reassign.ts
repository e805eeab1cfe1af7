import { isStopped } from '../../domain/case.js';
import { callbackId } from '../../domain/signed-link.js';
import { ConflictError } from '../../shared/errors.js';
import { assignmentWithdrawnEmail } from '../../views/emails/specialist.js';
import { caseToActOn, type CaseAction } from '../actions/action.js';
import { decideCallback, type CallbackPorts } from '../callbacks.js';
import { identityKey } from '../link-signatures.js';

/**
 * Reassign: the case's open proposal or assignment is withdrawn, with the coordinator's reason, by answering the
 * task that waits on it (the same first-decision-wins write as the emailed links): a proposal awaiting approval is
 * rejected; an assignment awaiting the specialist is withdrawn, and the specialist is told. Either way the
 * workflow ends the attempt (EndAssignment gives their capacity back) and matches again without them, at once.
 */
export async function reassign(
  { caseId, actor, reason }: CaseAction,
  ports: CallbackPorts,
): Promise<{ specialistId: string; withdrawn: 'proposal' | 'assignment' }> {
  const [caseRecord, attempts, key] = await Promise.all([
    caseToActOn(ports.cases, caseId),
    ports.assignments.list(caseId),
    identityKey(ports.secrets),
  ]);
  if (isStopped(caseRecord.status))
    throw new ConflictError(`Case ${caseId} is ${caseRecord.status}: it has no specialist to reassign`);
  const open = attempts
    .filter((a) => a.status === 'proposed' || a.status === 'accepted')
    .sort((a, b) => b.attempt - a.attempt)[0];
  if (!open) throw new ConflictError(`Case ${caseId} has no proposal or assignment to withdraw`);
  const { attempt, specialistId } = open;
  const [proposal, assignment] = await Promise.all([
    ports.callbacks.get(callbackId(key, caseId, 'approval', 'specialist-match', attempt)),
    ports.callbacks.get(callbackId(key, caseId, 'assignment', 'opinion', attempt)),
  ]);
  const pending = [proposal, assignment].find((callback) => callback?.status === 'pending');
  if (!pending)
    throw new ConflictError(
      `Specialist ${specialistId} of case ${caseId} is not waiting on a decision now (status ${caseRecord.status})`,
    );
  const withdrawn = pending === proposal ? 'proposal' : 'assignment';
  await decideCallback(
    { callback: pending, caseRecord },
    { decision: withdrawn === 'proposal' ? 'reject' : 'withdraw', comment: reason },
    () => ({}),
    ports,
    actor,
  );
  await Promise.all([
    ports.cases.recordStep(
      caseId,
      `reassign:${attempt}`,
      {},
      { type: 'specialist-withdrawn', detail: `${specialistId} (${withdrawn}): ${reason}`, actor },
      caseRecord,
    ),
    withdrawn === 'assignment' &&
      ports.outbox.sendOnce(
        caseId,
        `assignment-withdrawn:${attempt}`,
        assignmentWithdrawnEmail(pending.recipient, caseId),
      ),
  ]);
  return { specialistId, withdrawn };
}
