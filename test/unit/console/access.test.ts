import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { consoleAccess, type ConsoleEvent } from '../../../functions/console/access.js';
import { consoleAuthorizer } from '../../../functions/console/authorizer.js';
import { consoleHandler } from '../../../functions/console/handler.js';
import { resolveCaller } from '../../../functions/use-cases/console/sign-in.js';
import type { ConsoleSession, Role } from '../../../functions/domain/console-access.js';
import { consoleRequest, throughAuthorizer } from '../../support/console-gateway.js';
import { ManualClock } from '../../support/fakes/memory-ports.js';
import { FakeAccessTokens, MemorySessionStore } from '../../support/fakes/memory-console.js';

process.env.AWS_LAMBDA_LOG_LEVEL = 'WARN';

const PUBLIC_URL = 'https://concord.example/prod';
const ORIGIN = 'https://concord.example';
const SETTINGS = { sessionSeconds: 900, maxSeconds: 3600, rolesClaim: 'groups' };

function setUp(role: Role | undefined = 'coordinator', options: { peopleOnly?: boolean } = {}) {
  const clock = new ManualClock();
  const sessions = new MemorySessionStore();
  const tokens = new FakeAccessTokens();
  const calls: ConsoleEvent[] = [];
  const route = consoleHandler(
    async (event: ConsoleEvent) => {
      calls.push(event);
      return { statusCode: 200, headers: {}, body: 'done' } as APIGatewayProxyResult;
    },
    {
      publicUrl: () => PUBLIC_URL,
      door: consoleAccess({ role, ...options, publicUrl: () => PUBLIC_URL }),
    },
  );
  const authorizer = consoleAuthorizer(
    (credentials) =>
      resolveCaller(credentials, {
        sessions,
        settings: SETTINGS,
        clock,
        accessTokens: tokens,
        apiScopePrefix: 'concord/',
      }),
    () => clock.now(),
  );
  const now = clock.now() / 1000;
  const session: ConsoleSession = {
    sessionId: 'session-1',
    subject: 'person-1',
    email: 'casey@concord.example',
    name: 'Casey',
    roles: ['coordinator'],
    csrfToken: 'csrf-1',
    refreshToken: 'refresh-1',
    expiresAt: now + 900,
    renewAt: now + 450,
    endsAt: now + 3600,
  };
  return { clock, sessions, tokens, calls, session, call: throughAuthorizer(authorizer, route) };
}

const withSession = { Cookie: 'other=1; concord_console=session-1' };
const form = (fields: string) => ({ body: fields, httpMethod: 'POST', path: '/console/sign-out' });

describe('consoleAccess', () => {
  it('sends a page request without a session to sign-in, keeping the path and query asked for', async () => {
    const { call, calls } = setUp();

    const answer = await call({
      path: '/console/cases',
      multiValueQueryStringParameters: { view: ['open'], status: ['needs-attention'] },
    });

    expect(answer.statusCode).toBe(302);
    expect(answer.headers?.Location).toBe(
      `${PUBLIC_URL}/console/sign-in?returnTo=${encodeURIComponent('/console/cases?view=open&status=needs-attention')}`,
    );
    expect(answer.headers?.['Cache-Control']).toBe('no-store');
    expect(calls).toHaveLength(0);
  });

  it('answers JSON without a credential 401 problem+json', async () => {
    const { call, calls } = setUp();

    const answer = await call({ headers: { Accept: 'application/json' } });

    expect(answer.statusCode).toBe(401);
    expect(answer.headers?.['Content-Type']).toBe('application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({ status: 401, title: 'Unauthorized', errors: [] });
    expect(calls).toHaveLength(0);
  });

  it('lets a person with the role in, the principal and session on the event, and marks the answer no-store', async () => {
    const { call, calls, sessions, session } = setUp();
    await sessions.put(session);

    const answer = await call({ headers: withSession });

    expect(answer.statusCode).toBe(200);
    expect(answer.headers?.['Cache-Control']).toBe('no-store');
    expect(calls[0]!.principal).toEqual({
      kind: 'person',
      subject: 'person-1',
      email: 'casey@concord.example',
      name: 'Casey',
      roles: ['coordinator'],
    });
    expect(calls[0]!.csrfToken).toBe('csrf-1');
  });

  it('refuses a caller without the role: 403, as a page for people and problem+json for programs', async () => {
    const { call, calls, sessions, session, tokens } = setUp('admin');
    await sessions.put(session);
    tokens.issued.set('t-1', { subject: 'ehr', clientId: 'ehr', scopes: ['concord/coordinator'] });

    const page = await call({ headers: withSession });
    const json = await call({ headers: { Authorization: 'Bearer t-1', Accept: 'application/json' } });

    expect(page.statusCode).toBe(403);
    expect(page.headers?.['Content-Type']).toMatch(/^text\/html/);
    expect(page.body).toContain('This needs the admin role');
    expect(json.statusCode).toBe(403);
    expect(JSON.parse(json.body)).toMatchObject({ status: 403, detail: 'This needs the admin role' });
    expect(calls).toHaveLength(0);
  });

  it('sends a page view to sign-in to renew a session half gone; JSON and posts go on with it meanwhile', async () => {
    const { call, calls, clock, sessions, session } = setUp();
    await sessions.put(session);
    clock.advance(450);

    const page = await call({ headers: withSession, path: '/console' });
    const json = await call({ headers: { ...withSession, Accept: 'application/json' } });

    expect(page.statusCode).toBe(302);
    expect(page.headers?.Location).toBe(`${PUBLIC_URL}/console/sign-in?returnTo=%2Fconsole`);
    expect(json.statusCode).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('lets a page view go on with a session half gone that has no refresh token (nothing to renew it with)', async () => {
    const { call, calls, clock, sessions, session } = setUp();
    await sessions.put({ ...session, refreshToken: undefined });
    clock.advance(600);

    const answer = await call({ headers: withSession });

    expect(answer.statusCode).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const { call } = setUp();

    const answer = await call({
      headers: { Authorization: 'Basic dXNlcjpwYXNz', Accept: 'application/json' },
    });

    expect(answer.statusCode).toBe(401);
  });

  describe('a state-changing request by a person', () => {
    const cases: Array<[string, Record<string, string>, string, number]> = [
      ['from the console, with the token', { Origin: ORIGIN }, 'csrf=csrf-1', 200],
      ['from the console, the token in the header', { Origin: ORIGIN, 'X-CSRF-Token': 'csrf-1' }, '', 200],
      [
        'without Origin, same-origin by Sec-Fetch-Site',
        { 'Sec-Fetch-Site': 'same-origin' },
        'csrf=csrf-1',
        200,
      ],
      [
        'Origin null (a no-referrer page), same-origin by Sec-Fetch-Site',
        { Origin: 'null', 'Sec-Fetch-Site': 'same-origin' },
        'csrf=csrf-1',
        200,
      ],
      [
        'Origin null, cross-site by Sec-Fetch-Site',
        { Origin: 'null', 'Sec-Fetch-Site': 'cross-site' },
        'csrf=csrf-1',
        403,
      ],
      ['from another site, with the token', { Origin: 'https://evil.example' }, 'csrf=csrf-1', 403],
      ['cross-site by Sec-Fetch-Site', { 'Sec-Fetch-Site': 'cross-site' }, 'csrf=csrf-1', 403],
      ['with neither Origin nor Sec-Fetch-Site', {}, 'csrf=csrf-1', 403],
      ['from the console, without the token', { Origin: ORIGIN }, 'comment=hello', 403],
      ['from the console, with a wrong token', { Origin: ORIGIN }, 'csrf=csrf-2', 403],
    ];

    it.each(cases)('%s', async (_what, headers, body, status) => {
      const { call, calls, sessions, session } = setUp();
      await sessions.put(session);

      const answer = await call({
        ...form(body),
        headers: { ...withSession, 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      });

      expect(answer.statusCode).toBe(status);
      // Refused: the handler never ran, so nothing changed.
      expect(calls).toHaveLength(status === 200 ? 1 : 0);
    });
  });

  it('exempts programs from the CSRF checks: a bearer token is no ambient credential', async () => {
    const { call, calls, tokens } = setUp();
    tokens.issued.set('t-1', { subject: 'ehr', clientId: 'ehr', scopes: ['concord/coordinator'] });

    const answer = await call({
      httpMethod: 'POST',
      path: '/console/cases/c-1/resume',
      headers: { Authorization: 'Bearer t-1', Accept: 'application/json', Origin: 'https://evil.example' },
      body: '{"reason":"x"}',
    });

    expect(answer.statusCode).toBe(200);
    expect(calls[0]!.principal).toEqual({
      kind: 'program',
      subject: 'ehr',
      clientId: 'ehr',
      roles: ['coordinator'],
    });
  });

  it('sends a page post without a session to sign-in (303), returning to the console home', async () => {
    const { call, calls } = setUp();

    const answer = await call({ ...form('csrf=x'), headers: { Origin: ORIGIN } });

    expect(answer.statusCode).toBe(303);
    expect(answer.headers?.Location).toBe(`${PUBLIC_URL}/console/sign-in?returnTo=%2Fconsole`);
    expect(calls).toHaveLength(0);
  });

  it('answers a bearer token the provider does not vouch for 401 at the gateway, before the function runs', async () => {
    const { call, calls } = setUp();

    const answer = await call({ headers: { Authorization: 'Bearer forged', Accept: 'application/json' } });

    expect(answer.statusCode).toBe(401);
    expect(answer.headers?.['Content-Type']).toBe('application/problem+json');
    expect(calls).toHaveLength(0);
  });

  it('keeps a program out of a route for people (signing out ends a session)', async () => {
    const { call, calls, tokens } = setUp(undefined, { peopleOnly: true });
    tokens.issued.set('t-1', { subject: 'ehr', clientId: 'ehr', scopes: ['concord/coordinator'] });

    const answer = await call({
      httpMethod: 'POST',
      headers: { Authorization: 'Bearer t-1', Accept: 'application/json' },
    });

    expect(answer.statusCode).toBe(403);
    expect(calls).toHaveLength(0);
  });

  it('fails closed when no authorizer ran: the function sees no caller', async () => {
    const route = consoleHandler(async () => ({ statusCode: 200, headers: {}, body: 'done' }), {
      publicUrl: () => PUBLIC_URL,
      door: consoleAccess({ role: 'coordinator', publicUrl: () => PUBLIC_URL }),
    });
    // A forged context in the request's own headers or body is no authorizer context.
    const answer = (await route(
      consoleRequest({
        headers: { Accept: 'application/json', 'x-authorizer-kind': 'person' },
        body: '{"kind":"person","subject":"x","roles":"coordinator"}',
      }),
      {} as Context,
    )) as APIGatewayProxyResult;

    expect(answer.statusCode).toBe(401);
  });
});
