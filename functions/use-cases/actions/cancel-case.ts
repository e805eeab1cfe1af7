import { isFinished, type CaseRecord } from '../../domain/case.js';
import type { CaseStore, Outbox, Workflow } from '../../domain/ports.js';
import { caseCancelledEmail } from '../../views/emails/patient.js';
import { releaseOpenAttempts, type AssignmentEndPorts } from '../assignment/end.js';
import { caseToActOn, staleAction, type CaseAction } from './action.js';

export type CancelPorts = { cases: CaseStore; workflow: Workflow; outbox: Outbox } & Pick<
  AssignmentEndPorts,
  'capacity' | 'assignments'
>;

const CANCEL = 'cancel';

/**
 * Cancel: the case closes with the coordinator's reason (the first cancel wins by the step's conditional write),
 * so every pending link answers 410; then its execution stops, the specialists it held get their capacity back,
 * and the patient and the referring physician are told in plain words (no PHI, no reason: that stays on the
 * timeline). A cancel of a case already cancelled finishes those effects (each safe to repeat) before its 409,
 * so one that stopped half-way loses nothing.
 */
export async function cancelCase(
  { caseId, actor, reason }: CaseAction,
  ports: CancelPorts,
): Promise<{ status: 'closed' }> {
  const record = await caseToActOn(ports.cases, caseId);
  if (!isFinished(record.status)) {
    const { applied } = await ports.cases.recordStep(
      caseId,
      CANCEL,
      { status: 'closed' },
      { type: 'case-cancelled', detail: reason, actor },
      record,
    );
    if (applied) {
      await afterCancel(record, ports);
      return { status: 'closed' };
    }
  }
  const latest = await caseToActOn(ports.cases, caseId);
  if (latest.steps[CANCEL]) await afterCancel(latest, ports);
  throw await staleAction(ports.cases, latest, CANCEL, 'cancelled');
}

/** What follows the cancel's write, each step safe to repeat. */
async function afterCancel(record: CaseRecord, ports: CancelPorts): Promise<void> {
  const { caseId, intake } = record;
  await ports.workflow.stop(caseId, record.resumes, 'Cancelled by a coordinator');
  await releaseOpenAttempts(caseId, ports);
  const physician = intake.referringPhysician?.email;
  await Promise.all([
    ports.outbox.sendOnce(caseId, 'case-cancelled:patient', caseCancelledEmail(intake.patient.email, caseId)),
    physician &&
      ports.outbox.sendOnce(caseId, 'case-cancelled:physician', caseCancelledEmail(physician, caseId)),
  ]);
}
