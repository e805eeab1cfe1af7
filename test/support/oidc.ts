import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiClient, CoordinatorAccount } from '../../functions/schemas/staff.js';
import { LocalAccounts } from '../../infra/local/oidc/accounts.js';
import { startLocalProvider, type LocalProvider } from '../../infra/local/oidc/provider.js';

export const COORDINATOR: CoordinatorAccount = {
  email: 'casey@concord.example',
  name: 'Casey Coordinator',
  password: 'a long test password',
  roles: ['coordinator', 'admin'],
};
export const WORKLIST: ApiClient = {
  clientId: 'ehr-worklist',
  clientSecret: 'worklist-secret-0123456789',
  roles: ['coordinator'],
};
export const DIRECTORY_EDITOR: ApiClient = {
  clientId: 'directory-editor',
  clientSecret: 'editor-secret-0123456789',
  roles: ['admin'],
};

export interface TestProvider extends LocalProvider {
  dataDir: string;
}

/** The local provider for a console at `publicUrl`: on a free port and a fresh data dir unless given. */
export async function startTestProvider(
  publicUrl: string,
  { dataDir, port = 0 }: { dataDir?: string; port?: number } = {},
): Promise<TestProvider> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'concord-oidc-')));
  const provider = await startLocalProvider({
    port,
    dataDir: dir,
    publicUrl,
    accounts: await LocalAccounts.load([COORDINATOR]),
    apiClients: [WORKLIST, DIRECTORY_EDITOR],
  });
  return {
    ...provider,
    dataDir: dir,
    async stop() {
      await provider.stop();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A browser's cookies, enough for one host: name → value (paths ignored: sending more is harmless here). */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * What a browser does between the console's redirect to the provider and the provider's redirect back: follows
 * redirects, posts the sign-in form, and stops at the first URL that is not the provider's (the callback).
 * Answers that URL, or the sign-in page's status when the password is refused.
 */
export async function signInAtProvider(
  authorizationUrl: string,
  email: string,
  password: string,
): Promise<{ callbackUrl?: URL; refusedStatus?: number }> {
  const jar = new CookieJar();
  const issuerOrigin = new URL(authorizationUrl).origin;
  let url = new URL(authorizationUrl);
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 10; hop++) {
    if (url.origin !== issuerOrigin) return { callbackUrl: url };
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      body,
      headers: { cookie: jar.header() },
      redirect: 'manual',
    });
    jar.take(response);
    body = undefined;
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url);
      continue;
    }
    const page = await response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
    if (response.status === 401 || !action) return { refusedStatus: response.status };
    url = new URL(action, url);
    body = new URLSearchParams({ email, password });
  }
  throw new Error('Too many redirects at the provider');
}
