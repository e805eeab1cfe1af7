import {
  allowInsecureRequests,
  AuthorizationResponseError,
  authorizationCodeGrantRequest,
  calculatePKCECodeChallenge,
  discoveryRequest,
  generateRandomCodeVerifier,
  generateRandomNonce,
  generateRandomState,
  getValidatedIdTokenClaims,
  None,
  OperationProcessingError,
  processAuthorizationCodeResponse,
  processDiscoveryResponse,
  processRefreshTokenResponse,
  refreshTokenGrantRequest,
  RESPONSE_IS_NOT_CONFORM,
  RESPONSE_IS_NOT_JSON,
  ResponseBodyError,
  validateAuthResponse,
  type AuthorizationServer,
  type Client,
  type TokenEndpointResponse,
} from 'oauth4webapi';
import type { SignInChecks } from '../domain/console-access.js';
import type { IdentityProvider, ProvidedIdentity, ProviderSignOut } from '../domain/ports.js';
import { SignInFailedError } from '../shared/errors.js';

export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  /** `<public URL>/console/callback`, as registered with the provider. */
  redirectUri: string;
  /** Space-separated, `openid` among them. */
  scopes: string;
}

/** How long to wait for the provider before the request fails (and the person tries again). */
const PROVIDER_TIMEOUT_MS = 5000;

/**
 * The console's OpenID Connect client: discovery (once per cold start), authorization code with PKCE (S256),
 * state and nonce, the code exchange and refresh, each answer checked (issuer, audience, nonce, expiry).
 * Built on oauth4webapi, the library openid-client v6 wraps: openid-client's configuration object keeps
 * every grant in each bundle and put the sign-in functions 8–9 KB over their 60 KB budget.
 * A public client (no secret): the code is bound to this server's PKCE verifier, and the tokens never leave
 * the server.
 */
export class OidcIdentityProvider implements IdentityProvider {
  private readonly client: Client;
  private readonly authorizationServer: () => Promise<AuthorizationServer>;

  constructor(private readonly settings: OidcClientSettings) {
    this.client = { client_id: settings.clientId };
    this.authorizationServer = discovery(settings.issuer);
  }

  async beginSignIn(): Promise<{ url: string; checks: SignInChecks }> {
    const server = await this.authorizationServer();
    if (!server.authorization_endpoint) throw new Error('The provider names no authorization endpoint');
    const checks = {
      state: generateRandomState(),
      nonce: generateRandomNonce(),
      codeVerifier: generateRandomCodeVerifier(),
    };
    const url = new URL(server.authorization_endpoint);
    for (const [name, value] of Object.entries({
      client_id: this.settings.clientId,
      redirect_uri: this.settings.redirectUri,
      response_type: 'code',
      scope: this.settings.scopes,
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    })) {
      url.searchParams.set(name, value);
    }
    return { url: url.href, checks };
  }

  async finishSignIn(callbackUrl: URL, checks: SignInChecks): Promise<ProvidedIdentity> {
    const server = await this.authorizationServer();
    return refusalsAsSignInFailures(async () => {
      const parameters = validateAuthResponse(server, this.client, callbackUrl, checks.state);
      const response = await authorizationCodeGrantRequest(
        server,
        this.client,
        None(),
        parameters,
        this.settings.redirectUri,
        checks.codeVerifier,
        this.requestOptions(),
      );
      return identityOf(
        await processAuthorizationCodeResponse(server, this.client, response, {
          expectedNonce: checks.nonce,
          requireIdToken: true,
        }),
      );
    });
  }

  async refresh(refreshToken: string): Promise<ProvidedIdentity> {
    const server = await this.authorizationServer();
    const identity = await refusalsAsSignInFailures(async () => {
      const response = await refreshTokenGrantRequest(
        server,
        this.client,
        None(),
        refreshToken,
        this.requestOptions(),
      );
      return identityOf(await processRefreshTokenResponse(server, this.client, response));
    });
    // A provider that does not rotate refresh tokens (Cognito by default) answers none: the old one stands.
    return { ...identity, refreshToken: identity.refreshToken ?? refreshToken };
  }

  private requestOptions() {
    return providerRequestOptions(this.settings.issuer);
  }
}

/** RP-initiated logout: only discovery, so the sign-out function carries none of the grants. */
export class OidcSignOut implements ProviderSignOut {
  private readonly authorizationServer: () => Promise<AuthorizationServer>;

  constructor(private readonly settings: Pick<OidcClientSettings, 'issuer' | 'clientId'>) {
    this.authorizationServer = discovery(settings.issuer);
  }

  async endSessionUrl(postLogoutRedirect: string): Promise<string | undefined> {
    const { end_session_endpoint: endpoint } = await this.authorizationServer();
    if (!endpoint) return undefined;
    const url = new URL(endpoint);
    url.searchParams.set('client_id', this.settings.clientId);
    url.searchParams.set('post_logout_redirect_uri', postLogoutRedirect);
    return url.href;
  }
}

/** Plain http only for an issuer the settings allow it for (the loopback address); a deadline on every call. */
function providerRequestOptions(issuer: string) {
  return {
    [allowInsecureRequests]: new URL(issuer).protocol === 'http:',
    signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
  };
}

/**
 * The provider's metadata (OpenID discovery, checked to name the issuer asked for), fetched on first use and
 * kept; a failed fetch is tried again on the next use.
 */
function discovery(issuer: string): () => Promise<AuthorizationServer> {
  let metadata: Promise<AuthorizationServer> | undefined;
  const discover = async () => {
    const url = new URL(issuer);
    const response = await discoveryRequest(url, { algorithm: 'oidc', ...providerRequestOptions(issuer) });
    return processDiscoveryResponse(url, response);
  };
  return () => {
    metadata ??= discover().catch((error: unknown) => {
      metadata = undefined;
      throw error;
    });
    return metadata;
  };
}

function identityOf(tokens: TokenEndpointResponse): ProvidedIdentity {
  const claims = getValidatedIdTokenClaims(tokens);
  if (!claims) throw new SignInFailedError('The provider answered no ID token');
  return { claims, refreshToken: tokens.refresh_token };
}

/** The provider's refusals, and answers failing a check, end the sign-in; a provider out of order is a fault. */
async function refusalsAsSignInFailures<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AuthorizationResponseError || error instanceof ResponseBodyError) {
      throw new SignInFailedError(`The provider refused the sign-in (${error.error})`, { cause: error });
    }
    if (
      error instanceof OperationProcessingError &&
      error.code !== RESPONSE_IS_NOT_CONFORM &&
      error.code !== RESPONSE_IS_NOT_JSON
    ) {
      throw new SignInFailedError(`The sign-in failed a check (${error.code ?? 'unknown'})`, {
        cause: error,
      });
    }
    throw error;
  }
}
