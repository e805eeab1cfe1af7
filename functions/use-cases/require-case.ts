import type { CaseRecord } from '../domain/case.js';
import type { CaseStore } from '../domain/ports.js';
import { CaseNotFoundError } from '../shared/errors.js';

/** The case, or CaseNotFoundError: the error the workflow routes to needs-attention. */
export async function requireCase(cases: Pick<CaseStore, 'get'>, caseId: string): Promise<CaseRecord> {
  const record = await cases.get(caseId);
  if (!record) throw new CaseNotFoundError(caseId);
  return record;
}
