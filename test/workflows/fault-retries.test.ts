import { emailsAbout, eventTypes, insured } from '../support/stack/insurance.js';
import { submitIntake, viewCase, waitForStatus } from '../support/stack/inbox.js';
import { pollUntil } from '../support/poll.js';
import { uploadRecord, waitForRecords } from '../support/stack/records.js';
import { useTestStack } from '../support/stack/use-test-stack.js';

/** A step's retry waits up to 3 s (full jitter), an upload's 1 s, before the call is made again. */
const TEST_MS = 30_000;

describe('a function that fails is called again', () => {
  /**
   * Every call of these handlers, by case. The first check-coverage call fails after the handler did all
   * it does (as a function timing out after its writes); the first record-uploaded call fails before it
   * starts (as a function failing to start), so only a second call can count the record.
   */
  const calls = { 'check-coverage': [] as string[], 'record-uploaded': [] as string[] };
  const timedOut = () =>
    Object.assign(new Error('Task timed out after 10.00 seconds'), { name: 'Sandbox.Timedout' });

  const stack = useTestStack({
    observer: {
      async aroundInvocation(handler, event, call) {
        if (handler !== 'check-coverage' && handler !== 'record-uploaded') return call();
        calls[handler].push(caseOf(event));
        const first = calls[handler].length === 1;
        if (first && handler === 'record-uploaded') throw timedOut();
        const answer = await call();
        if (first) throw timedOut();
        return answer;
      },
    },
  });

  it(
    'a workflow step is retried: the case goes on, with the step’s event and email once',
    async () => {
      // Arrange
      const intake = insured('acme-health');

      // Act
      const created = await submitIntake(stack, intake);
      const view = await waitForStatus(stack, created, 'gathering-records', 400);

      // Assert
      expect(calls['check-coverage']).toEqual([created.caseId, created.caseId]);
      expect(eventTypes(view).filter((type) => type === 'coverage-decided')).toHaveLength(1);
      expect(eventTypes(view)).not.toContain('needs-attention');
      const covered = (await emailsAbout(stack, created.caseId)).filter((email) =>
        /^Insurance coverage for your second-opinion request/.test(email.subject),
      );
      expect(covered).toHaveLength(1);
    },
    TEST_MS,
  );

  it(
    'an upload notification is delivered again: the record is counted, with its event',
    async () => {
      // Arrange
      const created = await submitIntake(stack, insured('acme-health'));

      // Act
      await uploadRecord(stack.urls.api, created.caseId, created.accessToken, 'pathology-report');
      await waitForRecords(stack.urls.api, created.caseId, created.accessToken, (view) =>
        view.records.some((record) => record.status === 'received'),
      );
      const view = await pollUntil(
        () => viewCase(stack, created),
        (seen) => eventTypes(seen).includes('record-received'),
        { what: 'the record-received event', intervalMs: 50, attempts: 200 },
      );

      // Assert
      expect(calls['record-uploaded']).toEqual([created.caseId, created.caseId]);
      expect(eventTypes(view).filter((type) => type === 'record-received')).toHaveLength(1);
    },
    TEST_MS,
  );
});

/** The case a handler's event is about: a step's `caseId`, or the case in an S3 record's key. */
function caseOf(event: unknown): string {
  const step = event as { caseId?: string; Records?: Array<{ s3: { object: { key: string } } }> };
  return step.caseId ?? /^cases\/([^/]+)\//.exec(step.Records![0]!.s3.object.key)![1]!;
}
