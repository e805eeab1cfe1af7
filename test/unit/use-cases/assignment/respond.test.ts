import { jest } from '@jest/globals';
import { AlreadyDecidedError } from '../../../../functions/shared/errors.js';
import { accept, keys, setupAssignmentCase as setup } from '../../../support/assignment-case.js';

describe('acceptAssignment', () => {
  it('an accept stopped before its event and email is finished by the next; a further one is 409', async () => {
    // Arrange: the first accept is stored, then the case write fails
    const s = await setup();
    jest.spyOn(s.cases, 'recordStep').mockRejectedValueOnce(new Error('stopped'));
    await expect(accept(s)).rejects.toThrow('stopped');

    // Act
    const retried = await accept(s);

    // Assert
    const stored = await s.assignments.get(s.caseId, 1);
    expect(retried.acceptedAt).toBe(stored!.acceptedAt);
    expect((await s.cases.timeline(s.caseId)).filter((e) => e.type === 'assignment-accepted')).toHaveLength(
      1,
    );
    expect((await s.cases.get(s.caseId))!.status).toBe('awaiting-opinion');
    expect(keys(s)).toEqual(['specialist-assigned:1']);
    await expect(accept(s)).rejects.toBeInstanceOf(AlreadyDecidedError);
    expect(keys(s)).toEqual(['specialist-assigned:1']);
  });
});
