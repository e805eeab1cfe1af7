import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startStack, type RunningStack, type StackOptions } from '../../../infra/local/stack.js';
import { TableAccessRecorder } from './table-access.js';

export { exampleIntake, intakeWith, REMOVE } from '../intake.js';
export { pollUntil } from '../poll.js';

const ALL_FREE_PORTS = { api: 0, ses: 0, dynamodb: 0, s3: 0, sfn: 0, secrets: 0, oidc: 0 } as const;
const TABLE_NAME = 'concord';

export interface TestStack extends RunningStack {
  dataDir: string;
  /** fetch against the API: `api('/cases', { method: 'POST', … })`. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** How many cases the table holds (scans the emulator, for "still one case" assertions). */
  countCases(): Promise<number>;
  /** Stops the stack and removes the data directory it made. */
  stop(): Promise<void>;
}

/** The port each server of a running stack listens on, so a restart keeps them (the handlers' clients do). */
export function portsOf(stack: RunningStack): StackOptions['ports'] {
  const port = (url: string) => Number(new URL(url).port);
  const { api, sesInbox, dynamodb, s3, sfn, secrets, oidc } = stack.urls;
  return {
    api: port(api),
    ses: port(sesInbox),
    dynamodb: port(dynamodb),
    s3: port(s3),
    sfn: port(sfn),
    secrets: port(secrets),
    oidc: port(oidc),
  };
}

/** The whole stack in-process on free ports, over a fresh data directory. */
export async function startTestStack(
  options: Partial<Omit<StackOptions, 'dataDir' | 'ports'>> = {},
): Promise<TestStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'concord-test-'));
  const tableAccess = new TableAccessRecorder();
  const { observer } = options;
  let running: RunningStack;
  try {
    // Tests submit many intakes from one address: the per-address cap is raised unless a test sets it.
    const settings = { CONCORD_INTAKES_PER_ADDRESS: '1000', ...options.settings };
    running = await startStack({
      ...options,
      settings,
      dataDir,
      ports: { ...ALL_FREE_PORTS },
      observer: {
        onExecutionEvent: observer?.onExecutionEvent?.bind(observer),
        aroundInvocation: (handler, event, call) =>
          tableAccess.within(handler, () =>
            observer?.aroundInvocation ? observer.aroundInvocation(handler, event, call) : call(),
          ),
      },
    });
  } catch (error) {
    tableAccess.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: running.urls.dynamodb }));
  return {
    ...running,
    dataDir,
    api: (path, init) => fetch(new URL(path, running.urls.api), init),
    async countCases() {
      let count = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new ScanCommand({
            TableName: TABLE_NAME,
            FilterExpression: 'SK = :case',
            ExpressionAttributeValues: { ':case': 'CASE' },
            ExclusiveStartKey: startKey,
            ConsistentRead: true,
          }),
        );
        count += page.Count ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return count;
    },
    async stop() {
      db.destroy();
      await running.stop();
      tableAccess.stop();
      await rm(dataDir, { recursive: true, force: true });
      // Every item a handler touched is one its function may touch on AWS (dynamodb:LeadingKeys).
      const outside = tableAccess.violations();
      if (outside.length > 0)
        throw new Error(`Table requests outside the access infra/routes.ts declares:\n${outside.join('\n')}`);
    },
  };
}
