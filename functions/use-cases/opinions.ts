import type { CaseRecord } from '../domain/case.js';
import { firstOpinion } from '../domain/first-opinion.js';
import type { Opinion } from '../domain/opinion.js';
import type { AssignmentStore } from '../domain/ports.js';

/** Every opinion on the case, the first included, in order. */
export async function allOpinions(record: CaseRecord, assignments: AssignmentStore): Promise<Opinion[]> {
  return withFirstOpinion(record, await assignments.opinions(record.caseId));
}

/** The first opinion (from intake), then the reviewers' in order. */
export function withFirstOpinion(record: CaseRecord, reviewed: Opinion[]): Opinion[] {
  return [firstOpinion(record), ...reviewed.sort((a, b) => a.number - b.number)];
}
