import { openCallback } from '../../../../functions/use-cases/callbacks.js';
import { approvalEffects } from '../../../../functions/use-cases/approvals.js';
import { decideCallback } from '../../../../functions/use-cases/callbacks.js';
import { extendDeadline, resendLink } from '../../../../functions/use-cases/actions/pending-step.js';
import { markNeedsAttention } from '../../../../functions/use-cases/needs-attention.js';
import {
  AlreadyDecidedError,
  CallbackExpiredError,
  ConflictError,
  NotFoundError,
  ValidationError,
} from '../../../../functions/shared/errors.js';
import { ACTOR, linkIn, setupActionCase, type ActionCase } from '../../../support/action-case.js';
import { COORDINATOR } from '../../../support/step-case.js';

const now = () => Math.floor(Date.now() / 1000);
const DAY = 86_400;

async function waiting(): Promise<ActionCase> {
  const s = await setupActionCase();
  await s.request('token-1');
  return s;
}

const resend = (s: ActionCase, callbackId = s.id) =>
  resendLink({ caseId: s.caseId, callbackId, actor: ACTOR, reason: 'Lost in spam' }, s.ports);
const extend = (s: ActionCase, until: number) =>
  extendDeadline(
    { caseId: s.caseId, callbackId: s.id, actor: ACTOR, until, reason: 'Away this week' },
    s.ports,
  );

describe('resendLink', () => {
  it('sends the request again to the same recipient, with a link that works until the same deadline', async () => {
    // Arrange
    const s = await waiting();
    const before = (await s.callbacks.get(s.id))!;

    // Act
    const first = await resend(s);
    const second = await resend(s);

    // Assert
    expect(first.resends).toBe(1);
    expect(second.resends).toBe(2);
    const resent = s.outbox.sent.filter((m) => m.key.includes(':resend:'));
    expect(resent.map((m) => m.key)).toEqual([`callback:${s.id}:resend:1`, `callback:${s.id}:resend:2`]);
    for (const { email } of resent) {
      expect(email.to).toEqual([COORDINATOR]);
      const { id, sig } = linkIn(email.text);
      await expect(openCallback(id, sig, 'approval', s.ports)).resolves.toBeDefined();
    }
    const after = (await s.callbacks.get(s.id))!;
    expect(after.expiresAt).toBe(before.expiresAt);
    expect(first.expiresAt).toBe(new Date(before.expiresAt * 1000).toISOString());
    const events = (await s.cases.timeline(s.caseId)).filter((e) => e.type === 'link-resent');
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ actor: ACTOR, detail: 'coverage (Lost in spam)' });
  });

  it('refuses a decided step (409 naming who), a stopped case (409) and a step of another case (404)', async () => {
    // Arrange
    const s = await waiting();
    const other = await setupActionCase();
    await other.request('token-x');
    const opened = await openCallback(s.id, linkIn(s.outbox.emails().at(-1)!.text).sig, 'approval', s.ports);
    await decideCallback(opened, { decision: 'approve', basis: 'self-pay' }, approvalEffects, s.ports);

    // Act / Assert
    await expect(resend(s)).rejects.toBeInstanceOf(AlreadyDecidedError);
    await expect(resend(s, other.id)).rejects.toBeInstanceOf(NotFoundError);
    await markNeedsAttention(other.caseId, 'States.Timeout', other.attentionPorts);
    await expect(resend(other)).rejects.toThrow(/needs-attention: no step of it waits/);
    expect(s.outbox.sent.filter((m) => m.key.includes(':resend:'))).toEqual([]);
  });
});

describe('extendDeadline', () => {
  it('moves the deadline: the link works past its old expiry, and the timeout waits instead of expiring', async () => {
    // Arrange
    const s = await waiting();
    const until = now() + 10 * DAY;

    // Act
    const result = await extend(s, until);

    // Assert: the deadline, and a link signed with it that opens after the wait's own expiry has passed.
    expect(result).toEqual({ deadline: new Date(until * 1000).toISOString() });
    expect((await s.cases.get(s.caseId))!.dueAt).toBe(result.deadline);
    expect((await s.callbacks.get(s.id))!.dueAt).toBe(result.deadline);
    s.callbacks.patch(s.id, { expiresAt: now() - 1 });
    const { sig } = linkIn((await resend(s)) && s.outbox.emails().at(-1)!.text);
    await expect(openCallback(s.id, sig, 'approval', s.ports)).resolves.toBeDefined();
    // Every reminder sent, and the timer fires again before the deadline: no expiry, no email.
    const sent = s.outbox.sent.length;
    await s.timedOut();
    await s.timedOut();
    await expect(s.timedOut()).resolves.toEqual({ remindersSent: 2 });
    expect((await s.callbacks.get(s.id))!.status).toBe('pending');
    expect(s.outbox.sent.length).toBe(sent + 2);
    // Past the deadline, the next timeout expires it.
    s.callbacks.patch(s.id, { deadline: now() - 1 });
    await expect(s.timedOut()).rejects.toBeInstanceOf(CallbackExpiredError);
    const event = (await s.cases.timeline(s.caseId)).find((e) => e.type === 'deadline-extended');
    expect(event).toMatchObject({ actor: ACTOR });
    expect(event!.detail).toContain('Away this week');
  });

  it('takes a deadline in the future, at most 24 days away and later than the one set; else nothing changes', async () => {
    // Arrange
    const s = await waiting();
    await extend(s, now() + 5 * DAY);

    // Act / Assert
    await expect(extend(s, now() - 10)).rejects.toBeInstanceOf(ValidationError);
    await expect(extend(s, now() + 25 * DAY)).rejects.toBeInstanceOf(ValidationError);
    await expect(extend(s, now() + 2 * DAY)).rejects.toBeInstanceOf(ConflictError);
    expect((await s.callbacks.get(s.id))!.deadline).toBeGreaterThan(now() + 4 * DAY);
    expect((await s.cases.timeline(s.caseId)).filter((e) => e.type === 'deadline-extended')).toHaveLength(1);
  });
});
