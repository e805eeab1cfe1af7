import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type RunningStack } from '../../infra/local/stack.js';
import { RECORD_UPLOADED_FUNCTION } from '../../infra/routes.js';
import { insured } from '../support/stack/insurance.js';
import { submitIntake } from '../support/stack/inbox.js';
import { pollUntil } from '../support/poll.js';
import { listRecords, uploadRecord, waitForRecords } from '../support/stack/records.js';
import { portsOf } from '../support/stack/stack.js';

describe('an upload whose notification the last run left unhandled', () => {
  let dataDir: string;
  let stack: RunningStack | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'concord-redeliver-'));
  });

  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is handled at the next start, so the record counts', async () => {
    // Arrange: the upload handler fails every attempt (as it would with its table unreachable)
    const lines: string[] = [];
    stack = await startStack({
      dataDir,
      ports: { api: 0, ses: 0, dynamodb: 0, s3: 0, sfn: 0, secrets: 0 },
      log: (line) => lines.push(line),
      observer: {
        aroundInvocation: (handler, _event, call) =>
          handler === RECORD_UPLOADED_FUNCTION ? Promise.reject(new Error('table unreachable')) : call(),
      },
    });
    const ports = portsOf(stack);
    const theCase = await submitIntake(stack, insured('acme-health'));
    const grant = await uploadRecord(stack.urls.api, theCase.caseId, theCase.accessToken, 'imaging');
    await pollUntil(
      async () => lines,
      (logged) => logged.some((line) => line.includes('kept for the next start')),
      { what: 'the upload handler giving up', attempts: 100 },
    );
    const unhandled = await listRecords(stack.urls.api, theCase.caseId, theCase.accessToken);

    // Act
    await stack.stop();
    stack = await startStack({ dataDir, ports });
    const restarted = stack;
    const handled = await waitForRecords(
      restarted.urls.api,
      theCase.caseId,
      theCase.accessToken,
      (view) => view.records.some((record) => record.status === 'received'),
      'the record received after the restart',
    );

    // Assert
    expect(unhandled.records.map((record) => record.status)).toEqual(['requested']);
    expect(restarted.redelivered).toBe(1);
    expect(handled.records).toEqual([
      expect.objectContaining({ recordId: grant.recordId, status: 'received' }),
    ]);
  });
});
