/** The OIDC adapters against the real local provider (oidc-provider), started on a free port. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importJWK, SignJWT, type JWK } from 'jose';
import { JwtAccessTokenVerifier } from '../../../functions/adapters/jwt-access-token-verifier.js';
import { OidcIdentityProvider, OidcSignOut } from '../../../functions/adapters/oidc-identity-provider.js';
import { SignInFailedError, UnauthorizedError } from '../../../functions/shared/errors.js';
import { subjectOf } from '../../../infra/local/oidc/accounts.js';
import { CONSOLE_API_AUDIENCE, CONSOLE_CLIENT_ID } from '../../../infra/local/oidc/provider.js';
import {
  COORDINATOR,
  DIRECTORY_EDITOR,
  signInAtProvider,
  startTestProvider,
  WORKLIST,
  type TestProvider,
} from '../../support/oidc.js';

const PUBLIC_URL = 'http://127.0.0.1:39999';
let provider: TestProvider;
let identity: OidcIdentityProvider;
let verifier: JwtAccessTokenVerifier;

beforeAll(async () => {
  provider = await startTestProvider(PUBLIC_URL);
  identity = new OidcIdentityProvider({
    issuer: provider.issuer,
    clientId: CONSOLE_CLIENT_ID,
    redirectUri: `${PUBLIC_URL}/console/callback`,
    scopes: 'openid email profile',
  });
  verifier = new JwtAccessTokenVerifier({
    issuer: provider.issuer,
    jwksUri: `${provider.issuer}/.well-known/jwks.json`,
    audience: CONSOLE_API_AUDIENCE,
  });
}, 30_000);

afterAll(async () => {
  await provider?.stop();
});

async function clientCredentials(client: { clientId: string; clientSecret: string }, scope: string) {
  const response = await fetch(`${provider.issuer}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

/** A sign-in through the provider's page, as far as the callback URL, with the checks it must pass. */
async function callback(password = COORDINATOR.password) {
  const { url, checks } = await identity.beginSignIn();
  const { callbackUrl, refusedStatus } = await signInAtProvider(url, COORDINATOR.email, password);
  return { callbackUrl, refusedStatus, checks, url: new URL(url) };
}

describe('OidcIdentityProvider against the local provider', () => {
  it('asks for a code with PKCE (S256), state and nonce, at the registered callback', async () => {
    const { url } = await identity.beginSignIn();
    const params = new URL(url).searchParams;

    expect(new URL(url).origin).toBe(provider.issuer);
    expect(Object.fromEntries(params)).toMatchObject({
      client_id: CONSOLE_CLIENT_ID,
      response_type: 'code',
      redirect_uri: `${PUBLIC_URL}/console/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(params.get('state')).toBeTruthy();
    expect(params.get('nonce')).toBeTruthy();
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('signs a coordinator in: the ID token names them, their groups, and a refresh token comes with it', async () => {
    const { callbackUrl, checks } = await callback();

    const signedIn = await identity.finishSignIn(callbackUrl!, checks);

    expect(signedIn.claims).toMatchObject({
      iss: provider.issuer,
      aud: CONSOLE_CLIENT_ID,
      sub: subjectOf(COORDINATOR.email),
      email: COORDINATOR.email,
      name: COORDINATOR.name,
      groups: ['coordinator', 'admin'],
      nonce: checks.nonce,
    });
    expect(signedIn.refreshToken).toBeTruthy();
  });

  it('refuses a wrong password at the provider: the page answers 401 and no code comes back', async () => {
    const { callbackUrl, refusedStatus } = await callback('not the password');

    expect(refusedStatus).toBe(401);
    expect(callbackUrl).toBeUndefined();
  });

  it('refuses a callback whose state is not the sign-in’s, and one whose PKCE verifier is not', async () => {
    const forgedState = await callback();
    const forgedVerifier = await callback();

    await expect(
      identity.finishSignIn(forgedState.callbackUrl!, { ...forgedState.checks, state: 'another' }),
    ).rejects.toThrow(SignInFailedError);
    await expect(
      identity.finishSignIn(forgedVerifier.callbackUrl!, {
        ...forgedVerifier.checks,
        codeVerifier: 'x'.repeat(43),
      }),
    ).rejects.toThrow('The provider refused the sign-in (invalid_grant)');
  });

  it('exchanges a code once: the same callback again is refused', async () => {
    const { callbackUrl, checks } = await callback();
    await identity.finishSignIn(callbackUrl!, checks);

    await expect(identity.finishSignIn(callbackUrl!, checks)).rejects.toThrow(
      'The provider refused the sign-in (invalid_grant)',
    );
  });

  it('renews through the refresh token (rotated: the old one then refused)', async () => {
    const { callbackUrl, checks } = await callback();
    const signedIn = await identity.finishSignIn(callbackUrl!, checks);

    const renewed = await identity.refresh(signedIn.refreshToken!);

    expect(renewed.claims).toMatchObject({
      sub: subjectOf(COORDINATOR.email),
      groups: ['coordinator', 'admin'],
    });
    expect(renewed.refreshToken).toBeTruthy();
    expect(renewed.refreshToken).not.toBe(signedIn.refreshToken);
    await expect(identity.refresh(signedIn.refreshToken!)).rejects.toThrow(SignInFailedError);
  });

  it('names the provider’s sign-out, coming back to the console', async () => {
    const url = new URL(
      (await new OidcSignOut({ issuer: provider.issuer, clientId: CONSOLE_CLIENT_ID }).endSessionUrl(
        `${PUBLIC_URL}/console/sign-out`,
      ))!,
    );

    expect(`${url.origin}${url.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: CONSOLE_CLIENT_ID,
      post_logout_redirect_uri: `${PUBLIC_URL}/console/sign-out`,
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
  });
});

describe('JwtAccessTokenVerifier against the local provider', () => {
  it('verifies a client-credentials token: the client, its roles as scopes', async () => {
    const { body } = await clientCredentials(WORKLIST, 'concord/coordinator');

    const claims = await verifier.verify(body.access_token!);

    expect(claims).toEqual({
      subject: WORKLIST.clientId,
      clientId: WORKLIST.clientId,
      scopes: ['concord/coordinator'],
    });
  });

  it('grants a client only its own roles, however many it asks for', async () => {
    const { body } = await clientCredentials(DIRECTORY_EDITOR, 'concord/coordinator concord/admin');

    expect((await verifier.verify(body.access_token!)).scopes).toEqual(['concord/admin']);
  });

  it('refuses a wrong client secret at the provider', async () => {
    const { status } = await clientCredentials({ ...WORKLIST, clientSecret: 'wrong-secret-0123456789' }, '');

    expect(status).toBe(401);
  });

  it('refuses a token for another audience, a tampered one, an expired one, and one signed by another key', async () => {
    const { body } = await clientCredentials(WORKLIST, 'concord/coordinator');
    const token = body.access_token!;
    const [header, payload, signature] = token.split('.');
    const tampered = [
      header,
      Buffer.from(JSON.stringify({ ...decode(payload!), scope: 'concord/admin' })).toString('base64url'),
      signature,
    ].join('.');
    const providerKey = JSON.parse(readFileSync(join(provider.dataDir, 'oidc-keys.json'), 'utf8')).jwks
      .keys[0] as JWK;
    const now = Math.floor(Date.now() / 1000);
    const sign = async (key: JWK, claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: providerKey.kid!, typ: 'at+jwt' })
        .setIssuer(provider.issuer)
        .setAudience(CONSOLE_API_AUDIENCE)
        .setSubject('ehr-worklist')
        .sign(await importJWK(key, 'RS256'));
    const expired = await sign(providerKey, {
      scope: 'concord/coordinator',
      iat: now - 1200,
      exp: now - 600,
    });
    const { generateKeyPair, exportJWK } = await import('jose');
    const stranger = await exportJWK((await generateKeyPair('RS256', { extractable: true })).privateKey);
    const forged = await sign(stranger, { scope: 'concord/coordinator', exp: now + 600 });
    const otherAudience = new JwtAccessTokenVerifier({
      issuer: provider.issuer,
      jwksUri: `${provider.issuer}/.well-known/jwks.json`,
      audience: 'urn:another:api',
    });

    await expect(otherAudience.verify(token)).rejects.toThrow(UnauthorizedError);
    await expect(verifier.verify(tampered)).rejects.toThrow('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    await expect(verifier.verify(expired)).rejects.toThrow('ERR_JWT_EXPIRED');
    await expect(verifier.verify(forged)).rejects.toThrow(UnauthorizedError);
    await expect(verifier.verify('not-a-jwt')).rejects.toThrow(UnauthorizedError);
  });

  it('refuses a person’s ID token presented as an access token (its audience is the console client)', async () => {
    const { callbackUrl, checks } = await callback();
    const response = await fetch(`${provider.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: CONSOLE_CLIENT_ID,
        code: callbackUrl!.searchParams.get('code')!,
        redirect_uri: `${PUBLIC_URL}/console/callback`,
        code_verifier: checks.codeVerifier,
      }),
    });
    const { id_token: idToken } = (await response.json()) as { id_token: string };

    await expect(verifier.verify(idToken)).rejects.toThrow(UnauthorizedError);
  });
});

function decode(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}
