import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { consoleAccess, type ConsoleEvent } from '../../../functions/console/access.js';
import { consoleHandler } from '../../../functions/console/handler.js';
import { answerQueue } from '../../../functions/console/queue.js';
import type { CaseRecord } from '../../../functions/domain/case.js';
import type { CaseQueue, QueuePage } from '../../../functions/domain/ports.js';
import type { QueueQuery } from '../../../functions/domain/queue.js';
import { IntakeSchema } from '../../../functions/schemas/intake.js';
import { COORDINATOR_CALLER, PROGRAM_CALLER, requestAs } from '../../support/console-gateway.js';
import { exampleIntake } from '../../support/intake.js';

process.env.AWS_LAMBDA_LOG_LEVEL = 'WARN';

const PUBLIC_URL = 'https://concord.example/v1';
const NOW = new Date('2026-12-09T12:00:00.000Z');

function record(caseId: string, fields: Partial<CaseRecord>): CaseRecord {
  return {
    caseId,
    status: 'awaiting-coordinator',
    version: 3,
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-08T09:00:00.000Z',
    accessTokenHash: 'hash',
    intake: IntakeSchema.parse(exampleIntake()),
    cancerType: 'breast',
    opinions: 1,
    steps: {},
    ...fields,
  };
}

/** A queue answering one page, and what it was asked. */
class OnePageQueue implements CaseQueue {
  readonly asked: QueueQuery[] = [];
  constructor(private readonly answer: QueuePage) {}
  async page(query: QueueQuery): Promise<QueuePage> {
    this.asked.push(query);
    return this.answer;
  }
}

const PAGE: QueuePage = {
  cases: [
    record('7d1e2f3a-0000-4000-8000-000000000001', {
      status: 'needs-attention',
      waitingOn: 'coordinator',
      waitingSince: '2026-12-09T06:00:00.000Z',
    }),
    record('9a8b7c6d-0000-4000-8000-000000000002', {
      waitingOn: 'coordinator',
      waitingSince: '2026-12-07T12:00:00.000Z',
      dueAt: '2026-12-09T07:00:00.000Z',
    }),
    record('1b2c3d4e-0000-4000-8000-000000000003', {
      status: 'awaiting-opinion',
      cancerType: 'head-and-neck',
      waitingOn: 'specialist',
      waitingSince: '2026-12-08T12:00:00.000Z',
      dueAt: '2026-12-11T14:00:00.000Z',
      intake: IntakeSchema.parse({ ...exampleIntake(), urgency: 'expedited', insurance: { selfPay: true } }),
    }),
  ],
  next: 'cursor-2',
  itemsRead: 4,
};

function setUp(page: QueuePage = PAGE) {
  const queue = new OnePageQueue(page);
  const handler = consoleHandler(
    (event: ConsoleEvent) => answerQueue(event, { queue, site: { publicUrl: PUBLIC_URL } }, NOW),
    {
      publicUrl: () => PUBLIC_URL,
      door: consoleAccess({ role: 'coordinator', publicUrl: () => PUBLIC_URL }),
    },
  );
  const call = async (event: APIGatewayProxyEvent) =>
    (await handler(event, {} as Context)) as APIGatewayProxyResult;
  return { queue, call };
}

const get = (path: string, query: Record<string, string[]> = {}, headers: Record<string, string> = {}) => ({
  path,
  resource: path,
  multiValueQueryStringParameters: Object.keys(query).length ? query : null,
  headers,
});

describe('GET /console/cases (JSON)', () => {
  it('answers the rows API.md names, overdue by the due time, and the next cursor', async () => {
    const { call, queue } = setUp();

    const answer = await call(
      requestAs(COORDINATOR_CALLER, get('/console/cases', {}, { Accept: 'application/json' })),
    );

    expect(answer.statusCode).toBe(200);
    expect(answer.headers?.['Cache-Control']).toBe('no-store');
    const body = JSON.parse(answer.body);
    expect(body).toEqual({
      items: [
        {
          caseId: '7d1e2f3a-0000-4000-8000-000000000001',
          status: 'needs-attention',
          cancerType: 'breast',
          urgency: 'routine',
          payerId: 'acme-health',
          waitingOn: 'coordinator',
          waitingSince: '2026-12-09T06:00:00.000Z',
          overdue: false,
        },
        expect.objectContaining({ dueAt: '2026-12-09T07:00:00.000Z', overdue: true }),
        expect.objectContaining({ urgency: 'expedited', waitingOn: 'specialist', overdue: false }),
      ],
      next: 'cursor-2',
    });
    expect(body.items[2]).not.toHaveProperty('payerId');
    expect(queue.asked).toEqual([{ view: 'open', limit: 25, now: NOW }]);
  });

  it('passes the filters and the cursor on, and adds who is calling on /console', async () => {
    const { call, queue } = setUp();

    const answer = await call(
      requestAs(
        PROGRAM_CALLER,
        get('/console', {
          view: ['open'],
          status: ['awaiting-opinion'],
          waitingOn: ['specialist'],
          cancerType: ['breast'],
          urgency: ['expedited'],
          payerId: ['acme-health'],
          overdue: ['true'],
          cursor: ['abc'],
          limit: ['10'],
        }),
      ),
    );

    // A program reads JSON whatever it accepts.
    expect(answer.headers?.['Content-Type']).toBe('application/json');
    expect(JSON.parse(answer.body).principal).toEqual(PROGRAM_CALLER.principal);
    expect(queue.asked[0]).toEqual({
      view: 'open',
      status: 'awaiting-opinion',
      waitingOn: 'specialist',
      cancerType: 'breast',
      urgency: 'expedited',
      payerId: 'acme-health',
      overdue: true,
      cursor: 'abc',
      limit: 10,
      now: NOW,
    });
  });

  it('refuses a bad filter with the field named, and asks the queue nothing', async () => {
    const { call, queue } = setUp();

    const answer = await call(
      requestAs(
        PROGRAM_CALLER,
        get('/console/cases', {
          status: ['lost'],
          limit: ['500'],
          sort: ['name'],
          view: ['open', 'finished'],
        }),
      ),
    );

    expect(answer.statusCode).toBe(400);
    expect(answer.headers?.['Content-Type']).toBe('application/problem+json');
    expect(JSON.parse(answer.body).errors).toEqual([{ path: 'view', message: 'Given more than once' }]);
    const again = await call(
      requestAs(PROGRAM_CALLER, get('/console/cases', { status: ['lost'], limit: ['500'], sort: ['name'] })),
    );
    expect(
      JSON.parse(again.body)
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['limit', 'sort', 'status']);
    expect(queue.asked).toEqual([]);
  });
});

describe('GET /console (the page)', () => {
  it('shows each case in plain words: needs attention marked, overdue in red with how long, due in how long', async () => {
    const { call } = setUp();

    const answer = await call(requestAs(COORDINATOR_CALLER, get('/console')));

    expect(answer.statusCode).toBe(200);
    expect(answer.headers?.['Content-Type']).toMatch(/^text\/html/);
    expect(answer.headers?.['Cache-Control']).toBe('no-store');
    const body = answer.body;
    expect(body).toContain('<span class="badge">Needs attention</span>');
    expect(body).toContain('Stopped: needs attention');
    expect(body).toContain('<span class="overdue">Overdue by 5 hours</span>');
    expect(body).toContain('Due in 2 days 2 hours');
    expect(body).toContain('Waiting for the specialist');
    expect(body).toContain('Head and neck');
    expect(body).toContain('Self-pay');
    expect(body).toContain(`href="${PUBLIC_URL}/console/cases/9a8b7c6d-0000-4000-8000-000000000002"`);
    expect(body).toContain('Signed in as Casey Quinn');
    expect(body).toContain('name="csrf" value="csrf-casey"');
    expect(body).toContain(`href="${PUBLIC_URL}/console/cases?view=open&amp;limit=25&amp;cursor=cursor-2"`);
  });

  it('keeps the chosen filters in the form and in the next page link', async () => {
    const { call } = setUp();

    const answer = await call(
      requestAs(
        COORDINATOR_CALLER,
        get('/console/cases', { waitingOn: ['specialist'], overdue: ['true'], payerId: [''] }),
      ),
    );

    expect(answer.body).toContain('<option value="specialist" selected>');
    expect(answer.body).toMatch(/name="overdue" value="true" checked/);
    expect(answer.body).toContain(
      'view=open&amp;waitingOn=specialist&amp;overdue=true&amp;limit=25&amp;cursor=cursor-2',
    );
  });

  it('says so when nothing matches, and shows the finished tab with its own columns', async () => {
    const { call } = setUp({ cases: [], itemsRead: 0 });

    const answer = await call(requestAs(COORDINATOR_CALLER, get('/console/cases', { view: ['finished'] })));

    expect(answer.body).toContain('No cases match these filters.');
    expect(answer.body).toMatch(/<a href="[^"]+view=finished" aria-current="page">Finished cases<\/a>/);
    expect(answer.body).toContain('<h1>Finished cases</h1>');
    expect(answer.body).not.toContain('rel="next"');
  });

  it('shows a bad filter as a page naming it, and changes nothing', async () => {
    const { call } = setUp();

    const answer = await call(
      requestAs(COORDINATOR_CALLER, get('/console/cases', { urgency: ['whenever'] })),
    );

    expect(answer.statusCode).toBe(400);
    expect(answer.headers?.['Content-Type']).toMatch(/^text\/html/);
    expect(answer.body).toContain('urgency: Must be one of routine, expedited');
    expect(answer.body).toContain('Back to the work queue');
  });
});
