import { openCallback } from '../../../../functions/use-cases/callbacks.js';
import { markNeedsAttention } from '../../../../functions/use-cases/needs-attention.js';
import { resumeCase } from '../../../../functions/use-cases/actions/resume-case.js';
import { matchSpecialist } from '../../../../functions/use-cases/assignment/propose.js';
import { holdId } from '../../../../functions/domain/assignment.js';
import {
  ConflictError,
  NotFoundError,
  SpecialistUnavailableError,
} from '../../../../functions/shared/errors.js';
import {
  ACTOR,
  SPECIALIST,
  holdsOf,
  linkIn,
  setupActionCase,
  type ActionCase,
} from '../../../support/action-case.js';

/** The case stopped: its coverage approval ran out of reminders, and MarkNeedsAttention ran. */
async function stopped(): Promise<ActionCase> {
  const s = await setupActionCase();
  await s.propose();
  await s.request('token-1');
  await s.runOut();
  await markNeedsAttention(s.caseId, 'CallbackExpiredError', s.attentionPorts);
  return s;
}

const resume = (s: ActionCase, actor = ACTOR) =>
  resumeCase({ caseId: s.caseId, actor, reason: 'Spoke with the patient' }, s);

describe('resumeCase', () => {
  it('puts a needs-attention case back where it stopped and starts its execution as <caseId>-r1', async () => {
    // Arrange
    const s = await stopped();
    expect((await s.cases.get(s.caseId))!.stoppedStatus).toBe('awaiting-coordinator');
    expect(holdsOf(s)).toBe(0);

    // Act
    const result = await resume(s);

    // Assert
    expect(result).toEqual({ resumes: 1 });
    const record = (await s.cases.get(s.caseId))!;
    expect(record.status).toBe('awaiting-coordinator');
    expect(record.resumes).toBe(1);
    expect(s.workflow.starts).toEqual([`${s.caseId}-r1`]);
    const event = (await s.cases.timeline(s.caseId)).find((e) => e.type === 'case-resumed');
    expect(event).toMatchObject({ actor: ACTOR, detail: 'Spoke with the patient' });
  });

  it('asks the expired request again once, with a fresh link and deadline, and sends nothing on a replay', async () => {
    // Arrange
    const s = await stopped();
    const before = (await s.callbacks.get(s.id))!;
    const sentBefore = s.outbox.sent.length;
    await resume(s);

    // Act: the resumed execution's CoverageApproval, then a replay of it.
    await s.request('token-2', 1);
    await s.request('token-3', 1);

    // Assert
    const revived = (await s.callbacks.get(s.id))!;
    expect(revived).toMatchObject({ status: 'pending', resume: 1, remindersSent: 0, taskToken: 'token-3' });
    expect(revived.expiresAt).toBeGreaterThanOrEqual(before.expiresAt);
    const fresh = s.outbox.sent.slice(sentBefore);
    expect(fresh.map((m) => m.key)).toEqual([`callback:${s.id}:r1:request`]);
    const { id, sig } = linkIn(fresh[0]!.email.text);
    await expect(openCallback(id, sig, 'approval', s.ports)).resolves.toMatchObject({
      callback: { status: 'pending' },
    });
  });

  it('does not ask again for the same resume: an expired request without a newer resume stops the case', async () => {
    // Arrange
    const s = await stopped();

    // Act / Assert: the replay of the first execution (no resume) still finds it expired.
    await expect(s.request('token-2', 0)).rejects.toThrow('went unanswered');
    expect((await s.callbacks.get(s.id))!.status).toBe('expired');
  });

  it('a resumed case that stops again is alerted again, and remembers where it stopped', async () => {
    // Arrange
    const s = await stopped();
    await resume(s);
    await s.request('token-2', 1);
    const alerts = () => s.outbox.sent.filter((m) => m.key.startsWith('needs-attention:')).length;
    expect(alerts()).toBe(1);

    // Act
    await markNeedsAttention(s.caseId, 'States.Timeout', s.attentionPorts);
    await markNeedsAttention(s.caseId, 'CallbackExpiredError', s.attentionPorts);

    // Assert
    expect(alerts()).toBe(3);
    const alert = s.outbox.sent.at(-1)!;
    expect(alert.key).toBe('needs-attention:CallbackExpiredError:r1');
    expect(alert.email.text).toContain(`https://concord.example/console/cases/${s.caseId}`);
    const record = (await s.cases.get(s.caseId))!;
    expect(record.status).toBe('needs-attention');
    expect(record.stoppedStatus).toBe('awaiting-coordinator');
  });

  it('lets the first of two resumes win; the second gets 409 naming who resumed, and starts nothing new', async () => {
    // Arrange
    const s = await stopped();

    // Act
    const results = await Promise.allSettled([resume(s), resume(s, 'other@concord.local (sub-2)')]);

    // Assert
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConflictError);
    expect(refused.reason.message).toMatch(/already resumed by .* at /);
    expect(new Set(s.workflow.starts)).toEqual(new Set([`${s.caseId}-r1`]));
    expect((await s.cases.timeline(s.caseId)).filter((e) => e.type === 'case-resumed')).toHaveLength(1);
  });

  it('refuses a case that is not in needs-attention (409) and an unknown case (404), changing nothing', async () => {
    // Arrange
    const s = await setupActionCase();
    const before = await s.cases.get(s.caseId);

    // Act / Assert
    await expect(resume(s)).rejects.toThrow(/not needs-attention/);
    await expect(
      resumeCase({ caseId: '00000000-0000-4000-8000-000000000000', actor: ACTOR, reason: 'x' }, s),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await s.cases.get(s.caseId)).toEqual(before);
    expect(s.workflow.starts).toEqual([]);
  });

  it("a resumed match takes its specialist's hold back, or stops the case if they are full now", async () => {
    // Arrange: the stop released the proposal's hold.
    const s = await stopped();
    await resume(s);
    expect((await s.assignments.get(s.caseId, 1))!.status).toBe('released');

    // Act: the resumed execution replays MatchSpecialist for attempt 1.
    await matchSpecialist(s.caseId, 1, s);

    // Assert
    expect(holdsOf(s)).toBe(1);
    expect((await s.assignments.get(s.caseId, 1))!.status).toBe('proposed');

    // Arrange: stopped again, and another case takes the specialist's only place meanwhile.
    await markNeedsAttention(s.caseId, 'States.Timeout', s.attentionPorts);
    await s.capacity.reserve(SPECIALIST.specialistId, holdId('other-case', SPECIALIST.specialistId), 1);
    await resume(s);

    // Act / Assert
    await expect(matchSpecialist(s.caseId, 1, s)).rejects.toBeInstanceOf(SpecialistUnavailableError);
    expect((await s.assignments.get(s.caseId, 1))!.status).toBe('released');
  });
});
