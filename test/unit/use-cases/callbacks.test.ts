import { jest } from '@jest/globals';
import { MemoryAssignmentStore, MemoryCapacityLedger } from '../../support/fakes/memory-assignments.js';
import type { CallbackDecision } from '../../../functions/domain/decision.js';
import type { CallbackRecord } from '../../../functions/domain/callback.js';
import type { CaseRecord } from '../../../functions/domain/case.js';
import { callbackId, checkLink, signLink } from '../../../functions/domain/signed-link.js';
import { IntakeSchema } from '../../../functions/schemas/intake.js';
import {
  AlreadyDecidedError,
  CallbackExpiredError,
  CaseNotFoundError,
  ForbiddenError,
  GoneError,
  NotFoundError,
} from '../../../functions/shared/errors.js';
import {
  callbackTimedOut,
  decideCallback,
  openCallback,
  openCallbackToDecide,
  requestCallback,
  type CallbackPorts,
  type CallbackRef,
  type CallbackSettings,
} from '../../../functions/use-cases/callbacks.js';
import { approvalEffects, approvalPresenter } from '../../../functions/use-cases/approvals.js';
import { checkCoverage } from '../../../functions/use-cases/check-coverage.js';
import { markNeedsAttention } from '../../../functions/use-cases/needs-attention.js';
import {
  MemorySecrets,
  MemoryCaseStore,
  MemoryDirectory,
  MemoryOutbox,
} from '../../support/fakes/memory-ports.js';
import { exampleIntake } from '../../support/intake.js';
import { grantPorts, newConfirmedCase } from '../../support/new-case.js';
import { MemoryCallbackStore, RecordingTaskCallbacks } from '../../support/fakes/memory-callbacks.js';
import { MemoryRecordStore } from '../../support/fakes/memory-records.js';

const KEY = Buffer.from('callbacks-unit-test-key-0123456789abcdef', 'utf8');
const PUBLIC_URL = 'https://concord.example';
const COORDINATOR = 'coordinator@concord.local';
/** The CoverageApproval state's timeout (seconds), as the workflow passes it in. */
const TIMEOUT = 3600;
// Shaped like real tokens: long and opaque, so "never in an email" is a meaningful check.
const TOKEN_1 = 'AAAAKGV4ZWN1dGlvbi0xLXRhc2stdG9rZW4tZmlyc3Q-first-token';
const TOKEN_2 = 'AAAAKGV4ZWN1dGlvbi0yLXRhc2stdG9rZW4tc2Vjb25k-second-token';
const TOKEN_3 = 'AAAAKGV4ZWN1dGlvbi0zLXRhc2stdG9rZW4tdGhpcmQ-third-token';

type Answer = Omit<CallbackDecision, 'decidedBy' | 'decidedAt'>;
type Opened = { callback: CallbackRecord; caseRecord: CaseRecord };

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A case whose payer is not in the directory, so coverage is not confirmed and needs an approval. */
async function setup(overrides: Partial<CallbackSettings> = {}) {
  const secrets = new MemorySecrets(KEY);
  const cases = new MemoryCaseStore();
  const directory = new MemoryDirectory([]);
  const intake = exampleIntake();
  intake.insurance = { payerId: 'nobody-health', memberId: 'N000000001' };
  const { caseId } = await newConfirmedCase(IntakeSchema.parse(intake), cases, secrets);
  await checkCoverage(caseId, { cases, directory, outbox: new MemoryOutbox(), ...grantPorts(cases) });
  const callbacks = new MemoryCallbackStore();
  const outbox = new MemoryOutbox();
  const tasks = new RecordingTaskCallbacks();
  const settings: CallbackSettings = {
    publicUrl: PUBLIC_URL,
    coordinatorEmail: COORDINATOR,
    approvalReminders: 2,
    recordsReminders: 3,
    opinionReminders: 1,
    ...overrides,
  };
  const records = new MemoryRecordStore();
  const ports: CallbackPorts = {
    cases,
    callbacks,
    outbox,
    tasks,
    secrets,
    directory,
    records,
    assignments: new MemoryAssignmentStore(),
    settings,
  };
  const ref: CallbackRef = { caseId, kind: 'approval', purpose: 'coverage', round: 1 };
  const id = callbackId(KEY, caseId, 'approval', 'coverage', 1);
  return { ports, cases, callbacks, outbox, tasks, secrets, ref, id, caseId };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** The CoverageApproval step, as the workflow runs it (again on a replay or after a reminder). */
const request = (s: Setup, taskToken: string, ref: CallbackRef = s.ref) =>
  requestCallback(ref, { taskToken, timeoutSeconds: TIMEOUT }, approvalPresenter, s.ports);

const timedOut = (s: Setup) => callbackTimedOut(s.ref, approvalPresenter, s.ports);

const decide = (s: Setup, opened: Opened, answer: Answer) =>
  decideCallback(opened, answer, approvalEffects, s.ports);

/** The signed link in an email's text part, and its signature. */
function linkIn(text: string): { url: string; id: string; sig: string } {
  const match = /(https:\/\/concord\.example\/approvals\/([A-Za-z0-9_-]+)\?sig=([^\s"<]+))/.exec(text);
  if (!match) throw new Error(`No approval link in: ${text}`);
  return { url: match[1]!, id: match[2]!, sig: match[3]! };
}

const firstLink = (s: Setup) => linkIn(s.outbox.emails()[0]!.text);

/** Requests the approval and opens its emailed link, as the coordinator would. */
async function requestAndOpen(s: Setup, token = TOKEN_1): Promise<Opened & { sig: string }> {
  await request(s, token);
  const { sig } = firstLink(s);
  const opened = await openCallback(s.id, sig, 'approval', s.ports);
  return { ...opened, sig };
}

async function eventsOfType(s: Setup, type: string) {
  return (await s.cases.timeline(s.caseId)).filter((event) => event.type === type);
}

describe('requestCallback', () => {
  it('stores the task token server-side and emails the coordinator one signed link', async () => {
    const s = await setup();

    await request(s, TOKEN_1);

    const record = await s.callbacks.get(s.id);
    expect(record).toMatchObject({
      callbackId: s.id,
      kind: 'approval',
      purpose: 'coverage',
      caseId: s.caseId,
      round: 1,
      status: 'pending',
      recipient: COORDINATOR,
      taskToken: TOKEN_1,
      remindersSent: 0,
    });
    // Valid through both reminders and the final wait.
    expect(record!.expiresAt).toBeGreaterThanOrEqual(nowSeconds() + 3 * TIMEOUT - 5);
    expect(record!.expiresAt).toBeLessThanOrEqual(nowSeconds() + 3 * TIMEOUT);
    expect(s.outbox.sent).toHaveLength(1);
    const [email] = s.outbox.emails();
    expect(email!.to).toEqual([COORDINATOR]);
    expect(email!.subject).toMatch(/^Approval needed/);
    const link = linkIn(email!.text);
    expect(link.url).toBe(`${PUBLIC_URL}/approvals/${s.id}?sig=${link.sig}`);
    expect(email!.html).toContain(`href="${link.url}"`);
    expect(checkLink([{ key: KEY }], s.id, 'approvals', link.sig, nowSeconds())).toBe('valid');
    for (const part of [email!.subject, email!.text, email!.html]) expect(part).not.toContain(TOKEN_1);
    expect(s.tasks.attempts).toEqual([]);
  });

  it('sets the case awaiting the coordinator and records the request on the timeline', async () => {
    const s = await setup();

    await request(s, TOKEN_1);

    expect((await s.cases.get(s.caseId))!.status).toBe('awaiting-coordinator');
    expect(await eventsOfType(s, 'approval-requested')).toEqual([
      expect.objectContaining({ detail: 'coverage', actor: 'concord' }),
    ]);
  });

  it('on a replay with a new token keeps one record, stores the new token and sends no second email', async () => {
    const s = await setup();
    await request(s, TOKEN_1);
    const first = await s.callbacks.get(s.id);

    await request(s, TOKEN_2);

    expect(s.callbacks.size()).toBe(1);
    expect(await s.callbacks.get(s.id)).toEqual({ ...first, taskToken: TOKEN_2 });
    expect(s.outbox.sent).toHaveLength(1);
    expect(await eventsOfType(s, 'approval-requested')).toHaveLength(1);
    expect(s.tasks.attempts).toEqual([]);
  });

  it('keeps the first link working after a replay', async () => {
    const s = await setup();
    await request(s, TOKEN_1);
    const { sig } = firstLink(s);

    await request(s, TOKEN_2);

    await expect(openCallback(s.id, sig, 'approval', s.ports)).resolves.toMatchObject({
      callback: { callbackId: s.id, taskToken: TOKEN_2 },
    });
  });

  it('answers a replay of a decided step at once with the stored decision (codes only) and sends nothing', async () => {
    const s = await setup();
    const opened = await requestAndOpen(s);
    await decide(s, opened, { decision: 'approve', basis: 'self-pay', comment: 'Patient agreed to pay' });

    await request(s, TOKEN_2);

    expect(s.tasks.succeeded).toEqual([
      { taskToken: TOKEN_1, output: { decision: 'approve', basis: 'self-pay' } },
      { taskToken: TOKEN_2, output: { decision: 'approve', basis: 'self-pay' } },
    ]);
    expect(s.outbox.sent).toHaveLength(1);
  });

  it('answers a replay of a rejected step with the rejection', async () => {
    const s = await setup();
    const opened = await requestAndOpen(s);
    await decide(s, opened, { decision: 'reject' });

    await request(s, TOKEN_2);

    expect(s.tasks.succeeded.at(-1)).toEqual({ taskToken: TOKEN_2, output: { decision: 'reject' } });
    expect(s.outbox.sent).toHaveLength(1);
  });

  it('refuses a replay of an expired step with CallbackExpiredError, sending nothing', async () => {
    const s = await setup();
    await request(s, TOKEN_1);
    await s.callbacks.expire(s.id);

    await expect(request(s, TOKEN_2)).rejects.toBeInstanceOf(CallbackExpiredError);

    expect((await s.callbacks.get(s.id))!.taskToken).toBe(TOKEN_1);
    expect(s.outbox.sent).toHaveLength(1);
    expect(s.tasks.attempts).toEqual([]);
  });

  it('fails with CaseNotFoundError for a case that does not exist, storing and sending nothing', async () => {
    const s = await setup();

    await expect(request(s, TOKEN_1, { ...s.ref, caseId: 'no-such-case' })).rejects.toBeInstanceOf(
      CaseNotFoundError,
    );

    expect(s.callbacks.size()).toBe(0);
    expect(s.outbox.sent).toHaveLength(0);
  });

  it('gives each round its own record and link', async () => {
    const s = await setup();

    await request(s, TOKEN_1);
    await request(s, TOKEN_2, { ...s.ref, round: 2 });

    expect(s.callbacks.size()).toBe(2);
    const [first, second] = s.outbox.emails().map((email) => linkIn(email.text));
    expect(first!.id).not.toBe(second!.id);
  });
});

describe('callbackTimedOut', () => {
  it('sends reminder 1..N with the same link, then expires the callback, records it and throws', async () => {
    const s = await setup({ approvalReminders: 2 });
    await request(s, TOKEN_1);
    const link = firstLink(s);

    const first = await timedOut(s);
    const second = await timedOut(s);
    const third = timedOut(s);

    expect(first).toEqual({ remindersSent: 1 });
    expect(second).toEqual({ remindersSent: 2 });
    await expect(third).rejects.toBeInstanceOf(CallbackExpiredError);
    const emails = s.outbox.emails();
    expect(emails).toHaveLength(3);
    expect(emails[1]!.subject).toMatch(/^Approval needed.*reminder 1$/);
    expect(emails[2]!.subject).toMatch(/^Approval needed.*reminder 2$/);
    for (const reminder of emails.slice(1)) {
      expect(reminder.to).toEqual([COORDINATOR]);
      expect(linkIn(reminder.text).url).toBe(link.url);
    }
    expect(await s.callbacks.get(s.id)).toMatchObject({ status: 'expired', remindersSent: 2 });
    expect(await eventsOfType(s, 'approval-expired')).toEqual([
      expect.objectContaining({ actor: 'concord', detail: expect.stringContaining('2 reminder') }),
    ]);
    await expect(openCallback(s.id, link.sig, 'approval', s.ports)).rejects.toBeInstanceOf(GoneError);
  });

  it('keeps the link valid through every reminder wait: a reminded request can still be decided', async () => {
    const s = await setup({ approvalReminders: 2 });
    await request(s, TOKEN_1);
    await timedOut(s);
    await request(s, TOKEN_2);
    const opened = await openCallback(s.id, firstLink(s).sig, 'approval', s.ports);

    await decide(s, opened, { decision: 'approve', basis: 'self-pay' });

    expect(s.tasks.succeeded).toEqual([
      { taskToken: TOKEN_2, output: { decision: 'approve', basis: 'self-pay' } },
    ]);
  });

  it('with no reminders configured, expires on the first timeout', async () => {
    const s = await setup({ approvalReminders: 0 });
    await request(s, TOKEN_1);

    await expect(timedOut(s)).rejects.toBeInstanceOf(CallbackExpiredError);

    expect(s.outbox.sent).toHaveLength(1);
    expect((await s.callbacks.get(s.id))!.status).toBe('expired');
  });

  it('keeps failing once expired (a retried timeout handler), recording the expiry once', async () => {
    const s = await setup({ approvalReminders: 0 });
    await request(s, TOKEN_1);
    await expect(timedOut(s)).rejects.toThrow();

    await expect(timedOut(s)).rejects.toBeInstanceOf(CallbackExpiredError);

    expect(await eventsOfType(s, 'approval-expired')).toHaveLength(1);
    expect(s.outbox.sent).toHaveLength(1);
  });

  it('sends one reminder when the same timeout is handled twice at once', async () => {
    const s = await setup({ approvalReminders: 2 });
    await request(s, TOKEN_1);

    const answers = await Promise.all([timedOut(s), timedOut(s)]);

    expect(answers).toEqual([{ remindersSent: 1 }, { remindersSent: 1 }]);
    expect(s.outbox.sent.map((message) => message.key)).toEqual([
      `callback:${s.id}:request`,
      `callback:${s.id}:reminder:1`,
    ]);
    expect((await s.callbacks.get(s.id))!.remindersSent).toBe(1);
  });

  it('a retry after the reminder failed to send sends that reminder, not the next', async () => {
    // Arrange: one reminder to give; sending it fails once
    const s = await setup({ approvalReminders: 1 });
    await request(s, TOKEN_1);
    jest.spyOn(s.outbox, 'sendOnce').mockRejectedValueOnce(new Error('SES throttled'));
    await expect(timedOut(s)).rejects.toThrow('SES throttled');

    // Act: the state's retry
    const retried = await timedOut(s);

    // Assert: the reminder went out and the callback waits again, rather than expiring unreminded
    expect(retried).toEqual({ remindersSent: 1 });
    expect(s.outbox.sent.map((message) => message.key)).toEqual([
      `callback:${s.id}:request`,
      `callback:${s.id}:reminder:1`,
    ]);
    expect(await s.callbacks.get(s.id)).toMatchObject({ status: 'pending', remindersSent: 1 });
  });

  it('does nothing for a callback already decided', async () => {
    const s = await setup();
    const opened = await requestAndOpen(s);
    await decide(s, opened, { decision: 'reject' });

    await expect(timedOut(s)).resolves.toEqual({ remindersSent: 0 });

    expect(s.outbox.sent).toHaveLength(1);
    expect((await s.callbacks.get(s.id))!.status).toBe('decided');
  });

  it('fails with NotFoundError when no request was ever made', async () => {
    const s = await setup();

    await expect(timedOut(s)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('openCallback', () => {
  it('opens a genuine pending link, changing nothing', async () => {
    const s = await setup();
    await request(s, TOKEN_1);
    const before = await s.callbacks.get(s.id);
    const caseBefore = await s.cases.get(s.caseId);

    const opened = await openCallback(s.id, firstLink(s).sig, 'approval', s.ports);

    expect(opened.callback).toEqual(before);
    expect(opened.caseRecord).toEqual(caseBefore);
    expect(await s.callbacks.get(s.id)).toEqual(before);
    expect(await s.cases.get(s.caseId)).toEqual(caseBefore);
    expect(s.tasks.attempts).toEqual([]);
  });

  const flipFirstMacChar = (sig: string) =>
    sig.replace(/\.(.)/, (_match, c: string) => `.${c === 'A' ? 'B' : 'A'}`);
  const laterExpiry = (sig: string) => sig.replace(/^(\d+)/, (n) => String(Number(n) + 60));

  it.each([
    ['missing', () => undefined],
    ['empty', () => ''],
    ['with a changed MAC', flipFirstMacChar],
    ['with a changed expiry', laterExpiry],
    [
      'signed with another key',
      (sig: string) => signLink({ key: Buffer.from('x'.repeat(40)) }, 'x', 'approvals', +sig.split('.')[0]!),
    ],
  ])('answers 403 ForbiddenError for a signature %s', async (_label, tamper) => {
    const s = await setup();
    await request(s, TOKEN_1);

    const opening = openCallback(s.id, tamper(firstLink(s).sig), 'approval', s.ports);

    await expect(opening).rejects.toBeInstanceOf(ForbiddenError);
    await expect(opening).rejects.toMatchObject({ status: 403 });
  });

  it('answers 403 for a genuine signature on another id (the signature is checked before the lookup)', async () => {
    const s = await setup();
    await request(s, TOKEN_1);

    await expect(
      openCallback('unknown-callback-id', firstLink(s).sig, 'approval', s.ports),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('answers 403 for an approval link presented as another kind of link', async () => {
    const s = await setup();
    await request(s, TOKEN_1);

    await expect(openCallback(s.id, firstLink(s).sig, 'prior-authorization', s.ports)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('answers 404 NotFoundError for a validly signed unknown id', async () => {
    const s = await setup();
    const sig = signLink({ key: KEY }, 'unknown-callback-id', 'approvals', nowSeconds() + 600);

    const opening = openCallback('unknown-callback-id', sig, 'approval', s.ports);

    await expect(opening).rejects.toBeInstanceOf(NotFoundError);
    await expect(opening).rejects.toMatchObject({ status: 404 });
  });

  it('answers 410 GoneError on a pending link of a case whose workflow stopped, and takes no answer', async () => {
    // Arrange: the case went to needs-attention while the approval was pending
    const s = await setup();
    await request(s, TOKEN_1);
    await markNeedsAttention(s.caseId, 'Sandbox.Timedout', {
      cases: s.cases,
      outbox: s.outbox,
      coordinatorEmail: COORDINATOR,
      publicUrl: 'https://concord.example.org',
      assignments: s.ports.assignments,
      capacity: new MemoryCapacityLedger(),
    });

    // Act
    const opening = openCallback(s.id, firstLink(s).sig, 'approval', s.ports);

    // Assert
    await expect(opening).rejects.toBeInstanceOf(GoneError);
    expect((await s.callbacks.get(s.id))!.status).toBe('pending');
    expect((await s.cases.get(s.caseId))!.status).toBe('needs-attention');
  });

  it('answers 410 GoneError once the callback has expired', async () => {
    const s = await setup();
    await request(s, TOKEN_1);
    await s.callbacks.expire(s.id);

    const opening = openCallback(s.id, firstLink(s).sig, 'approval', s.ports);

    await expect(opening).rejects.toBeInstanceOf(GoneError);
    await expect(opening).rejects.toMatchObject({ status: 410 });
  });

  it('answers 410 for a genuine link whose signed expiry has passed', async () => {
    const s = await setup();
    await request(s, TOKEN_1);
    const pastSig = signLink({ key: KEY }, s.id, 'approvals', nowSeconds() - 1);

    await expect(openCallback(s.id, pastSig, 'approval', s.ports)).rejects.toBeInstanceOf(GoneError);
  });

  it("answers 410 when the stored record's expiry has passed, before the timeout handler ran", async () => {
    const s = await setup();
    await request(s, TOKEN_1);
    s.callbacks.patch(s.id, { expiresAt: nowSeconds() - 1 });

    await expect(openCallback(s.id, firstLink(s).sig, 'approval', s.ports)).rejects.toBeInstanceOf(GoneError);
  });

  it('answers 409 AlreadyDecidedError, with who decided and when, after a decision', async () => {
    const s = await setup();
    const opened = await requestAndOpen(s);
    const decision = await decide(s, opened, { decision: 'reject' });

    const opening = openCallback(s.id, opened.sig, 'approval', s.ports);

    await expect(opening).rejects.toBeInstanceOf(AlreadyDecidedError);
    await expect(opening).rejects.toMatchObject({
      status: 409,
      decidedBy: COORDINATOR,
      decidedAt: decision.decidedAt,
    });
  });

  it('keeps answering 409 (not 410) for a decided link after its expiry', async () => {
    const s = await setup();
    const opened = await requestAndOpen(s);
    await decide(s, opened, { decision: 'reject' });
    s.callbacks.patch(s.id, { expiresAt: nowSeconds() - 1 });

    await expect(openCallback(s.id, opened.sig, 'approval', s.ports)).rejects.toBeInstanceOf(
      AlreadyDecidedError,
    );
  });
});

describe('decideCallback', () => {
  it('records the decision, its timeline event and its effects, and answers the task with codes only', async () => {
    const s = await setup();
    const opened = await requestAndOpen(s);

    const decision = await decide(s, opened, {
      decision: 'approve',
      basis: 'self-pay',
      comment: 'Patient agreed to pay, see ticket 42',
    });

    expect(decision).toMatchObject({
      decision: 'approve',
      basis: 'self-pay',
      comment: 'Patient agreed to pay, see ticket 42',
      decidedBy: COORDINATOR,
    });
    expect(new Date(decision.decidedAt).toISOString()).toBe(decision.decidedAt);
    expect(await s.callbacks.get(s.id)).toMatchObject({ status: 'decided', decision });
    expect((await s.cases.get(s.caseId))!.billing).toMatchObject({ party: 'self-pay' });
    const [event, ...others] = await eventsOfType(s, 'approval-decided');
    expect(others).toEqual([]);
    expect(event).toMatchObject({ actor: COORDINATOR });
    expect(event!.detail).toContain('approve');
    expect(event!.detail).toContain('self-pay');
    expect(event!.detail).toContain('Patient agreed to pay, see ticket 42');
    expect(s.tasks.succeeded).toEqual([
      { taskToken: TOKEN_1, output: { decision: 'approve', basis: 'self-pay' } },
    ]);
  });

  it('lets the first decision win; the second gets AlreadyDecidedError and changes nothing', async () => {
    const s = await setup();
    const opened = await requestAndOpen(s);
    const first = await decide(s, opened, { decision: 'reject' });

    const second = decide(s, opened, { decision: 'approve', basis: 'self-pay' });

    await expect(second).rejects.toBeInstanceOf(AlreadyDecidedError);
    await expect(second).rejects.toMatchObject({ decidedBy: COORDINATOR, decidedAt: first.decidedAt });
    expect((await s.callbacks.get(s.id))!.decision).toEqual(first);
    expect((await s.cases.get(s.caseId))!.billing).toBeUndefined();
    expect(await eventsOfType(s, 'approval-decided')).toHaveLength(1);
    expect(s.tasks.succeeded).toEqual([{ taskToken: TOKEN_1, output: { decision: 'reject' } }]);
  });

  it('lets exactly one of many simultaneous decisions win', async () => {
    const s = await setup();
    const opened = await requestAndOpen(s);
    const answers: Answer[] = Array.from({ length: 10 }, (_, i) =>
      i % 2 ? { decision: 'reject' } : { decision: 'approve', basis: 'self-pay' },
    );

    const results = await Promise.allSettled(answers.map((answer) => decide(s, opened, answer)));

    const won = results.filter(
      (r): r is PromiseFulfilledResult<CallbackDecision> => r.status === 'fulfilled',
    );
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    for (const loss of lost) expect(loss.reason).toBeInstanceOf(AlreadyDecidedError);
    expect(s.tasks.succeeded).toEqual([
      { taskToken: TOKEN_1, output: expect.objectContaining({ decision: won[0]!.value.decision }) },
    ]);
    expect(await eventsOfType(s, 'approval-decided')).toHaveLength(1);
  });

  it('answers the latest stored token, even when the page was opened before a replay', async () => {
    const s = await setup();
    const opened = await requestAndOpen(s, TOKEN_1);
    await request(s, TOKEN_2);
    await request(s, TOKEN_3);
    expect(opened.callback.taskToken).toBe(TOKEN_1);

    await decide(s, opened, { decision: 'approve', basis: 'self-pay' });

    expect(s.tasks.attempts).toEqual([TOKEN_3]);
    expect(s.tasks.succeeded).toEqual([
      { taskToken: TOKEN_3, output: { decision: 'approve', basis: 'self-pay' } },
    ]);
  });

  it('still records the decision when the waiting task is gone, and the replayed step then answers it', async () => {
    const s = await setup();
    const opened = await requestAndOpen(s, TOKEN_1);
    s.tasks.markGone(TOKEN_1);

    const decision = await decide(s, opened, { decision: 'approve', basis: 'self-pay' });

    expect(s.tasks.attempts).toEqual([TOKEN_1]);
    expect(s.tasks.succeeded).toEqual([]);
    expect(await s.callbacks.get(s.id)).toMatchObject({ status: 'decided', decision });
    expect(await eventsOfType(s, 'approval-decided')).toHaveLength(1);

    await request(s, TOKEN_2);

    expect(s.tasks.succeeded).toEqual([
      { taskToken: TOKEN_2, output: { decision: 'approve', basis: 'self-pay' } },
    ]);
    expect(s.outbox.sent).toHaveLength(1);
  });

  it('a decider stopping right after the decision loses nothing: the replayed step applies it and answers', async () => {
    // Arrange: the decision is stored, then the case write fails (the decider stops there)
    const s = await setup();
    const opened = await requestAndOpen(s, TOKEN_1);
    jest.spyOn(s.cases, 'recordStep').mockRejectedValueOnce(new Error('stopped'));
    await expect(decide(s, opened, { decision: 'approve', basis: 'self-pay' })).rejects.toThrow('stopped');
    expect(s.tasks.attempts).toEqual([]);

    // Act: the state's timeout finds it decided, and the workflow runs the step again
    await timedOut(s);
    await request(s, TOKEN_2);

    // Assert: the decision's effects and event reach the case once, and the task gets the decision
    expect((await s.cases.get(s.caseId))!.billing).toMatchObject({ party: 'self-pay', basis: 'self-pay' });
    const [event, ...others] = await eventsOfType(s, 'approval-decided');
    expect(others).toEqual([]);
    expect(event).toMatchObject({ actor: COORDINATOR, detail: 'coverage: approve as self-pay' });
    expect(s.tasks.succeeded).toEqual([
      { taskToken: TOKEN_2, output: { decision: 'approve', basis: 'self-pay' } },
    ]);
    await request(s, TOKEN_3);
    expect(await eventsOfType(s, 'approval-decided')).toHaveLength(1);
  });

  it('a decider stopping right after the decision: the person posting again gets 409, and the decision goes on to the case and the task', async () => {
    // Arrange: the decision is stored, then the case write fails (the decider stops there)
    const s = await setup();
    const { sig, ...opened } = await requestAndOpen(s, TOKEN_1);
    jest.spyOn(s.cases, 'recordStep').mockRejectedValueOnce(new Error('stopped'));
    await expect(decide(s, opened, { decision: 'approve', basis: 'self-pay' })).rejects.toThrow('stopped');

    // Act: the coordinator posts again; a page (GET) shows the decision and changes nothing
    await expect(openCallback(s.id, sig, 'approval', s.ports)).rejects.toBeInstanceOf(AlreadyDecidedError);
    const afterPage = { events: await eventsOfType(s, 'approval-decided'), attempts: [...s.tasks.attempts] };
    const again = openCallbackToDecide(s.id, sig, 'approval', s.ports);

    // Assert
    await expect(again).rejects.toBeInstanceOf(AlreadyDecidedError);
    expect(afterPage).toEqual({ events: [], attempts: [] });
    expect((await s.cases.get(s.caseId))!.billing).toMatchObject({ party: 'self-pay', basis: 'self-pay' });
    expect(await eventsOfType(s, 'approval-decided')).toHaveLength(1);
    expect(s.tasks.succeeded).toEqual([
      { taskToken: TOKEN_1, output: { decision: 'approve', basis: 'self-pay' } },
    ]);
    await expect(openCallbackToDecide(s.id, sig, 'approval', s.ports)).rejects.toBeInstanceOf(
      AlreadyDecidedError,
    );
    expect(await eventsOfType(s, 'approval-decided')).toHaveLength(1);
  });

  it('a replayed request (a restart late in the wait) gives the pending callback the new wait’s expiry, so the reminder’s link works', async () => {
    // Arrange: the first wait is nearly over when the workflow is replayed
    const s = await setup();
    const realNow = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(realNow - (TIMEOUT * 3 - 5) * 1000);
    await request(s, TOKEN_1);
    clock.mockRestore();
    expect((await s.callbacks.get(s.id))!.expiresAt).toBeLessThanOrEqual(nowSeconds() + 5);

    // Act
    await request(s, TOKEN_2);
    await timedOut(s);

    // Assert
    const replayed = (await s.callbacks.get(s.id))!;
    expect(replayed.taskToken).toBe(TOKEN_2);
    expect(replayed.expiresAt).toBeGreaterThanOrEqual(nowSeconds() + TIMEOUT * 3 - 5);
    const reminderLink = linkIn(s.outbox.sent.at(-1)!.email.text);
    expect(checkLink([{ key: KEY }], s.id, 'approvals', reminderLink.sig, nowSeconds() + 60)).toBe('valid');
    await expect(openCallback(s.id, reminderLink.sig, 'approval', s.ports)).resolves.toMatchObject({
      callback: { status: 'pending' },
    });
  });

  it('refuses a decision after the expiry with GoneError, recording nothing', async () => {
    const s = await setup();
    const opened = await requestAndOpen(s);
    s.callbacks.patch(s.id, { expiresAt: nowSeconds() - 1 });

    await expect(decide(s, opened, { decision: 'reject' })).rejects.toBeInstanceOf(GoneError);

    expect((await s.callbacks.get(s.id))!.status).toBe('pending');
    expect(await eventsOfType(s, 'approval-decided')).toEqual([]);
    expect(s.tasks.attempts).toEqual([]);
  });

  it('refuses a decision on an expired callback with GoneError', async () => {
    const s = await setup();
    const opened = await requestAndOpen(s);
    await s.callbacks.expire(s.id);

    await expect(decide(s, opened, { decision: 'approve', basis: 'self-pay' })).rejects.toBeInstanceOf(
      GoneError,
    );

    expect(await eventsOfType(s, 'approval-decided')).toEqual([]);
    expect(s.tasks.attempts).toEqual([]);
  });
});

describe('when the signing key rotates', () => {
  const LATER = () => nowSeconds() + 600;

  it('a link emailed before opens after it, and a replayed step finds its own callback and sends nothing', async () => {
    const s = await setup();
    await request(s, TOKEN_1);
    const before = firstLink(s);

    s.secrets.rotate();
    await s.secrets.reload();
    await request(s, TOKEN_2);

    expect(s.outbox.sent).toHaveLength(1);
    await expect(openCallback(s.id, before.sig, 'approval', s.ports)).resolves.toMatchObject({
      callback: { callbackId: s.id, taskToken: TOKEN_2 },
    });
  });

  it('signs the links it sends after with the new key, under its key id; the old link still opens', async () => {
    const s = await setup();
    await request(s, TOKEN_1);
    s.secrets.rotate();
    await s.secrets.reload();

    await timedOut(s);

    const [first, reminder] = s.outbox.emails().map((email) => linkIn(email.text));
    const kid = (await s.secrets.keys()).current.kid!;
    expect(first!.sig).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
    expect(reminder!.sig).toMatch(new RegExp(`^${kid}\\.\\d+\\.[A-Za-z0-9_-]{43}$`));
    for (const { sig } of [first!, reminder!])
      await expect(openCallback(s.id, sig, 'approval', s.ports)).resolves.toBeDefined();
  });

  it('reads the keys again, once, for a link signed with a key rotated in since it read them', async () => {
    const s = await setup();
    await request(s, TOKEN_1);
    s.secrets.rotate();
    // Signed by a function that read the keys after the rotation; this one has not.
    const sig = signLink(s.secrets.latest().current, s.id, 'approvals', LATER());

    await expect(openCallback(s.id, sig, 'approval', s.ports)).resolves.toBeDefined();
    await expect(openCallback(s.id, sig, 'approval', s.ports)).resolves.toBeDefined();

    expect(s.secrets.reloads).toBe(1);
  });

  it('answers 403 for a key id no version has, after reading the keys once more', async () => {
    const s = await setup();
    await request(s, TOKEN_1);
    const forged = signLink({ kid: 'nope', key: KEY }, s.id, 'approvals', LATER());

    await expect(openCallback(s.id, forged, 'approval', s.ports)).rejects.toBeInstanceOf(ForbiddenError);
    expect(s.secrets.reloads).toBe(1);
  });

  it('refuses a link emailed before two rotations: its key is no longer the current or the previous', async () => {
    const s = await setup();
    await request(s, TOKEN_1);
    const { sig } = firstLink(s);

    s.secrets.rotate();
    s.secrets.rotate();
    await s.secrets.reload();

    await expect(openCallback(s.id, sig, 'approval', s.ports)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
