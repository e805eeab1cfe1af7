import { firstOpinion } from '../../../functions/domain/first-opinion.js';
import { caseRecord } from '../../support/case-records.js';
import { RICH_POSITION } from '../../support/positions.js';

describe('firstOpinion', () => {
  it('carries the intake’s whole clinical position, the new fields included', () => {
    const record = caseRecord(undefined);
    record.intake.firstOpinion = { ...record.intake.firstOpinion, ...RICH_POSITION };

    expect(firstOpinion(record)).toEqual({
      number: 1,
      author: record.intake.firstOpinion.physicianName,
      organization: record.intake.firstOpinion.organization,
      ...RICH_POSITION,
    });
  });
});
