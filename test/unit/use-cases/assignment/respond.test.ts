import { jest } from '@jest/globals';
import { ACCEPT_SETTLED_SECONDS } from '../../../../functions/domain/assignment.js';
import { AlreadyDecidedError, ConflictError } from '../../../../functions/shared/errors.js';
import { declineAssignment } from '../../../../functions/use-cases/assignment/respond.js';
import { openCallback, openCallbackToDecide } from '../../../../functions/use-cases/callbacks.js';
import {
  accept,
  CALLBACK_ID,
  keys,
  TOKEN,
  setupAssignmentCase as setup,
  type AssignmentCase,
} from '../../../support/assignment-case.js';

const decline = async (s: AssignmentCase, decision: 'decline' | 'withdraw' = 'decline') =>
  declineAssignment(
    await openCallbackToDecide(CALLBACK_ID, s.sig, 'assignment', s.ports),
    { decision },
    s.ports,
  );

/** Moves the stored accept back in time, as if it was made that long ago. */
async function acceptedAgo(s: AssignmentCase, seconds: number): Promise<void> {
  const acceptedAt = new Date(Date.now() - seconds * 1000).toISOString();
  await s.assignments.update(s.caseId, 1, { acceptedAt }, ['accepted']);
}

/** Settles each answer: 'accepted', 'declined', or the status of the error it got. */
async function outcomes(answers: Array<Promise<unknown>>, labels: string[]): Promise<string[]> {
  const settled = await Promise.allSettled(answers);
  return settled.map((result, i) =>
    result.status === 'fulfilled' ? labels[i]! : String((result.reason as { status?: number }).status),
  );
}

describe('acceptAssignment', () => {
  it('an accept stopped before its event and email is finished by a later one; a further one is 409', async () => {
    // Arrange: the first accept is stored, then the case write fails
    const s = await setup();
    jest.spyOn(s.cases, 'recordStep').mockRejectedValueOnce(new Error('stopped'));
    await expect(accept(s)).rejects.toThrow('stopped');
    await acceptedAgo(s, ACCEPT_SETTLED_SECONDS + 1);

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

  it('answers a second accept within seconds of the first 409 and sends nothing, even before the first finished', async () => {
    // Arrange: the first accept is stored and has not yet written its event or sent its email
    const s = await setup();
    jest.spyOn(s.cases, 'recordStep').mockRejectedValueOnce(new Error('still at work'));
    await expect(accept(s)).rejects.toThrow('still at work');

    // Act
    const second = accept(s);

    // Assert
    await expect(second).rejects.toBeInstanceOf(AlreadyDecidedError);
    expect(keys(s)).toEqual([]);
  });
});

describe('declineAssignment', () => {
  it('declines a proposed assignment: the assignment is declined and the waiting task told', async () => {
    const s = await setup();

    const decision = await decline(s);

    expect(decision).toMatchObject({ decision: 'decline' });
    expect(await s.assignments.get(s.caseId, 1)).toMatchObject({ status: 'declined' });
    expect(s.tasks.succeeded).toEqual([{ taskToken: TOKEN, output: { decision: 'decline' } }]);
    expect(keys(s)).toEqual([]);
  });

  it('refuses a decline after an accept with 409, changing nothing', async () => {
    const s = await setup();
    await accept(s);

    await expect(decline(s)).rejects.toBeInstanceOf(AlreadyDecidedError);

    expect(await s.assignments.get(s.caseId, 1)).toMatchObject({ status: 'accepted' });
    expect(s.tasks.attempts).toEqual([]);
  });

  it('refuses an accept after a decline with 409, and tells the patient nothing', async () => {
    const s = await setup();
    await decline(s);

    await expect(accept(s)).rejects.toMatchObject({ status: 409 });

    expect(keys(s)).toEqual([]);
  });

  it('lets a specialist who accepted withdraw: the assignment is declined and the task told', async () => {
    const s = await setup();
    await accept(s);

    await decline(s, 'withdraw');

    expect(await s.assignments.get(s.caseId, 1)).toMatchObject({ status: 'declined' });
    expect(s.tasks.succeeded).toEqual([{ taskToken: TOKEN, output: { decision: 'decline' } }]);
  });

  it('refuses to withdraw an assignment never accepted with 409', async () => {
    const s = await setup();

    await expect(decline(s, 'withdraw')).rejects.toBeInstanceOf(ConflictError);

    expect(await s.assignments.get(s.caseId, 1)).toMatchObject({ status: 'proposed' });
  });

  it('a decline stopped after the assignment was declined is finished by the next decline', async () => {
    const s = await setup();
    jest.spyOn(s.ports.callbacks, 'decide').mockRejectedValueOnce(new Error('stopped'));
    await expect(decline(s)).rejects.toThrow('stopped');

    await expect(decline(s)).resolves.toMatchObject({ decision: 'decline' });

    expect(s.tasks.attempts).toHaveLength(1);
  });
});

describe('accept and decline racing', () => {
  it.each([1, 2, 3, 4, 5])(
    'of 20 accepts and 20 declines at once, exactly one wins and only its effects follow (run %i)',
    async () => {
      // Arrange: every page opened before any answer lands
      const s = await setup();
      const opened = await Promise.all(
        Array.from({ length: 40 }, () => openCallback(CALLBACK_ID, s.sig, 'assignment', s.ports)),
      );
      const labels = opened.map((_, i) => (i % 2 === 0 ? 'accepted' : 'declined'));

      // Act
      const results = await outcomes(
        opened.map((page, i) =>
          i % 2 === 0 ? accept(s) : declineAssignment(page, { decision: 'decline' }, s.ports),
        ),
        labels,
      );

      // Assert
      const winners = results.filter((r) => r === 'accepted' || r === 'declined');
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => r === '409')).toHaveLength(39);
      const stored = await s.assignments.get(s.caseId, 1);
      expect(stored!.status).toBe(winners[0]);
      if (winners[0] === 'accepted') {
        expect(keys(s)).toEqual(['specialist-assigned:1']);
        expect(s.tasks.attempts).toEqual([]);
      } else {
        expect(keys(s)).toEqual([]);
        expect(s.tasks.attempts).toHaveLength(1);
      }
    },
  );
});
