import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { consoleAccess, type ConsoleEvent } from '../../../functions/console/access.js';
import type { Caller } from '../../../functions/console/caller.js';
import { answerDecision } from '../../../functions/console/decisions.js';
import { consoleHandler } from '../../../functions/console/handler.js';
import { APPROVAL_LINK } from '../../../functions/links/approval.js';
import { linkHandler } from '../../../functions/links/link-handler.js';
import {
  APPROVAL_TOKEN,
  approvalCase,
  COORDINATOR_EMAIL as COORDINATOR,
  dynamoStores,
  memoryStores,
  type CaseStores,
} from '../../support/approval-case.js';
import { COORDINATOR_CALLER, PROGRAM_CALLER, requestAs } from '../../support/console-gateway.js';
import { dynaliteTable, type DynaliteTable } from '../../support/dynalite.js';

process.env.AWS_LAMBDA_LOG_LEVEL = 'WARN';

const PUBLIC_URL = 'https://concord.example/v1';
const ORIGIN = 'https://concord.example';
const TABLE = 'concord-console-decide';

/** The same tests against the in-memory fakes and against the real stores on dynalite (its conditional writes). */
let table: DynaliteTable;
beforeAll(async () => {
  table = await dynaliteTable(TABLE);
});
afterAll(async () => table.close());

const BACKENDS: Array<[string, () => CaseStores]> = [
  ['in memory', memoryStores],
  ['on dynalite', () => dynamoStores(table, TABLE)],
];

/** The approval's two doors: the console's form (or a program's JSON) and the emailed link. */
async function setUp(stores: CaseStores) {
  const { caseId, id, sig, ports, tasks } = await approvalCase(stores, PUBLIC_URL);
  const consoleRoute = consoleHandler(
    (event: ConsoleEvent) => answerDecision(event, { ...ports, site: { publicUrl: PUBLIC_URL } }),
    {
      publicUrl: () => PUBLIC_URL,
      door: consoleAccess({ role: 'coordinator', publicUrl: () => PUBLIC_URL }),
    },
  );
  const emailRoute = linkHandler(APPROVAL_LINK, () => ports);
  /** The console's form, posted by a signed-in coordinator (or JSON from a program). */
  const fromConsole = async (fields: Record<string, string>, caller: Caller = COORDINATOR_CALLER) => {
    const asJson = caller.principal.kind === 'program';
    const event = requestAs(caller, {
      httpMethod: 'POST',
      path: `/console/cases/${caseId}/decisions`,
      resource: '/console/cases/{caseId}/decisions',
      pathParameters: { caseId },
      headers: asJson
        ? { 'Content-Type': 'application/json', Accept: 'application/json' }
        : { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
      body: asJson
        ? JSON.stringify(fields)
        : new URLSearchParams({ csrf: caller.csrfToken ?? '', ...fields }).toString(),
    });
    return (await consoleRoute(event, {} as Context)) as APIGatewayProxyResult;
  };
  /** The emailed link's page, posted (form), or opened (GET). */
  const fromEmail = async (fields?: Record<string, string>) => {
    const event = {
      httpMethod: fields ? 'POST' : 'GET',
      path: `/approvals/${id}`,
      resource: '/approvals/{id}',
      pathParameters: { id },
      queryStringParameters: { sig },
      multiValueQueryStringParameters: { sig: [sig] },
      headers: fields ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {},
      body: fields ? new URLSearchParams(fields).toString() : null,
      isBase64Encoded: false,
      requestContext: {},
    } as unknown as APIGatewayProxyEvent;
    return (await emailRoute(event, {} as Context)) as APIGatewayProxyResult;
  };
  const decidedEvents = async () =>
    (await stores.cases.timeline(caseId)).filter((event) => event.type === 'approval-decided');
  return { caseId, id, ports, tasks, stores, fromConsole, fromEmail, decidedEvents };
}

describe.each(BACKENDS)('POST /console/cases/{caseId}/decisions (%s)', (_name, makeStores) => {
  it('decides through the same use-case as the email, in the coordinator’s name, then sends the person back to the case', async () => {
    const s = await setUp(makeStores());

    const answer = await s.fromConsole({ callbackId: s.id, decision: 'approve', basis: 'self-pay' });

    expect(answer.statusCode).toBe(303);
    expect(answer.headers?.Location).toBe(`${PUBLIC_URL}/console/cases/${s.caseId}?decided=${s.id}`);
    const actor = 'casey@concord.example (subject sub-casey)';
    expect(await s.stores.callbacks.get(s.id)).toMatchObject({
      status: 'decided',
      decision: { decision: 'approve', basis: 'self-pay', decidedBy: actor, via: 'console' },
    });
    expect(await s.decidedEvents()).toEqual([
      expect.objectContaining({ type: 'approval-decided', actor, via: 'console' }),
    ]);
    expect((await s.stores.cases.get(s.caseId))?.billing).toEqual({ party: 'self-pay', basis: 'self-pay' });
    expect(s.tasks.succeeded).toEqual([
      { taskToken: APPROVAL_TOKEN, output: expect.objectContaining({ decision: 'approve' }) },
    ]);
  });

  it('the emailed link then answers 409 "already decided in the console by …", and decides nothing', async () => {
    const s = await setUp(makeStores());
    await s.fromConsole({ callbackId: s.id, decision: 'reject' });

    const opened = await s.fromEmail();
    const posted = await s.fromEmail({ decision: 'approve', basis: 'self-pay' });

    for (const answer of [opened, posted]) {
      expect(answer.statusCode).toBe(409);
      expect(answer.body).toContain(
        'Already decided in the console by casey@concord.example (subject sub-casey)',
      );
    }
    expect((await s.stores.callbacks.get(s.id))?.decision?.decision).toBe('reject');
    expect(await s.decidedEvents()).toHaveLength(1);
  });

  it('a program decides with JSON, named by its client id', async () => {
    const s = await setUp(makeStores());

    const answer = await s.fromConsole(
      { callbackId: s.id, decision: 'approve', basis: 'self-pay' },
      PROGRAM_CALLER,
    );

    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({
      status: 'recorded',
      callbackId: s.id,
      decision: 'approve',
      decidedBy: 'program ehr-worklist',
      via: 'console',
    });
  });

  it('after an email decision, the console answers 409 naming who decided, and changes nothing', async () => {
    const s = await setUp(makeStores());
    expect((await s.fromEmail({ decision: 'approve', basis: 'self-pay' })).statusCode).toBe(200);

    const answer = await s.fromConsole({ callbackId: s.id, decision: 'reject' }, PROGRAM_CALLER);

    expect(answer.statusCode).toBe(409);
    expect(JSON.parse(answer.body).detail).toMatch(new RegExp(`^Already decided by ${COORDINATOR} at `));
    expect((await s.stores.callbacks.get(s.id))?.decision?.decision).toBe('approve');
    expect(await s.decidedEvents()).toHaveLength(1);
  });

  it('races a console decision against an email decision: exactly one wins, the other gets 409', async () => {
    const s = await setUp(makeStores());

    const [consoleAnswer, emailAnswer] = await Promise.all([
      s.fromConsole({ callbackId: s.id, decision: 'reject' }),
      s.fromEmail({ decision: 'approve', basis: 'self-pay' }),
    ]);

    const consoleWon = consoleAnswer.statusCode === 303;
    const emailWon = emailAnswer.statusCode === 200;
    expect([consoleWon, emailWon].filter(Boolean)).toHaveLength(1);
    expect((consoleWon ? emailAnswer : consoleAnswer).statusCode).toBe(409);
    const stored = await s.stores.callbacks.get(s.id);
    expect(stored?.decision?.decision).toBe(consoleWon ? 'reject' : 'approve');
    expect(await s.decidedEvents()).toEqual([
      expect.objectContaining({
        actor: consoleWon ? 'casey@concord.example (subject sub-casey)' : COORDINATOR,
      }),
    ]);
    expect(s.tasks.succeeded).toHaveLength(1);
  });

  it('refuses, changing nothing: a step of another case (404), a bad answer (400), no step named (400)', async () => {
    const s = await setUp(makeStores());
    const other = await setUp(makeStores());

    const elsewhere = await s.fromConsole({ callbackId: other.id, decision: 'approve', basis: 'self-pay' });
    const bad = await s.fromConsole({ callbackId: s.id, decision: 'maybe' }, PROGRAM_CALLER);
    const unnamed = await s.fromConsole({ decision: 'approve' }, PROGRAM_CALLER);

    expect(elsewhere.statusCode).toBe(404);
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).errors).toEqual([expect.objectContaining({ path: 'decision' })]);
    expect(unnamed.statusCode).toBe(400);
    expect(JSON.parse(unnamed.body).errors).toEqual([expect.objectContaining({ path: 'callbackId' })]);
    expect((await s.stores.callbacks.get(s.id))?.status).toBe('pending');
    expect((await other.stores.callbacks.get(other.id))?.status).toBe('pending');
    expect(s.tasks.succeeded).toEqual([]);
  });
});
