import { uploadRequiredRecords } from '../../support/stack/records.js';
import { agreeingOpinion, playReview } from '../../support/stack/review.js';
import { exampleIntake, intakeWith, pollUntil } from '../../support/stack/stack.js';
import { useTestStack } from '../../support/stack/use-test-stack.js';

interface Created {
  caseId: string;
  status: string;
  accessToken: string;
  links: { self: string };
}

interface CaseView {
  caseId: string;
  status: string;
  cancerType: string;
  opinions: number;
  coverage?: { outcome: string; reason: string };
  timeline: Array<{ at: string; type: string; detail?: string }>;
}

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Array<{ path: string; message: string }>;
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const TERMINAL = new Set(['completed', 'closed', 'needs-attention']);
/**
 * Cases that wait for a coordinator, a payer or records run out of time within seconds, so no
 * execution is left waiting when the stack stops (a waiting task's timer would keep Jest from exiting).
 * A case whose records never come is escalated to a coordinator once the records wait runs out.
 * The approval wait is long enough for a test to play the coordinator approving a specialist: an
 * approval link is valid only until the wait runs out, which a 1-second wait may leave mere moments.
 */
const SHORT_CLOCKS = {
  CONCORD_APPROVAL_TIMEOUT_SECONDS: '5',
  CONCORD_APPROVAL_REMINDERS: '0',
  CONCORD_RECORDS_REMINDER_SECONDS: '3',
  CONCORD_RECORDS_REMINDERS: '0',
  CONCORD_PRIOR_AUTH_ROUTINE_SECONDS: '1',
  CONCORD_PRIOR_AUTH_EXPEDITED_SECONDS: '1',
};

/** Every case this file created: the stack stops only once their executions have finished. */
const createdCaseIds = new Set<string>();

const stack = useTestStack(
  { settings: SHORT_CLOCKS },
  {
    async beforeStop({ stepFunctions }) {
      await Promise.all(
        [...createdCaseIds].map((caseId) => stepFunctions.settled(stepFunctions.executionArn(caseId))),
      );
    },
  },
);

async function postCase(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const response = await stack.api('/cases', {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  if (response.status === 201) createdCaseIds.add(((await response.clone().json()) as Created).caseId);
  return response;
}

async function createCase(
  body: unknown = exampleIntake(),
  headers: Record<string, string> = {},
): Promise<Created> {
  const response = await postCase(body, headers);
  if (response.status !== 201)
    throw new Error(`POST /cases answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Created;
}

function getCase(caseId: string, token?: string): Promise<Response> {
  return stack.api(
    `/cases/${caseId}`,
    token === undefined ? {} : { headers: { Authorization: `Bearer ${token}` } },
  );
}

async function viewOf(created: Created): Promise<CaseView> {
  const response = await getCase(created.caseId, created.accessToken);
  if (response.status !== 200) throw new Error(`GET ${created.links.self} answered ${response.status}`);
  return (await response.json()) as CaseView;
}

const hasEvent = (type: string) => (view: CaseView) => view.timeline.some((event) => event.type === type);

/**
 * Every required record arrives, then the coordinator approves the proposed specialist, who accepts
 * and gives an opinion agreeing with the first (every case here has the example's first opinion and
 * questions): what a case needs to complete.
 */
async function recordsAndReview(created: Created): Promise<void> {
  await uploadRequiredRecords(stack.urls.api, created.caseId, created.accessToken);
  await playReview(stack, created.caseId, agreeingOpinion(exampleIntake()));
}

function settledView(created: Created): Promise<CaseView> {
  return pollUntil(
    () => viewOf(created),
    (view) => TERMINAL.has(view.status),
    { attempts: 100, intervalMs: 100, what: `case ${created.caseId} reaching a final status` },
  );
}

function expectSecurityHeaders(response: Response): void {
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
}

async function problemOf(response: Response): Promise<Problem> {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const problem = (await response.json()) as Problem;
  expect(problem).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      status: response.status,
      detail: expect.any(String),
      // API.md's shape on every answer: the fields at fault, none when the fault is no field's.
      errors: expect.any(Array),
    }),
  );
  return problem;
}

describe('POST /cases', () => {
  it('answers 201 application/json with the case id, status, access token and its link in Location', async () => {
    // Act
    const response = await postCase(exampleIntake());

    // Assert
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json');
    const created = (await response.json()) as Created;
    expect(created).toEqual({
      caseId: expect.any(String),
      status: 'received',
      accessToken: expect.any(String),
      links: { self: `/cases/${created.caseId}` },
    });
    expect(response.headers.get('location')).toBe(`/cases/${created.caseId}`);
    expectSecurityHeaders(response);
  });

  describe('rejects a bad intake with 400 problem+json naming each bad field', () => {
    it.each<[string, Record<string, unknown>, string[]]>([
      [
        'an impossible date of birth',
        intakeWith(['patient.dateOfBirth', '1968-02-30']),
        ['patient.dateOfBirth'],
      ],
      ['an unknown patient field', intakeWith(['patient.nickname', 'Annie']), ['patient.nickname']],
      ['an unknown top-level field', intakeWith(['notes', 'hello']), ['notes']],
      [
        'an NPI with a bad check digit',
        intakeWith(['referringPhysician.npi', '1234567890']),
        ['referringPhysician.npi'],
      ],
      ['an unknown state', intakeWith(['patient.state', 'XX']), ['patient.state']],
      [
        'all of these at once',
        intakeWith(
          ['patient.dateOfBirth', '1968-02-30'],
          ['patient.nickname', 'Annie'],
          ['referringPhysician.npi', '1234567890'],
          ['patient.state', 'XX'],
        ),
        ['patient.dateOfBirth', 'patient.nickname', 'patient.state', 'referringPhysician.npi'],
      ],
    ])('%s', async (_label, body, paths) => {
      // Act
      const response = await postCase(body);

      // Assert
      expect(response.status).toBe(400);
      expectSecurityHeaders(response);
      const problem = await problemOf(response);
      expect(problem.title).toBe('Invalid request');
      expect(problem.errors?.map((error) => error.path).sort()).toEqual([...paths].sort());
      for (const error of problem.errors ?? []) expect(error.message).not.toBe('');
    });
  });

  it('answers malformed JSON with 400', async () => {
    // Act
    const response = await postCase('{"patient": {');

    // Assert
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem.detail).toMatch(/not valid JSON/);
  });

  it('answers a body that is not application/json with 415', async () => {
    // Act
    const response = await postCase(JSON.stringify(exampleIntake()), { 'Content-Type': 'text/plain' });

    // Assert
    expect(response.status).toBe(415);
    expectSecurityHeaders(response);
    await problemOf(response);
  });

  it('answers a body over 1 MiB with 413', async () => {
    // Arrange: valid JSON, 1.1 MB of question
    const body = { ...exampleIntake(), questions: ['q'.repeat(1_100_000)] };

    // Act
    const response = await postCase(body);

    // Assert
    expect(response.status).toBe(413);
    expectSecurityHeaders(response);
    await problemOf(response);
  });

  it('rejects a malformed Idempotency-Key header with 400', async () => {
    // Act
    const response = await postCase(exampleIntake(), { 'Idempotency-Key': 'k'.repeat(256) });

    // Assert
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem.detail).toContain('Idempotency-Key');
  });

  describe('with an Idempotency-Key', () => {
    it('answers a retry with the same body with the same case id and access token, and keeps one case', async () => {
      // Arrange
      const key = `retry-${Date.now()}-same`;
      const before = await stack.countCases();
      const first = await createCase(exampleIntake(), { 'Idempotency-Key': key });

      // Act
      const retry = await postCase(exampleIntake(), { 'Idempotency-Key': key });

      // Assert
      expect(retry.status).toBe(201);
      const replayed = (await retry.json()) as Created;
      expect(replayed.caseId).toBe(first.caseId);
      expect(replayed.accessToken).toBe(first.accessToken);
      expect(await stack.countCases()).toBe(before + 1);
      await recordsAndReview(replayed);
      const view = await settledView(replayed);
      expect(view.status).toBe('completed');
      expect(view.timeline.filter((event) => event.type === 'case-received')).toHaveLength(1);
    });

    it('answers the same key with a different body with 422 and stores nothing', async () => {
      // Arrange
      const key = `retry-${Date.now()}-different`;
      await createCase(exampleIntake(), { 'Idempotency-Key': key });
      const before = await stack.countCases();

      // Act
      const response = await postCase(
        { ...exampleIntake(), urgency: 'expedited' },
        { 'Idempotency-Key': key },
      );

      // Assert
      expect(response.status).toBe(422);
      expectSecurityHeaders(response);
      await problemOf(response);
      expect(await stack.countCases()).toBe(before);
    });
  });
});

describe('GET /cases/{caseId}', () => {
  it('answers the token holder with the status and a timeline that comes to show the coverage decision', async () => {
    // Arrange
    const created = await createCase();

    // Act
    const view = await pollUntil(() => viewOf(created), hasEvent('coverage-decided'), {
      what: 'a coverage-decided event',
    });

    // Assert
    expect(view).toMatchObject({ caseId: created.caseId, cancerType: 'breast', opinions: 1 });
    expect(view.timeline[0]).toMatchObject({ type: 'case-received' });
    expect(view.timeline.find((event) => event.type === 'coverage-decided')?.detail).toMatch(/^covered: /);
    for (const event of view.timeline) expect(Number.isNaN(Date.parse(event.at))).toBe(false);
  });

  it('answers application/json with the security headers', async () => {
    // Arrange
    const created = await createCase();

    // Act
    const response = await getCase(created.caseId, created.accessToken);

    // Assert
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expectSecurityHeaders(response);
  });

  it('answers 401 without an Authorization header', async () => {
    // Arrange
    const created = await createCase();

    // Act
    const response = await getCase(created.caseId);

    // Assert
    expect(response.status).toBe(401);
    expectSecurityHeaders(response);
    await problemOf(response);
  });

  it('answers a wrong token and an unknown case with the same 404', async () => {
    // Arrange
    const created = await createCase();

    // Act
    const wrongToken = await getCase(created.caseId, `${created.accessToken}x`);
    const unknownCase = await getCase('00000000-0000-4000-8000-000000000000', created.accessToken);

    // Assert
    expect(wrongToken.status).toBe(404);
    expect(unknownCase.status).toBe(404);
    expectSecurityHeaders(wrongToken);
    const wrongTokenBody = await wrongToken.text();
    const unknownCaseBody = await unknownCase.text();
    expect(wrongTokenBody).toBe(unknownCaseBody);
    expect(wrongTokenBody).not.toContain(created.caseId);
    expect(JSON.parse(wrongTokenBody)).toMatchObject({ status: 404 });
  });
});

describe('ids in paths', () => {
  const LONG_ID = 'a'.repeat(2048);

  it.each([
    ['a 2 KB case id', LONG_ID],
    ['a malformed case id', 'not-a-case'],
  ])('answers %s with 404 problem+json before any read, on every case route', async (_name, caseId) => {
    // Arrange
    const created = await createCase();
    const auth = { Authorization: `Bearer ${created.accessToken}` };

    // Act
    const responses = await Promise.all([
      stack.api(`/cases/${caseId}`, { headers: auth }),
      stack.api(`/cases/${caseId}/records`, { headers: auth }),
      stack.api(`/cases/${caseId}/records`, {
        method: 'POST',
        headers: { ...auth, ...JSON_HEADERS },
        body: JSON.stringify({
          type: 'imaging',
          fileName: 'a.pdf',
          contentType: 'application/pdf',
          sizeBytes: 9,
        }),
      }),
    ]);

    // Assert
    for (const response of responses) {
      expect(response.status).toBe(404);
      expect(await problemOf(response)).toMatchObject({ status: 404 });
    }
  });

  it.each(['/approvals', '/prior-authorizations', '/assignments', '/uploads', '/reports'])(
    'answers a 2 KB id on %s with a 404 page, and problem+json to a program',
    async (path) => {
      // Act
      const page = await stack.api(`${path}/${LONG_ID}?sig=1.${'A'.repeat(43)}`);
      const program = await stack.api(`${path}/${LONG_ID}?sig=1.${'A'.repeat(43)}`, {
        headers: { Accept: 'application/json' },
      });

      // Assert
      expect(page.status).toBe(404);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(program.status).toBe(404);
      // The report answers pages only, whatever the client accepts.
      if (path === '/reports') expect(program.headers.get('content-type')).toMatch(/^text\/html/);
      else await problemOf(program);
    },
  );
});

describe('coverage through the workflow', () => {
  it.each<[string, string, string, Record<string, unknown>]>([
    ['acme-health', 'covered', 'covered-by-plan', { payerId: 'acme-health', memberId: 'A123456789' }],
    [
      'summit-care (prior authorization)',
      'prior-auth-required',
      'prior-authorization-required',
      { payerId: 'summit-care', memberId: 'S123' },
    ],
    [
      'unknown payer nobody-health',
      'not-covered',
      'unknown-payer',
      { payerId: 'nobody-health', memberId: 'N123' },
    ],
    ['self-pay', 'self-pay', 'self-pay', { selfPay: true }],
  ])('%s → %s (%s)', async (_label, outcome, reason, insurance) => {
    // Arrange
    const created = await createCase(intakeWith(['insurance', insurance]));

    // Act
    const execution = await stack.stepFunctions.settled(stack.stepFunctions.executionArn(created.caseId));
    const view = await viewOf(created);

    // Assert
    expect(execution.status).not.toBe('RUNNING');
    expect(view.coverage).toEqual({ outcome, reason });
    expect(view.timeline.filter((event) => event.type === 'coverage-decided')).toEqual([
      expect.objectContaining({ detail: expect.stringMatching(new RegExp(`^${outcome}: `)) }),
    ]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['acme-health', { payerId: 'acme-health', memberId: 'A123456789' }],
    ['self-pay', { selfPay: true }],
  ])(
    '%s: the case is completed, its timeline in order from intake to completion',
    async (_label, insurance) => {
      // Arrange
      const created = await createCase(intakeWith(['insurance', insurance]));

      // Act: every required record arrives and a specialist reviews the case; no other approval is asked for
      await recordsAndReview(created);
      const view = await settledView(created);

      // Assert
      expect(view.status).toBe('completed');
      const types = view.timeline.map((event) => event.type);
      expect(types[0]).toBe('case-received');
      expect(types.indexOf('coverage-decided')).toBeGreaterThan(0);
      expect(types.at(-1)).toBe('case-completed');
      const times = view.timeline.map((event) => event.at);
      expect(times).toEqual([...times].sort());
    },
  );
});

describe('GET /health', () => {
  it('answers 200 {"status":"ok"}', async () => {
    // Act
    const response = await stack.api('/health');

    // Assert
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expectSecurityHeaders(response);
  });
});

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document with both case paths and the Intake schema', async () => {
    // Act
    const response = await stack.api('/openapi.json');

    // Assert
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: { Intake: { required: string[] } } };
    };
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/cases', '/cases/{caseId}']));
    expect(document.components.schemas.Intake.required).toEqual(
      expect.arrayContaining(['patient', 'diagnosis', 'firstOpinion', 'insurance', 'reasons']),
    );
  });
});

describe('routing', () => {
  it('answers an unknown route with 404 problem+json', async () => {
    // Act
    const response = await stack.api('/no-such-route');

    // Assert
    expect(response.status).toBe(404);
    await problemOf(response);
  });
});
