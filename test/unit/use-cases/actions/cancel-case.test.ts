import { finishCase } from '../../../../functions/use-cases/finish-case.js';
import { openCallback } from '../../../../functions/use-cases/callbacks.js';
import { cancelCase } from '../../../../functions/use-cases/actions/cancel-case.js';
import { ConflictError, GoneError } from '../../../../functions/shared/errors.js';
import { ACTOR, holdsOf, linkIn, setupActionCase, type ActionCase } from '../../../support/action-case.js';
import { PHI } from '../../../support/case-records.js';

const cancel = (s: ActionCase, actor = ACTOR) =>
  cancelCase({ caseId: s.caseId, actor, reason: 'The patient chose treatment elsewhere' }, s);

describe('cancelCase', () => {
  it('closes the case, stops its execution, gives capacity back, answers links 410 and tells both people', async () => {
    // Arrange
    const s = await setupActionCase();
    await s.propose();
    await s.request('token-1');
    const link = linkIn(s.outbox.emails().at(-1)!.text);
    const intake = (await s.cases.get(s.caseId))!.intake;
    expect(holdsOf(s)).toBe(1);

    // Act
    const result = await cancel(s);

    // Assert
    expect(result).toEqual({ status: 'closed' });
    expect((await s.cases.get(s.caseId))!.status).toBe('closed');
    expect(s.workflow.stopped).toEqual([{ name: s.caseId, cause: 'Cancelled by a coordinator' }]);
    expect(holdsOf(s)).toBe(0);
    await expect(openCallback(link.id, link.sig, 'approval', s.ports)).rejects.toBeInstanceOf(GoneError);
    const told = s.outbox.sent.filter((m) => m.key.startsWith('case-cancelled:'));
    expect(told.map((m) => m.email.to)).toEqual([[intake.patient.email], [intake.referringPhysician!.email]]);
    for (const { email } of told) {
      expect(email.subject).toContain('was cancelled');
      expect(email.text).not.toContain('treatment elsewhere');
      expect(email.text).not.toContain(PHI.icd10);
    }
    const event = (await s.cases.timeline(s.caseId)).find((e) => e.type === 'case-cancelled');
    expect(event).toMatchObject({ actor: ACTOR, detail: 'The patient chose treatment elsewhere' });
  });

  it('stops the execution of the resume it is in', async () => {
    // Arrange
    const s = await setupActionCase();
    await s.cases.recordStep(s.caseId, 'resume:1', { resumes: 1 }, { type: 'case-resumed' });

    // Act
    await cancel(s);

    // Assert
    expect(s.workflow.stopped.map((stop) => stop.name)).toEqual([`${s.caseId}-r1`]);
  });

  it('lets the first cancel win; a second gets 409 naming who cancelled, and nobody is told twice', async () => {
    // Arrange
    const s = await setupActionCase();
    await cancel(s);

    // Act
    const second = cancel(s, 'other@concord.local (sub-2)');

    // Assert
    await expect(second).rejects.toBeInstanceOf(ConflictError);
    await expect(second).rejects.toThrow(`already cancelled by ${ACTOR}`);
    expect(s.outbox.sent.filter((m) => m.key.startsWith('case-cancelled:'))).toHaveLength(2);
    expect((await s.cases.timeline(s.caseId)).filter((e) => e.type === 'case-cancelled')).toHaveLength(1);
  });

  it('finishes a cancel that stopped after its write: the retry stops the execution and tells people', async () => {
    // Arrange: the mailer fails once, after the case was closed and the execution stopped.
    const s = await setupActionCase();
    s.mailer.failNext();
    await expect(cancel(s)).rejects.toThrow('SES unavailable');

    // Act
    await expect(cancel(s)).rejects.toBeInstanceOf(ConflictError);

    // Assert
    expect(s.outbox.sent.filter((m) => m.key.startsWith('case-cancelled:'))).toHaveLength(2);
  });

  it('refuses a finished case with 409, changing nothing', async () => {
    // Arrange
    const s = await setupActionCase();
    await finishCase(s.caseId, s.cases);
    const before = await s.cases.get(s.caseId);

    // Act / Assert
    await expect(cancel(s)).rejects.toThrow(/is completed: it cannot be cancelled/);
    expect(await s.cases.get(s.caseId)).toEqual(before);
    expect(s.workflow.stopped).toEqual([]);
  });
});
