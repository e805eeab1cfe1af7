/**
 * The console's composition root: which adapter serves which port, each built lazily on first use (as
 * wiring/deps.ts does), so a bundle keeps only what its handler reaches: the sign-in functions carry
 * the OpenID Connect client (oauth4webapi), the authorizer jose and the session store.
 */
import { DynamoCaseQueue } from '../adapters/dynamo-case-queue.js';
import { DynamoCaseReader } from '../adapters/dynamo-case-reader.js';
import { DynamoSessionStore } from '../adapters/dynamo-session-store.js';
import { ItemClient } from '../adapters/item-client.js';
import { JwtAccessTokenVerifier } from '../adapters/jwt-access-token-verifier.js';
import { OidcIdentityProvider, OidcSignOut } from '../adapters/oidc-identity-provider.js';
import type { ResolveCaller } from '../console/authorizer.js';
import { dynamo } from '../shared/clients/dynamo.js';
import * as setting from '../shared/config.js';
import { required, tableName } from '../shared/config.js';
import { once } from '../shared/once.js';
import type { CaseFilePorts } from '../use-cases/console/case-file.js';
import { resolveCaller, type SignInPorts } from '../use-cases/console/sign-in.js';
import * as deps from './deps.js';

export const publicUrl = (): string => setting.publicUrl();

const sessions = /* @__PURE__ */ once(() => new DynamoSessionStore(new ItemClient(dynamo()), tableName()));
const identity = /* @__PURE__ */ once(
  () =>
    new OidcIdentityProvider({
      issuer: required(setting.oidcIssuer),
      clientId: required(setting.oidcClientId),
      redirectUri: `${setting.publicUrl()}/console/callback`,
      scopes: setting.oidcScopes(),
    }),
);
const accessTokens = /* @__PURE__ */ once(() => {
  const issuer = required(setting.oidcIssuer);
  return new JwtAccessTokenVerifier({
    issuer,
    jwksUri: setting.oidcJwksUri() ?? `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`,
    audience: setting.oidcApiAudience(),
  });
});
const providerSignOut = /* @__PURE__ */ once(
  () => new OidcSignOut({ issuer: required(setting.oidcIssuer), clientId: required(setting.oidcClientId) }),
);
const sessionSettings = () => ({
  sessionSeconds: setting.consoleSessionSeconds(),
  maxSeconds: setting.consoleSessionMaxSeconds(),
  rolesClaim: setting.oidcRolesClaim(),
});

/** Signing in, renewing and signing out: the provider and the sessions. */
export const signInPorts = /* @__PURE__ */ once((): SignInPorts => ({
  sessions: sessions(),
  identity: identity(),
  settings: sessionSettings(),
}));

/** Signing out: the sessions, and the provider's own sign-out. */
export const signOutPorts = /* @__PURE__ */ once(() => ({
  sessions: sessions(),
  provider: providerSignOut(),
}));

/** The console's authorizer: people by session, and programs by access token. */
export const caller: ResolveCaller = (credentials) =>
  resolveCaller(credentials, {
    sessions: sessions(),
    settings: sessionSettings(),
    accessTokens: accessTokens(),
    apiScopePrefix: setting.oidcApiScopePrefix(),
  });

/** The provider's origin, where signing out goes on (the console page's forms may lead there). */
export const providerOrigin = (): string | undefined => {
  const issuer = setting.oidcIssuer();
  return issuer ? new URL(issuer).origin : undefined;
};

/** Where the console's pages are, and where their sign-out goes on. */
const site = () => ({ publicUrl: publicUrl(), providerOrigin: providerOrigin() });

/** The work queue: its index. */
export const queuePorts = /* @__PURE__ */ once(() => ({
  queue: new DynamoCaseQueue(new ItemClient(dynamo()), tableName()),
  site: site(),
}));

/** The case view: the case and everything about it, record downloads and the report link to sign. */
export const casePorts = /* @__PURE__ */ once(
  () =>
    ({
      cases: new DynamoCaseReader(new ItemClient(dynamo()), tableName()),
      directory: deps.directory(),
      files: deps.downloads(),
      settings: { publicUrl: setting.publicUrl(), downloadUrlSeconds: setting.downloadUrlSeconds() },
      site: site(),
    }) satisfies CaseFilePorts & { site: unknown },
);

/** Deciding a pending step: the callback, the case, and the waiting task. */
export const decidePorts = /* @__PURE__ */ once(() => ({
  callbacks: deps.callbacks(),
  cases: deps.cases(),
  tasks: deps.tasks(),
  site: site(),
}));
