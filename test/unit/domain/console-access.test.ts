import {
  isRenewalDue,
  knownRoles,
  safeReturnPath,
  sessionTimes,
} from '../../../functions/domain/console-access.js';

describe('safeReturnPath', () => {
  it.each([
    ['/console', '/console'],
    ['/console/cases?view=open&overdue=true', '/console/cases?view=open&overdue=true'],
    ['/console?x=1', '/console?x=1'],
    [undefined, '/console'],
    ['', '/console'],
    ['https://evil.example/console', '/console'],
    ['//evil.example/console', '/console'],
    ['/console//evil.example', '/console'],
    ['/console/\\evil.example', '/console'],
    ['/console/cases x', '/console'],
    ['/console/caf\u00e9', '/console'],
    ['/consoles', '/console'],
    ['/cases/c-1', '/console'],
    [`/console/${'a'.repeat(2050)}`, '/console'],
  ])('%s → %s', (candidate, expected) => {
    expect(safeReturnPath(candidate)).toBe(expected);
  });
});

describe('session times', () => {
  const lifetimes = { sessionSeconds: 900, maxSeconds: 3600 };

  it('gives a new session its short life, renewal at half of it, and the sign-in its end', () => {
    expect(sessionTimes(1000, lifetimes)).toEqual({ expiresAt: 1900, renewAt: 1450, endsAt: 4600 });
  });

  it('never lets a renewal outlive the sign-in', () => {
    expect(sessionTimes(4000, lifetimes, 4600)).toEqual({ expiresAt: 4600, renewAt: 4300, endsAt: 4600 });
  });

  it('is due for renewal from half its life, and not once a renewal would not lengthen it', () => {
    const session = { ...sessionTimes(1000, lifetimes), refreshToken: 'r' };
    expect(isRenewalDue(session, 1449)).toBe(false);
    expect(isRenewalDue(session, 1450)).toBe(true);
    expect(isRenewalDue({ ...sessionTimes(4000, lifetimes, 4600), refreshToken: 'r' }, 4500)).toBe(false);
  });

  it('is never due without a refresh token: such a session ends when it expires', () => {
    expect(isRenewalDue(sessionTimes(1000, lifetimes), 1800)).toBe(false);
  });
});

describe('knownRoles', () => {
  it('keeps the console roles a provider names, in order, and drops other groups', () => {
    expect(knownRoles(['admin', 'us-east-1_pool_Google', 'coordinator', 42])).toEqual([
      'coordinator',
      'admin',
    ]);
    expect(knownRoles([])).toEqual([]);
  });
});
