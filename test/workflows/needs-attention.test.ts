import { holdId } from '../../functions/domain/assignment.js';
import { insured } from '../support/stack/insurance.js';
import { submitIntake, waitForStatus, type StackHandle } from '../support/stack/inbox.js';
import { uploadRequiredRecords } from '../support/stack/records.js';
import { holdsOf, matchProposal, storedAttempts } from '../support/stack/review.js';
import { useTestStack } from '../support/stack/use-test-stack.js';

const TEST_MS = 60_000;

/** A case's match attempts, and the holds on the LOAD item of each one's specialist, as stored. */
async function attemptsAndHolds(stack: StackHandle, caseId: string) {
  const attempts = await storedAttempts(stack, caseId);
  const holds = await Promise.all(attempts.map(({ specialistId }) => holdsOf(stack, specialistId)));
  return { attempts, holds };
}

/** The coordinator never answers the match proposal and no reminder is left: the workflow stops. */
describe('a case that stops in needs-attention on the embedded stack', () => {
  /** Cases whose needs-attention step fails every time (as with SES and DynamoDB unreachable). */
  const alertFails = new Set<string>();
  const logged: string[] = [];

  const stack = useTestStack({
    settings: { CONCORD_APPROVAL_TIMEOUT_SECONDS: '3', CONCORD_APPROVAL_REMINDERS: '0' },
    retryIntervalOverrides: { MarkNeedsAttention: 0 },
    log: (line) => logged.push(line),
    observer: {
      aroundInvocation: (handler, event, call) =>
        handler === 'mark-needs-attention' && alertFails.has((event as { caseId: string }).caseId)
          ? Promise.reject(new Error('SES unreachable'))
          : call(),
    },
  });

  it(
    'gives back the capacity its proposed specialist was holding, and releases the attempt',
    async () => {
      // Arrange: records in, a specialist proposed and holding a place for the case
      const theCase = await submitIntake(stack, insured('acme-health'));
      await uploadRequiredRecords(stack.urls.api, theCase.caseId, theCase.accessToken);
      await matchProposal(stack, theCase.caseId);
      const proposed = await attemptsAndHolds(stack, theCase.caseId);

      // Act: nobody answers the proposal
      await waitForStatus(stack, theCase, 'needs-attention', 200, 100);

      // Assert
      const [attempt] = proposed.attempts;
      const hold = holdId(theCase.caseId, attempt!.specialistId);
      expect(proposed.attempts.map((a) => a.status)).toEqual(['proposed']);
      expect(proposed.holds[0]).toContain(hold);
      const after = await attemptsAndHolds(stack, theCase.caseId);
      expect(after.attempts.map((a) => a.status)).toEqual(['released']);
      expect(after.holds[0]).not.toContain(hold);
      const execution = await stack.stepFunctions.settled(stack.stepFunctions.executionArn(theCase.caseId));
      expect(execution).toMatchObject({ status: 'FAILED', error: 'CaseNeedsAttention' });
      expect(logged.filter((line) => line.includes(theCase.caseId))).toEqual([
        `Case ${theCase.caseId} needs attention: the coordinator was alerted`,
      ]);
    },
    TEST_MS,
  );

  it(
    'says so on the console when the needs-attention step fails too, and does not claim the coordinator knows',
    async () => {
      // Arrange: records in, a specialist proposed; the alert will fail
      const theCase = await submitIntake(stack, insured('acme-health'));
      alertFails.add(theCase.caseId);
      await uploadRequiredRecords(stack.urls.api, theCase.caseId, theCase.accessToken);
      await matchProposal(stack, theCase.caseId);

      // Act: nobody answers the proposal, and the alert cannot be sent
      const execution = await stack.stepFunctions.settled(stack.stepFunctions.executionArn(theCase.caseId));

      // Assert
      expect(execution).toMatchObject({ status: 'FAILED', error: 'CaseNeedsAttentionUnalerted' });
      expect(execution.cause).toMatch(/not alerted/);
      expect(logged.filter((line) => line.includes(theCase.caseId))).toEqual([
        `Case ${theCase.caseId} stopped (CaseNeedsAttentionUnalerted) and NO ONE WAS ALERTED: a coordinator must look at it`,
      ]);
    },
    TEST_MS,
  );
});
