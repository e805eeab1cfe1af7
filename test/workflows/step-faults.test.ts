import { emailsAbout, eventTypes, insured } from '../insurance-support/stack-helpers.js';
import { submitIntake, waitForStatus } from '../support/inbox.js';
import { startTestStack, type TestStack } from '../support/stack.js';

const STACK_MS = 60_000;
/** The retry waits up to 3 s (full jitter) before the step runs again. */
const TEST_MS = 30_000;

describe('a workflow step whose function fails after doing its work', () => {
  let stack: TestStack;
  /** Every check-coverage call, by case; the first one fails after the handler has done all it does. */
  const calls: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack({
      observer: {
        async aroundInvocation(handler, event, call) {
          const answer = await call();
          if (handler !== 'check-coverage') return answer;
          calls.push((event as { caseId: string }).caseId);
          if (calls.length === 1) {
            // As Lambda reports a function that ran out of time after its writes went through.
            throw Object.assign(new Error('Task timed out after 10.00 seconds'), {
              name: 'Sandbox.Timedout',
            });
          }
          return answer;
        },
      },
    });
  }, STACK_MS);

  afterAll(async () => {
    await stack?.stop();
  }, STACK_MS);

  it(
    'is retried: the case goes on, with the step’s event and email once',
    async () => {
      // Arrange
      const intake = insured('acme-health');

      // Act
      const created = await submitIntake(stack, intake);
      const view = await waitForStatus(stack, created, 'gathering-records', 400);

      // Assert
      expect(calls).toEqual([created.caseId, created.caseId]);
      expect(eventTypes(view).filter((type) => type === 'coverage-decided')).toHaveLength(1);
      expect(eventTypes(view)).not.toContain('needs-attention');
      const covered = (await emailsAbout(stack, created.caseId)).filter((email) =>
        / is covered$/.test(email.subject),
      );
      expect(covered).toHaveLength(1);
    },
    TEST_MS,
  );
});
