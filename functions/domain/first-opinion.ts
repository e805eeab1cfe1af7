import type { CaseRecord } from './case.js';
import { clinicalPositionOf } from './clinical/position.js';
import type { Opinion } from './opinion.js';

/** The first opinion, from intake, in the terms opinions are compared in. */
export function firstOpinion(record: CaseRecord): Opinion {
  const first = record.intake.firstOpinion;
  return {
    number: 1,
    author: first.physicianName,
    organization: first.organization,
    ...clinicalPositionOf(first),
  };
}
