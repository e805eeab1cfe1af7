import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type RunningStack } from '../../infra/local/stack.js';
import { insured, isApprovalRequest, linkIn } from '../support/stack/insurance.js';
import { expectRecorded, postForm, submitIntake, viewCase, waitForEmail } from '../support/stack/inbox.js';
import { pollUntil } from '../support/poll.js';
import { uploadRequiredRecords } from '../support/stack/records.js';
import { waitForProposal } from '../support/stack/review.js';
import { portsOf } from '../support/stack/stack.js';

// The records request lapses at once (no reminders), so the case goes through RecordsIncompleteApproval.
const SETTINGS = {
  CONCORD_APPROVAL_TIMEOUT_SECONDS: '60',
  CONCORD_RECORDS_REMINDER_SECONDS: '2',
  CONCORD_RECORDS_REMINDERS: '0',
};

describe('a restart of the local stack', () => {
  let dataDir: string;
  let stack: RunningStack | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'concord-restart-'));
  });

  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('replays a case whose records request lapsed on to where it was, not to needs-attention', async () => {
    // Arrange: records incomplete when the request lapses; the coordinator goes on with what there is.
    stack = await startStack({
      dataDir,
      ports: { api: 0, ses: 0, dynamodb: 0, s3: 0, sfn: 0, secrets: 0 },
      settings: SETTINGS,
    });
    const ports = portsOf(stack);
    const theCase = await submitIntake(stack, insured('acme-health'));
    await uploadRequiredRecords(stack.urls.api, theCase.caseId, theCase.accessToken, {
      types: ['pathology-report'],
    });
    const escalation = await waitForEmail(
      stack,
      isApprovalRequest(theCase.caseId, 'records-incomplete'),
      'the records-incomplete approval',
    );
    await expectRecorded(await postForm(linkIn(stack, escalation, 'approvals'), { decision: 'approve' }));
    const before = await waitForProposal(stack, theCase);

    // Act
    await stack.stop();
    stack = await startStack({ dataDir, ports, settings: SETTINGS });
    const replayed = stack;
    const arn = replayed.stepFunctions.executionArn(theCase.caseId);
    const entered = await pollUntil(
      async () => replayed.stepFunctions.statesEntered(arn),
      (states) => states.includes('MatchApproval') || states.includes('MarkNeedsAttention'),
      { what: 'the replay reaching the specialist approval', attempts: 200 },
    );

    // Assert
    expect(replayed.resumed).toBe(1);
    expect(entered).toEqual(
      expect.arrayContaining(['GatherRecords', 'RecordsIncompleteApproval', 'MatchApproval']),
    );
    expect(entered).not.toContain('MarkNeedsAttention');
    const after = await viewCase(replayed, theCase);
    expect(before.status).toBe('awaiting-coordinator');
    expect(after.status).toBe('awaiting-coordinator');
    expect(after.timeline.map((event) => event.type)).not.toContain('needs-attention');
  });
});
