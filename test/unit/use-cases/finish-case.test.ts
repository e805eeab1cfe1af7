import { CaseNotFoundError } from '../../../functions/shared/errors.js';
import { checkCoverage } from '../../../functions/use-cases/check-coverage.js';
import { finishCase } from '../../../functions/use-cases/finish-case.js';
import { eventCounts, setupStepCase as setup, UNKNOWN_CASE } from '../../support/step-case.js';

describe('finishCase', () => {
  it('marks the case completed with a case-completed event', async () => {
    // Arrange
    const { cases, coveragePorts, caseId } = await setup();
    await checkCoverage(caseId, coveragePorts);

    // Act
    await finishCase(caseId, cases);

    // Assert
    expect((await cases.get(caseId))?.status).toBe('completed');
    expect(await eventCounts(cases, caseId)).toEqual({
      'case-received': 1,
      'case-confirmed': 1,
      'coverage-decided': 1,
      'case-completed': 1,
    });
  });

  it('changes nothing on a replay', async () => {
    // Arrange
    const { cases, caseId } = await setup();
    await finishCase(caseId, cases);
    const afterFirst = await cases.get(caseId);

    // Act
    await finishCase(caseId, cases);

    // Assert
    expect(await cases.get(caseId)).toEqual(afterFirst);
    expect(await eventCounts(cases, caseId)).toEqual({
      'case-received': 1,
      'case-confirmed': 1,
      'case-completed': 1,
    });
  });

  it('fails with CaseNotFoundError for an unknown case', async () => {
    // Arrange
    const { cases } = await setup();

    // Act
    const act = finishCase(UNKNOWN_CASE, cases);

    // Assert
    await expect(act).rejects.toBeInstanceOf(CaseNotFoundError);
  });
});
