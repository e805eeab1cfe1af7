import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import Provider, { errors, type KoaContext } from 'oidc-provider';
import type { ApiClient } from '../../../functions/schemas/staff.js';
import { close, listen } from '../servers.js';
import type { LocalAccounts } from './accounts.js';
import { FileStorage } from './file-adapter.js';
import { interactionRoutes } from './interactions.js';
import { loadOrCreateProviderKeys } from './keys.js';
import { providerErrorPage, signedOutPage, signOutPage, type ProviderPage } from './pages.js';

/** The console's own client: authorization code with PKCE, no secret (as its Cognito app client). */
export const CONSOLE_CLIENT_ID = 'concord-console';
/** The resource indicator of the console's API: programs' access tokens name it in `aud`. */
export const CONSOLE_API_AUDIENCE = 'urn:concord:console';
/** Roles go out to programs as scopes `concord/<role>`, as Cognito's resource-server scopes do. */
export const ROLE_SCOPE_PREFIX = 'concord/';
/** People's roles go out in this ID token claim. */
export const ROLES_CLAIM = 'groups';

const MINUTE = 60;
const HOUR = 60 * MINUTE;

export interface LocalProviderOptions {
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  /** The console's public base URL: its callback and post-sign-out page are registered with the provider. */
  publicUrl: string;
  accounts: LocalAccounts;
  apiClients: readonly ApiClient[];
}

export interface LocalProvider {
  issuer: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider) for the local stack, on its own port: people sign in on our
 * own page (never oidc-provider's development pages, which take any password); the console client gets
 * codes with PKCE, ID tokens carrying `groups`, and refresh tokens; API clients get JWT access tokens for the
 * console's API by client credentials, their roles as scopes. Keys and storage live in the data dir.
 */
export async function startLocalProvider(options: LocalProviderOptions): Promise<LocalProvider> {
  let serve: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => {
    response.writeHead(503).end();
  };
  // The issuer names the port, so the server listens before the provider exists.
  const server = createServer((request, response) => serve(request, response));
  const port = await listen(server, options.port);
  const issuer = `http://127.0.0.1:${port}`;
  const consoleOrigin = new URL(options.publicUrl).origin;
  const keys = loadOrCreateProviderKeys(join(options.dataDir, 'oidc-keys.json'));
  const storage = new FileStorage(join(options.dataDir, 'oidc-storage.json'));
  const clientScopes = new Map(
    options.apiClients.map((client) => [
      client.clientId,
      client.roles.map((role) => ROLE_SCOPE_PREFIX + role),
    ]),
  );
  const render = (ctx: KoaContext, answer: ProviderPage) => {
    ctx.status = answer.statusCode;
    ctx.set(answer.headers as Record<string, string>);
    ctx.body = answer.body;
  };

  const provider = new Provider(issuer, {
    adapter: storage.adapterFor,
    jwks: keys.jwks,
    cookies: { keys: keys.cookieKeys },
    clients: [
      {
        client_id: CONSOLE_CLIENT_ID,
        client_name: 'Concord console',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${options.publicUrl}/console/callback`],
        post_logout_redirect_uris: [`${options.publicUrl}/console/sign-out`],
      },
      ...options.apiClients.map((client) => ({
        client_id: client.clientId,
        client_secret: client.clientSecret,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      })),
    ],
    scopes: ['openid', 'offline_access', 'email', 'profile'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', ROLES_CLAIM] },
    // Name, email and groups in the ID token itself, as Cognito puts them (the console reads no userinfo).
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, sub: string) => {
      const claims = options.accounts.claims(sub);
      return claims && { accountId: sub, claims: async () => claims };
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // The console is first-party: its consent is implied, and granted here rather than asked for.
    loadExistingGrant: async (ctx: KoaContext) => {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(oidc.client!.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      if (oidc.client?.clientId !== CONSOLE_CLIENT_ID || !oidc.session?.accountId) return undefined;
      const grant = new oidc.provider.Grant({
        clientId: CONSOLE_CLIENT_ID,
        accountId: oidc.session.accountId,
      });
      grant.addOIDCScope([...oidc.requestParamScopes].join(' '));
      await grant.save();
      return grant;
    },
    // The console renews its sessions by refresh (no offline_access needed); they end with the provider's session.
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    pkce: { required: () => true },
    routes: { jwks: '/.well-known/jwks.json' },
    ttl: {
      AccessToken: 10 * MINUTE,
      AuthorizationCode: MINUTE,
      ClientCredentials: 10 * MINUTE,
      IdToken: 10 * MINUTE,
      Interaction: 10 * MINUTE,
      Grant: 12 * HOUR,
      RefreshToken: 12 * HOUR,
      Session: 12 * HOUR,
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Programs get tokens for the console's API without naming it; the console client's are for userinfo.
        defaultResource: async (_ctx: unknown, client: { clientId: string }) =>
          clientScopes.has(client.clientId) ? CONSOLE_API_AUDIENCE : undefined,
        useGrantedResource: async () => false,
        getResourceServerInfo: async (_ctx: unknown, resource: string, client: { clientId: string }) => {
          const scopes = clientScopes.get(client.clientId);
          if (resource !== CONSOLE_API_AUDIENCE || !scopes) throw new errors.InvalidTarget();
          return {
            scope: scopes.join(' '),
            audience: CONSOLE_API_AUDIENCE,
            accessTokenTTL: 10 * MINUTE,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContext, form: string) => render(ctx, signOutPage(form, consoleOrigin)),
        postLogoutSuccessSource: async (ctx: KoaContext) => render(ctx, signedOutPage()),
      },
    },
    renderError: async (ctx: KoaContext, out: { error_description?: string; error?: string }) =>
      render(
        ctx,
        providerErrorPage(
          ctx.status >= 400 ? ctx.status : 400,
          out.error_description ?? out.error ?? 'The request could not be completed',
          `${options.publicUrl}/console`,
        ),
      ),
  });

  const interactions = interactionRoutes(provider, options.accounts, {
    consoleHref: `${options.publicUrl}/console`,
    consoleOrigin,
  });
  const oidc = provider.callback();
  serve = (request, response) => {
    if (!interactions(request, response)) oidc(request, response);
  };
  return { issuer, port, stop: () => close(server) };
}
