import { approvalPresenter } from '../../../../functions/use-cases/approvals.js';
import { assignmentPresenter } from '../../../../functions/use-cases/assignment/request.js';
import { reassign } from '../../../../functions/use-cases/assignment/reassign.js';
import { requestCallback } from '../../../../functions/use-cases/callbacks.js';
import { callbackId } from '../../../../functions/domain/signed-link.js';
import { ConflictError } from '../../../../functions/shared/errors.js';
import { ACTOR, KEY, SPECIALIST, setupActionCase, type ActionCase } from '../../../support/action-case.js';

const WAIT = { timeoutSeconds: 3600 };
const withdraw = (s: ActionCase) =>
  reassign({ caseId: s.caseId, actor: ACTOR, reason: 'Conflict of interest' }, s.ports);

/** Attempt 1 proposed, its MatchApproval waiting. */
async function proposed(): Promise<ActionCase> {
  const s = await setupActionCase();
  await s.propose();
  await requestCallback(
    { caseId: s.caseId, kind: 'approval', purpose: 'specialist-match', round: 1 },
    { ...WAIT, taskToken: 'match-token' },
    approvalPresenter,
    s.ports,
  );
  return s;
}

describe('reassign', () => {
  it('rejects a proposal awaiting approval: the waiting task is answered, so the workflow matches again', async () => {
    // Arrange
    const s = await proposed();

    // Act
    const result = await reassign({ caseId: s.caseId, actor: ACTOR, reason: 'Wrong subspecialty' }, s.ports);

    // Assert
    expect(result).toEqual({ specialistId: SPECIALIST.specialistId, withdrawn: 'proposal' });
    expect(s.tasks.succeeded).toEqual([{ taskToken: 'match-token', output: { decision: 'reject' } }]);
    expect(s.outbox.sent.some((m) => m.key.startsWith('assignment-withdrawn:'))).toBe(false);
    const events = await s.cases.timeline(s.caseId);
    expect(events.find((e) => e.type === 'specialist-withdrawn')).toMatchObject({ actor: ACTOR });
  });

  it('withdraws an assignment from the specialist, who is told, and refuses a second withdrawal (409)', async () => {
    // Arrange: approved, the specialist's link pending.
    const s = await proposed();
    const matchId = callbackId(KEY, s.caseId, 'approval', 'specialist-match', 1);
    s.callbacks.patch(matchId, { status: 'decided' });
    await requestCallback(
      { caseId: s.caseId, kind: 'assignment', purpose: 'opinion', round: 1 },
      { ...WAIT, taskToken: 'opinion-token' },
      assignmentPresenter,
      s.ports,
    );

    // Act
    const result = await withdraw(s);

    // Assert
    expect(result.withdrawn).toBe('assignment');
    expect(s.tasks.succeeded).toEqual([{ taskToken: 'opinion-token', output: { decision: 'withdraw' } }]);
    const told = s.outbox.sent.find((m) => m.key === 'assignment-withdrawn:1')!;
    expect(told.email.to).toEqual([SPECIALIST.email]);
    expect(told.email.subject).toContain('withdrawn');
    await expect(withdraw(s)).rejects.toBeInstanceOf(ConflictError);
    expect(s.tasks.succeeded).toHaveLength(1);
  });

  it('refuses a case with no open proposal or assignment (409), answering no task', async () => {
    // Arrange
    const s = await setupActionCase();

    // Act / Assert
    await expect(withdraw(s)).rejects.toThrow(/no proposal or assignment/);
    expect(s.tasks.succeeded).toEqual([]);
  });
});
