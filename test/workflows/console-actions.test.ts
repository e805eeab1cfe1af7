import { holdId } from '../../functions/domain/assignment.js';
import { insured } from '../support/stack/insurance.js';
import {
  postForm,
  sesEmails,
  submitIntake,
  viewCase,
  waitForEmails,
  waitForStatus,
  type SesEmail,
} from '../support/stack/inbox.js';
import { uploadRequiredRecords } from '../support/stack/records.js';
import {
  agreeingOpinion,
  assignmentRequest,
  matchProposal,
  holdsOf,
  postOpinion,
  storedAttempts,
} from '../support/stack/review.js';
import { callbackIdOf, consoleAction, programToken } from '../support/stack/console-actions.js';
import { useTestStack } from '../support/stack/use-test-stack.js';
import { approvalTopic } from '../../functions/views/approval-topics.js';

const TEST_MS = 90_000;
const ACTOR = /^program ehr-worklist$/;

/** Every email of a case, by subject and recipient: a message sent twice shows a count of 2. */
function sentTwice(emails: SesEmail[], caseId: string, allowed: RegExp): string[] {
  const counts = new Map<string, number>();
  for (const email of emails.filter((e) => e.subject.includes(caseId))) {
    const key = `${email.subject} -> ${email.destination.to.join(',')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].filter(([key, n]) => n > 1 && !allowed.test(key)).map(([key, n]) => `${n} × ${key}`);
}

describe('resuming a case from the console, on the embedded stack (approvals wait 3 s, no reminder)', () => {
  const stack = useTestStack({
    settings: { CONCORD_APPROVAL_TIMEOUT_SECONDS: '3', CONCORD_APPROVAL_REMINDERS: '0' },
    retryIntervalOverrides: { MarkNeedsAttention: 0 },
  });

  it(
    'asks the unanswered approval again with a fresh link; extended, it holds; the case completes with one claim notice',
    async () => {
      // Arrange: the proposal goes unanswered and the case stops.
      const intake = insured('acme-health');
      const theCase = await submitIntake(stack, intake);
      const { caseId } = theCase;
      await uploadRequiredRecords(stack.urls.api, caseId, theCase.accessToken);
      const firstLink = await matchProposal(stack, caseId);
      await waitForStatus(stack, theCase, 'needs-attention', 300, 100);
      const [stopped] = await storedAttempts(stack, caseId);
      expect(await holdsOf(stack, stopped!.specialistId)).not.toContain(
        holdId(caseId, stopped!.specialistId),
      );
      const alert = (
        await waitForEmails(stack, (e) => e.subject === `Needs attention: case ${caseId}`, 'alert')
      )[0]!;
      expect(alert.body.text).toContain(`${stack.urls.api}/console/cases/${caseId}`);
      const token = await programToken(stack);

      // Act: resume; the revived approval is extended a day, then approved; the review runs as usual.
      const resumed = await consoleAction(stack, token, caseId, 'resume', {
        reason: 'Coordinator back from leave',
      });
      const freshLink = await matchProposal(stack, caseId, 2);
      const extended = await consoleAction(stack, token, caseId, 'extend', {
        callbackId: callbackIdOf(freshLink),
        days: 1,
        reason: 'Deciding tomorrow',
      });
      // Past the state's 3 s wait, with no reminder left: the extension keeps it waiting.
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      expect((await viewCase(stack, theCase)).status).toBe('awaiting-coordinator');
      const approved = await postForm(freshLink, { decision: 'approve' }, true);
      expect({ status: approved.status, body: await approved.text() }).toMatchObject({ status: 200 });
      const { link } = await assignmentRequest(stack, caseId);
      await postForm(link, { decision: 'accept' }, true);
      await postOpinion(link, agreeingOpinion(intake));
      const execution = await stack.stepFunctions.settled(stack.stepFunctions.executionArn(`${caseId}-r1`));

      // Assert
      expect(resumed).toEqual({ status: 200, body: { caseId, resumes: 1 } });
      expect(extended.status).toBe(200);
      expect(approved.status).toBe(200);
      expect((await postForm(firstLink, { decision: 'approve' }, true)).status).toBe(409);
      expect(execution.status).toBe('SUCCEEDED');
      expect((await viewCase(stack, theCase)).status).toBe('completed');
      const emails = await sesEmails(stack);
      expect(emails.filter((e) => e.subject === `Claim notice: case ${caseId}`)).toHaveLength(1);
      expect(sentTwice(emails, caseId, new RegExp(`\\(${approvalTopic('specialist-match')}\\)`))).toEqual([]);
      const proposals = emails.filter(
        (e) => e.subject.includes(caseId) && e.subject.includes(`(${approvalTopic('specialist-match')})`),
      );
      expect(proposals).toHaveLength(2);
      const timeline = (await viewCase(stack, theCase)).timeline;
      expect(timeline.find((e) => e.type === 'case-resumed')).toMatchObject({
        actor: expect.stringMatching(ACTOR),
        detail: 'Coordinator back from leave',
      });
      expect(timeline.find((e) => e.type === 'deadline-extended')?.actor).toMatch(ACTOR);
      // A second resume is stale.
      const again = await consoleAction(stack, token, caseId, 'resume', { reason: 'again' });
      expect(again.status).toBe(409);
      expect(again.body.detail).toMatch(/already resumed by program ehr-worklist/);
    },
    TEST_MS,
  );
});

describe('re-send, reassign and cancel from the console, on the embedded stack', () => {
  // A stack of its own: fresh modules, so the handlers' clients reach it rather than the one above.
  const stack = useTestStack({}, { freshModules: true });

  it(
    'a re-sent link works; reassign proposes someone else at once; cancel stops it all, frees capacity, links 410',
    async () => {
      // Arrange: records in, a specialist proposed and holding a place.
      const theCase = await submitIntake(stack, insured('acme-health'));
      const { caseId } = theCase;
      await uploadRequiredRecords(stack.urls.api, caseId, theCase.accessToken);
      const proposal = await matchProposal(stack, caseId);
      const token = await programToken(stack);

      // Act / Assert: re-send the proposal's link.
      const resent = await consoleAction(stack, token, caseId, 'resend', {
        callbackId: callbackIdOf(proposal),
      });
      expect(resent.status).toBe(200);
      const copies = await waitForEmails(
        stack,
        (e) => e.subject.includes(caseId) && e.subject.includes(`(${approvalTopic('specialist-match')})`),
        'the re-sent proposal',
        2,
      );
      expect(copies[1]!.body.text).toContain(proposal);
      expect((await fetch(proposal)).status).toBe(200);

      // Reassign: the first specialist is withdrawn and the next proposed, without waiting for a timeout.
      const first = (await storedAttempts(stack, caseId))[0]!;
      const reassigned = await consoleAction(stack, token, caseId, 'reassign', {
        reason: 'Conflict of interest',
      });
      // The third proposal email: the second was the re-sent copy.
      const second = await matchProposal(stack, caseId, 3);
      const attempts = await storedAttempts(stack, caseId);
      expect(reassigned).toMatchObject({
        status: 200,
        body: { specialistId: first.specialistId, withdrawn: 'proposal' },
      });
      expect(attempts.map((a) => [a.status, a.outcome])).toEqual([
        ['released', 'rejected'],
        ['proposed', undefined],
      ]);
      expect(attempts[1]!.specialistId).not.toBe(first.specialistId);
      expect(await holdsOf(stack, first.specialistId)).not.toContain(holdId(caseId, first.specialistId));
      expect((await postForm(proposal, { decision: 'approve' }, true)).status).toBe(409);

      // Cancel.
      const secondSpecialist = attempts[1]!.specialistId;
      expect(await holdsOf(stack, secondSpecialist)).toContain(holdId(caseId, secondSpecialist));
      const cancelled = await consoleAction(stack, token, caseId, 'cancel', { reason: 'Patient withdrew' });
      const execution = await stack.stepFunctions.settled(stack.stepFunctions.executionArn(caseId));
      expect(cancelled).toEqual({ status: 200, body: { caseId, status: 'closed' } });
      expect(execution.status).toBe('ABORTED');
      expect((await viewCase(stack, theCase)).status).toBe('closed');
      expect(await holdsOf(stack, secondSpecialist)).not.toContain(holdId(caseId, secondSpecialist));
      expect((await postForm(second, { decision: 'approve' }, true)).status).toBe(410);
      const told = await waitForEmails(
        stack,
        (e) => e.subject === `Second-opinion request ${caseId} was cancelled`,
        'cancel notices',
        2,
      );
      expect(told).toHaveLength(2);
      const timeline = (await viewCase(stack, theCase)).timeline;
      for (const type of ['link-resent', 'specialist-withdrawn', 'case-cancelled'])
        expect(timeline.find((e) => e.type === type)?.actor).toMatch(ACTOR);
      const again = await consoleAction(stack, token, caseId, 'cancel', { reason: 'again' });
      expect(again.status).toBe(409);
    },
    TEST_MS,
  );

  it('refuses a program without a token (401), a bad body (400) and an unknown case (404)', async () => {
    const token = await programToken(stack);
    const anonymous = await fetch(`${stack.urls.api}/console/cases/x/cancel`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: '{"reason":"x"}',
    });
    expect(anonymous.status).toBe(401);
    const invalid = await consoleAction(stack, token, '00000000-0000-4000-8000-000000000000', 'extend', {
      callbackId: 'short',
      until: 'soon',
      days: 2,
    });
    expect(invalid.status).toBe(400);
    expect([...new Set((invalid.body.errors as Array<{ path: string }>).map((e) => e.path))].sort()).toEqual([
      'callbackId',
      'until',
    ]);
    const unknown = await consoleAction(stack, token, '00000000-0000-4000-8000-000000000000', 'cancel', {
      reason: 'x',
    });
    expect(unknown.status).toBe(404);
  });
});
