import type { CaseStore } from '../domain/ports.js';
import { requireCase } from './require-case.js';

/** FinishCase: the last step of the workflow as built so far. */
export async function finishCase(caseId: string, cases: CaseStore): Promise<void> {
  const record = await requireCase(cases, caseId);
  await cases.recordStep(
    caseId,
    'finish',
    { status: 'completed' },
    { type: 'case-completed', actor: 'concord' },
    record,
  );
}
