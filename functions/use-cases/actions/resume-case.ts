import { isFinished } from '../../domain/case.js';
import type { CaseStore, Workflow } from '../../domain/ports.js';
import { ConflictError } from '../../shared/errors.js';
import { caseToActOn, staleAction, type CaseAction } from './action.js';

/**
 * Resume: a `needs-attention` case's workflow runs again from the start, as a new execution named after the case
 * and the resume (`<caseId>-r<n>`). Finished steps replay (answered at once, nothing sent twice); a request that
 * stopped the case by expiring is asked again with a fresh link and deadline. The first resume wins by the step's
 * conditional write (`resume:<n>`); the case goes back to the status it stopped in. A stale resume gets 409, and
 * first makes sure the winning resume's execution was started (starting it again is harmless), so a resume whose
 * start failed after its write is finished by the next attempt.
 */
export async function resumeCase(
  { caseId, actor, reason }: CaseAction,
  ports: { cases: CaseStore; workflow: Workflow },
): Promise<{ resumes: number }> {
  const record = await caseToActOn(ports.cases, caseId);
  const resumes = (record.resumes ?? 0) + 1;
  if (record.status === 'needs-attention') {
    const { applied } = await ports.cases.recordStep(
      caseId,
      `resume:${resumes}`,
      { status: record.stoppedStatus ?? 'received', resumes },
      { type: 'case-resumed', detail: reason, actor },
      record,
    );
    if (applied) {
      await ports.workflow.start(caseId, resumes);
      return { resumes };
    }
  }
  const latest = await caseToActOn(ports.cases, caseId);
  if (latest.resumes && !isFinished(latest.status) && latest.status !== 'needs-attention')
    await ports.workflow.start(caseId, latest.resumes);
  if (!latest.resumes) throw new ConflictError(`Case ${caseId} is ${latest.status}, not needs-attention`);
  throw await staleAction(ports.cases, latest, `resume:${latest.resumes}`, 'resumed');
}
