import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { DynamoCaseReader } from '../../../functions/adapters/dynamo-case-reader.js';
import { DynamoRecordStore } from '../../../functions/adapters/dynamo-record-store.js';
import { ItemClient } from '../../../functions/adapters/item-client.js';
import { consoleAccess, type ConsoleEvent } from '../../../functions/console/access.js';
import { answerCase } from '../../../functions/console/case-view.js';
import { consoleHandler } from '../../../functions/console/handler.js';
import type { Caller } from '../../../functions/console/caller.js';
import { decideFromConsole } from '../../../functions/use-cases/console/decide.js';
import { approvalCase, dynamoStores } from '../../support/approval-case.js';
import { COORDINATOR_CALLER, PROGRAM_CALLER, requestAs } from '../../support/console-gateway.js';
import { dynaliteTable, type DynaliteTable } from '../../support/dynalite.js';

process.env.AWS_LAMBDA_LOG_LEVEL = 'WARN';

const PUBLIC_URL = 'https://concord.example/v1';
const TABLE = 'concord-console-case';

let table: DynaliteTable;
beforeAll(async () => {
  table = await dynaliteTable(TABLE);
});
afterAll(async () => table.close());

/** A case on dynalite waiting on the coverage approval, with one record received, and its console page. */
async function setUp() {
  const stores = dynamoStores(table, TABLE);
  const made = await approvalCase(stores, PUBLIC_URL);
  const items = new ItemClient(table.raw);
  await new DynamoRecordStore(items, TABLE).put({
    recordId: 'rec-1',
    caseId: made.caseId,
    type: 'pathology-report',
    key: `cases/${made.caseId}/records/rec-1`,
    status: 'received',
    displayName: 'pathology.pdf',
    kind: 'pdf',
    sizeBytes: 2048,
    createdAt: '2026-12-01T09:00:00.000Z',
    receivedAt: '2026-12-01T09:05:00.000Z',
  });
  const presigned: string[] = [];
  const route = consoleHandler(
    (event: ConsoleEvent) =>
      answerCase(event, {
        cases: new DynamoCaseReader(items, TABLE),
        directory: made.directory,
        files: {
          presignGet: async (key, { fileName }, seconds) => {
            presigned.push(key);
            return `https://files.example/${key}?name=${fileName}&expires=${seconds}`;
          },
        },
        settings: { publicUrl: PUBLIC_URL, downloadUrlSeconds: 300 },
        site: { publicUrl: PUBLIC_URL },
      }),
    {
      publicUrl: () => PUBLIC_URL,
      door: consoleAccess({ role: 'coordinator', publicUrl: () => PUBLIC_URL }),
    },
  );
  const view = async (caller: Caller, caseId = made.caseId, query: Record<string, string> | null = null) =>
    (await route(
      requestAs(caller, {
        path: `/console/cases/${caseId}`,
        resource: '/console/cases/{caseId}',
        pathParameters: { caseId },
        queryStringParameters: query,
        headers: caller.principal.kind === 'program' ? { Accept: 'application/json' } : {},
      }),
      {} as Context,
    )) as APIGatewayProxyResult;
  return { ...made, stores, view, presigned };
}

describe('GET /console/cases/{caseId}', () => {
  it('answers the whole case as JSON (API.md): intake, coverage, records with downloads, what waits, the timeline', async () => {
    const s = await setUp();

    const answer = await s.view(PROGRAM_CALLER);

    expect(answer.statusCode).toBe(200);
    expect(answer.headers?.['Cache-Control']).toBe('no-store');
    const file = JSON.parse(answer.body);
    expect(file).toMatchObject({
      caseId: s.caseId,
      status: 'awaiting-coordinator',
      waitingOn: 'coordinator',
      overdue: false,
      intake: { patient: { firstName: expect.any(String) } },
      coverage: { outcome: expect.any(String), description: expect.any(String) },
      pending: [
        {
          callbackId: s.id,
          kind: 'approval',
          purpose: 'coverage',
          recipient: 'coordinator@concord.local',
          remindersSent: 0,
          link: 'live',
        },
      ],
      records: {
        files: [
          {
            recordId: 'rec-1',
            status: 'received',
            downloadUrl: `https://files.example/cases/${s.caseId}/records/rec-1?name=pathology-report-rec-1.pdf&expires=300`,
          },
        ],
      },
      opinions: [expect.objectContaining({ number: 1 })],
    });
    expect(file.pending[0]).not.toHaveProperty('taskToken');
    expect(JSON.stringify(file)).not.toContain('AAAAKGV4');
    expect(file.timeline.map((event: { type: string }) => event.type)).toEqual(
      expect.arrayContaining(['case-received', 'coverage-decided', 'approval-requested']),
    );
  });

  it('shows a coordinator the page: the patient, the step waiting with its form (CSRF token), no-store', async () => {
    const s = await setUp();

    const answer = await s.view(COORDINATOR_CALLER);

    expect(answer.statusCode).toBe(200);
    expect(answer.headers?.['Cache-Control']).toBe('no-store');
    expect(answer.body).toContain('<h2>Waiting for a person</h2>');
    expect(answer.body).toContain(`name="callbackId" value="${s.id}"`);
    expect(answer.body).toContain('name="csrf" value="csrf-casey"');
    expect(answer.body).toContain(`action="${PUBLIC_URL}/console/cases/${s.caseId}/decisions"`);
    expect(answer.body).toContain('Download pathology report');
    // Back from a decision that did not take (the step still waits): no "recorded".
    const notTaken = await s.view(COORDINATOR_CALLER, s.caseId, { decided: s.id });
    expect(notTaken.body).not.toContain('Your decision is recorded');
  });

  it('after a console decision: nothing waits, and the timeline names who decided, in the console', async () => {
    const s = await setUp();
    await decideFromConsole(
      { caseId: s.caseId, callbackId: s.id, answer: { decision: 'approve', basis: 'self-pay' } },
      COORDINATOR_CALLER.principal,
      s.ports,
    );

    const file = JSON.parse((await s.view(PROGRAM_CALLER)).body);

    expect(file.pending).toEqual([]);
    expect(file.billing).toEqual({ party: 'self-pay', basis: 'self-pay' });
    expect(file.timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'approval-decided',
          actor: 'casey@concord.example (subject sub-casey)',
          via: 'console',
        }),
      ]),
    );
    const page = (await s.view(COORDINATOR_CALLER, s.caseId, { decided: s.id })).body;
    expect(page).toContain('Your decision is recorded; the case moves on.');
    expect(page).toContain('No one is being asked anything right now.');
    expect(page).toContain('casey@concord.example (subject sub-casey)');
  });

  it('answers 404 for a case that does not exist', async () => {
    const s = await setUp();

    const answer = await s.view(PROGRAM_CALLER, '00000000-0000-4000-8000-000000000000');

    expect(answer.statusCode).toBe(404);
    expect(s.presigned).toEqual([]);
  });
});
