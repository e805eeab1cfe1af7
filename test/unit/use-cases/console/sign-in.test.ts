import {
  finishSignIn,
  resolveCaller,
  signIn,
  signOut,
  SIGN_IN_SECONDS,
  type SignInPorts,
} from '../../../../functions/use-cases/console/sign-in.js';
import { SignInFailedError, UnauthorizedError } from '../../../../functions/shared/errors.js';
import { jest } from '@jest/globals';
import { ManualClock } from '../../../support/fakes/memory-ports.js';
import {
  FakeAccessTokens,
  FakeIdentityProvider,
  MemorySessionStore,
} from '../../../support/fakes/memory-console.js';

// Quiet: the one test about logging turns INFO on for itself.
process.env.AWS_LAMBDA_LOG_LEVEL = 'WARN';

const SETTINGS = { sessionSeconds: 900, maxSeconds: 3600, rolesClaim: 'cognito:groups' };

function setUp() {
  const clock = new ManualClock();
  const sessions = new MemorySessionStore();
  const identity = new FakeIdentityProvider();
  const ports: SignInPorts = { sessions, identity, settings: SETTINGS, clock };
  return { clock, sessions, identity, ports };
}

/** Starts a sign-in and comes back from the provider with its state: the session it opened. */
async function signedIn(ports: SignInPorts, returnTo = '/console') {
  const started = await signIn({ returnTo }, ports);
  if (started.kind !== 'provider') throw new Error('expected a sign-in at the provider');
  const state = new URL(started.url).searchParams.get('state');
  return finishSignIn(
    {
      transactionId: started.transactionId,
      callbackUrl: new URL(`https://concord.example/console/callback?code=c&state=${state}`),
    },
    ports,
  );
}

describe('signIn and finishSignIn', () => {
  it('sends a person without a session to the provider, keeping the checks server-side for the callback', async () => {
    const { sessions, ports } = setUp();

    const step = await signIn({ returnTo: '/console/cases?view=open' }, ports);

    expect(step.kind).toBe('provider');
    if (step.kind !== 'provider') return;
    expect(step.url).toMatch(/^https:\/\/provider\.example\/authorize/);
    const stored = sessions.signIns.get(step.transactionId)!;
    expect(stored).toMatchObject({ state: 'state-1', nonce: 'nonce-1', codeVerifier: 'verifier-1' });
    expect(stored.returnTo).toBe('/console/cases?view=open');
    expect(stored.expiresAt).toBe(Date.parse('2026-01-15T09:00:00.000Z') / 1000 + SIGN_IN_SECONDS);
    expect(step.url).not.toContain('verifier-1');
  });

  it.each([
    'https://evil.example/',
    '//evil.example/console',
    '/console\\..\\x',
    '/approvals/abc',
    '/consolex',
  ])('returns only to a console path of this origin, never to %s', async (returnTo) => {
    const { ports } = setUp();

    const { returnTo: landed } = await signedIn(ports, returnTo);

    expect(landed).toBe('/console');
  });

  it('opens a session under a fresh random id with the roles the groups claim gives, and a CSRF token', async () => {
    const { identity, sessions, ports } = setUp();
    identity.claims['cognito:groups'] = ['coordinator', 'admin', 'someone-elses-group'];

    const { session, returnTo } = await signedIn(ports, '/console/cases/c-1');

    expect(returnTo).toBe('/console/cases/c-1');
    expect(session).toMatchObject({
      subject: 'person-1',
      email: 'casey@concord.example',
      name: 'Casey',
      roles: ['coordinator', 'admin'],
      refreshToken: 'refresh-1',
    });
    expect(session.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.csrfToken).not.toBe(session.sessionId);
    const now = Date.parse('2026-01-15T09:00:00.000Z') / 1000;
    expect(session).toMatchObject({ expiresAt: now + 900, renewAt: now + 450, endsAt: now + 3600 });
    expect(sessions.sessions.has(session.sessionId)).toBe(true);
  });

  it('takes a sign-in once: the same callback again, or none, opens nothing', async () => {
    const { sessions, ports } = setUp();
    const started = await signIn({}, ports);
    if (started.kind !== 'provider') throw new Error('expected the provider');
    const callback = {
      transactionId: started.transactionId,
      callbackUrl: new URL('https://c.example/cb?state=state-1'),
    };
    await finishSignIn(callback, ports);

    await expect(finishSignIn(callback, ports)).rejects.toThrow(SignInFailedError);
    await expect(finishSignIn({ callbackUrl: callback.callbackUrl }, ports)).rejects.toThrow(
      'This sign-in has expired or was already used',
    );
    expect(sessions.sessions.size).toBe(1);
  });

  it('refuses a callback whose state is not its sign-in’s, and a sign-in that waited too long', async () => {
    const { clock, sessions, ports } = setUp();
    const started = await signIn({}, ports);
    if (started.kind !== 'provider') throw new Error('expected the provider');
    const forged = {
      transactionId: started.transactionId,
      callbackUrl: new URL('https://c.example/cb?state=other'),
    };
    await expect(finishSignIn(forged, ports)).rejects.toThrow(SignInFailedError);

    const late = await signIn({}, ports);
    if (late.kind !== 'provider') throw new Error('expected the provider');
    clock.advance(SIGN_IN_SECONDS);
    await expect(
      finishSignIn(
        { transactionId: late.transactionId, callbackUrl: new URL('https://c.example/cb?state=state-2') },
        ports,
      ),
    ).rejects.toThrow('This sign-in has expired or was already used');
    expect(sessions.sessions.size).toBe(0);
  });

  it('sends a person whose session is not yet half gone straight back, asking the provider nothing', async () => {
    const { clock, identity, ports } = setUp();
    const { session } = await signedIn(ports);
    clock.advance(449);

    const step = await signIn({ sessionId: session.sessionId, returnTo: '/console' }, ports);

    expect(step).toEqual({ kind: 'signed-in', returnTo: '/console' });
    expect(identity.refreshes).toBe(0);
    expect(identity.begun).toHaveLength(1);
  });

  it('renews a session half gone through the provider: new expiry, roles as the provider now says, same id and CSRF token', async () => {
    const { clock, identity, sessions, ports } = setUp();
    const { session } = await signedIn(ports);
    clock.advance(450);
    identity.claims['cognito:groups'] = ['admin'];

    const step = await signIn({ sessionId: session.sessionId }, ports);

    expect(step.kind).toBe('signed-in');
    if (step.kind !== 'signed-in') return;
    const now = session.expiresAt - 900 + 450;
    expect(step.renewed).toMatchObject({
      sessionId: session.sessionId,
      csrfToken: session.csrfToken,
      roles: ['admin'],
      refreshToken: 'refresh-1+',
      expiresAt: now + 900,
      renewAt: now + 450,
      endsAt: session.endsAt,
    });
    expect(sessions.sessions.get(session.sessionId)).toEqual(step.renewed);
  });

  it('renews once however many requests find the session due at the same time', async () => {
    const { clock, identity, ports } = setUp();
    const { session } = await signedIn(ports);
    clock.advance(600);

    const steps = await Promise.all([1, 2, 3].map(() => signIn({ sessionId: session.sessionId }, ports)));

    expect(identity.refreshes).toBe(1);
    expect(steps.map((step) => step.kind)).toEqual(['signed-in', 'signed-in', 'signed-in']);
  });

  it('ends the session and starts a new sign-in when the provider refuses the renewal', async () => {
    const { clock, identity, sessions, ports } = setUp();
    const { session } = await signedIn(ports);
    clock.advance(600);
    identity.refreshRefused = true;

    const step = await signIn({ sessionId: session.sessionId, returnTo: '/console' }, ports);

    expect(step.kind).toBe('provider');
    expect(sessions.sessions.has(session.sessionId)).toBe(false);
  });

  it('ends the session when the renewal names another subject', async () => {
    const { clock, identity, sessions, ports } = setUp();
    const { session } = await signedIn(ports);
    clock.advance(600);
    identity.claims.sub = 'person-2';

    const step = await signIn({ sessionId: session.sessionId }, ports);

    expect(step.kind).toBe('provider');
    expect(sessions.sessions.has(session.sessionId)).toBe(false);
  });

  it('never renews past the sign-in’s end: the last session ends with it', async () => {
    const { clock, identity, ports } = setUp();
    let { session } = await signedIn(ports);
    for (let i = 0; i < 10; i++) {
      clock.advance(450);
      const step = await signIn({ sessionId: session.sessionId }, ports);
      if (step.kind !== 'signed-in') break;
      session = step.renewed ?? session;
    }

    expect(session.expiresAt).toBe(session.endsAt);
    expect(identity.refreshes).toBeLessThanOrEqual(7);
    clock.advance(3600);
    expect((await signIn({ sessionId: session.sessionId }, ports)).kind).toBe('provider');
  });
});

describe('resolveCaller', () => {
  const callerPorts = (base: ReturnType<typeof setUp>, accessTokens = new FakeAccessTokens()) => ({
    sessions: base.sessions,
    settings: SETTINGS,
    clock: base.clock,
    accessTokens,
    apiScopePrefix: 'concord/',
  });

  it('knows a person by a live session, and no one by an expired or unknown one', async () => {
    const base = setUp();
    const { session } = await signedIn(base.ports);

    const caller = await resolveCaller({ sessionId: session.sessionId }, callerPorts(base));
    expect(caller?.principal).toEqual({
      kind: 'person',
      subject: 'person-1',
      email: 'casey@concord.example',
      name: 'Casey',
      roles: ['coordinator'],
    });
    expect(await resolveCaller({ sessionId: 'not-a-session' }, callerPorts(base))).toBeUndefined();
    expect(await resolveCaller({}, callerPorts(base))).toBeUndefined();
    base.clock.advance(900);
    expect(await resolveCaller({ sessionId: session.sessionId }, callerPorts(base))).toBeUndefined();
  });

  it('knows a program by its access token, its roles from the scopes with the API prefix', async () => {
    const base = setUp();
    const tokens = new FakeAccessTokens();
    tokens.issued.set('t-1', {
      subject: 'ehr-worklist',
      clientId: 'ehr-worklist',
      scopes: ['concord/coordinator', 'openid', 'other/admin', 'concord/unknown'],
    });

    const caller = await resolveCaller(
      { bearerToken: 't-1', sessionId: 'ignored' },
      callerPorts(base, tokens),
    );

    expect(caller).toEqual({
      principal: {
        kind: 'program',
        subject: 'ehr-worklist',
        clientId: 'ehr-worklist',
        roles: ['coordinator'],
      },
    });
    await expect(resolveCaller({ bearerToken: 't-2' }, callerPorts(base, tokens))).rejects.toThrow(
      UnauthorizedError,
    );
  });
});

describe('signOut', () => {
  it('ends the session and answers where the provider ends its own', async () => {
    const { identity, sessions, ports } = setUp();
    const { session } = await signedIn(ports);

    const url = await signOut(session, 'https://concord.example/console/sign-out', {
      sessions,
      provider: identity,
    });

    expect(sessions.sessions.has(session.sessionId)).toBe(false);
    expect(url).toBe(
      'https://provider.example/logout?post_logout_redirect_uri=https%3A%2F%2Fconcord.example%2Fconsole%2Fsign-out',
    );
  });
});

describe('the audit log of signing in and out', () => {
  it('names the subject only: no email, no name, no token', async () => {
    const { identity, sessions, ports } = setUp();
    process.env.AWS_LAMBDA_LOG_LEVEL = 'INFO';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let lines: Array<Record<string, unknown>>;
    try {
      const { session } = await signedIn(ports);
      await signOut(session, 'https://concord.example/console/sign-out', { sessions, provider: identity });
      lines = write.mock.calls.map(([chunk]) => JSON.parse(String(chunk)) as Record<string, unknown>);
    } finally {
      write.mockRestore();
      process.env.AWS_LAMBDA_LOG_LEVEL = 'WARN';
    }

    expect(lines.map((line) => [line.message, line.subject])).toEqual([
      ['Console sign-in', 'person-1'],
      ['Console sign-out', 'person-1'],
    ]);
    const logged = JSON.stringify(lines);
    for (const secret of ['casey@concord.example', 'Casey"', 'refresh-1'])
      expect(logged).not.toContain(secret);
  });
});
