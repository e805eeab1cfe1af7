/** The local identity provider itself: its sign-in page, and what it keeps in the data dir across a restart. */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OidcIdentityProvider } from '../../../functions/adapters/oidc-identity-provider.js';
import { CONSOLE_CLIENT_ID } from '../../../infra/local/oidc/provider.js';
import { COORDINATOR, signInAtProvider, startTestProvider } from '../../support/oidc.js';

const PUBLIC_URL = 'http://127.0.0.1:39998';
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'concord-oidc-restart-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const consoleClient = (issuer: string) =>
  new OidcIdentityProvider({
    issuer,
    clientId: CONSOLE_CLIENT_ID,
    redirectUri: `${PUBLIC_URL}/console/callback`,
    scopes: 'openid email profile',
  });

/** The sign-in page's answer to a login attempt, with the interaction's own id taken out. */
async function attempt(issuer: string, email: string, password: string) {
  const { url } = await consoleClient(issuer).beginSignIn();
  const first = await fetch(url, { redirect: 'manual' });
  const cookie = first.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const interaction = new URL(first.headers.get('location')!, issuer);
  const uid = interaction.pathname.split('/').pop()!;
  const answer = await fetch(`${interaction.href}/login`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }),
    redirect: 'manual',
  });
  return {
    status: answer.status,
    body: (await answer.text()).replaceAll(uid, '<uid>'),
    headers: answer.headers,
  };
}

describe('the local identity provider', () => {
  it('answers a wrong password and an unknown email alike: no account enumeration', async () => {
    const provider = await startTestProvider(PUBLIC_URL, { dataDir });
    try {
      const wrongPassword = await attempt(provider.issuer, COORDINATOR.email, 'not the password');
      const unknownEmail = await attempt(provider.issuer, 'nobody@concord.example', 'not the password');

      expect(wrongPassword.status).toBe(401);
      expect(unknownEmail.status).toBe(401);
      expect(unknownEmail.body.replace('nobody@concord.example', COORDINATOR.email)).toBe(wrongPassword.body);
      expect(wrongPassword.body).toContain('role="alert"');
      expect(wrongPassword.headers.get('cache-control')).toBe('no-store');
      expect(wrongPassword.headers.get('content-security-policy')).toContain(
        `form-action 'self' ${PUBLIC_URL}`,
      );
    } finally {
      await provider.stop();
    }
  }, 30_000);

  it('keeps its keys and its grants across a restart (0600), so sessions renew after it, and never a password', async () => {
    const first = await startTestProvider(PUBLIC_URL, { dataDir });
    let refreshToken: string;
    let keys: unknown;
    try {
      const client = consoleClient(first.issuer);
      const { url, checks } = await client.beginSignIn();
      const { callbackUrl } = await signInAtProvider(url, COORDINATOR.email, COORDINATOR.password);
      refreshToken = (await client.finishSignIn(callbackUrl!, checks)).refreshToken!;
      keys = await (await fetch(`${first.issuer}/.well-known/jwks.json`)).json();
    } finally {
      await first.stop();
    }

    const second = await startTestProvider(PUBLIC_URL, { dataDir, port: first.port });
    try {
      expect(await (await fetch(`${second.issuer}/.well-known/jwks.json`)).json()).toEqual(keys);
      const renewed = await consoleClient(second.issuer).refresh(refreshToken);
      expect(renewed.claims).toMatchObject({ email: COORDINATOR.email });
    } finally {
      await second.stop();
    }
    for (const file of ['oidc-keys.json', 'oidc-storage.json']) {
      expect((await stat(join(dataDir, file))).mode & 0o777).toBe(0o600);
      expect(await readFile(join(dataDir, file), 'utf8')).not.toContain(COORDINATOR.password);
    }
  }, 30_000);
});
