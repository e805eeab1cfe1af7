/**
 * The console's door in Chromium, over the whole local stack and its identity provider: sign in (a wrong
 * password first), the signed-in page, signing out; programs with client-credentials tokens; forged posts.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_SEED_FILE } from '../../infra/local/seed.js';
import { close, listen } from '../../infra/local/servers.js';
import { launchChromium, screenshots, SCREENSHOTS, seriousViolations } from '../support/browser.js';
import { startTestStack, type TestStack } from '../support/stack/stack.js';

const SETUP_MS = 90_000;
const TEST_MS = 60_000;
const demo = JSON.parse(readFileSync(DEMO_SEED_FILE, 'utf8')) as {
  coordinators: Array<{ email: string; name: string; password: string }>;
  apiClients: Array<{ clientId: string; clientSecret: string }>;
};
const COORDINATOR = demo.coordinators[0]!;
const WORKLIST = demo.apiClients[0]!;
/** A program that may keep the directory but not run cases. */
const DIRECTORY_EDITOR = {
  clientId: 'directory-editor',
  clientSecret: 'directory-editor-secret',
  roles: ['admin'],
};

describe('the console sign-in, in a real browser (Chromium, headless)', () => {
  let stack: TestStack;
  let browser: Browser;
  let context: BrowserContext;
  let consoleUrl: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const seedFile = join(SCREENSHOTS, '..', 'console-seed.json');
    writeFileSync(seedFile, JSON.stringify({ ...demo, apiClients: [...demo.apiClients, DIRECTORY_EDITOR] }));
    stack = await startTestStack({ seedFile });
    consoleUrl = `${stack.urls.api}/console`;
    browser = await launchChromium();
  }, SETUP_MS);

  beforeEach(async () => {
    context = await browser.newContext();
  });

  afterEach(async () => {
    await context?.close();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, SETUP_MS);

  async function sessionCookie() {
    return (await context.cookies(consoleUrl)).find((cookie) => cookie.name === 'concord_console');
  }

  async function signIn(page: Page): Promise<void> {
    await page.goto(consoleUrl);
    await page.getByLabel('Email').fill(COORDINATOR.email);
    await page.getByLabel('Password').fill(COORDINATOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Work queue' }).waitFor();
  }

  it(
    'redirects to sign-in, refuses a wrong password, lands on /console with the name, signs out, and redirects again',
    async () => {
      const page = await context.newPage();
      const refusals: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
      });

      // A page without a session goes to sign-in, at the provider.
      const first = await page.goto(consoleUrl);
      const chain: string[] = [];
      for (let request = first?.request() ?? null; request; request = request.redirectedFrom()) {
        chain.unshift(request.url());
      }
      expect(chain.slice(0, 2)).toEqual([
        consoleUrl,
        `${stack.urls.api}/console/sign-in?returnTo=%2Fconsole`,
      ]);
      expect(new URL(page.url()).origin).toBe(stack.urls.oidc);
      await page.getByRole('heading', { level: 1, name: 'Sign in to Concord' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshots(page, 'console-sign-in');

      // A wrong password: the error is announced, the email kept, and no session.
      await page.getByLabel('Email').fill(COORDINATOR.email);
      await page.getByLabel('Password').fill('not the password');
      const [refused] = await Promise.all([
        page.waitForResponse((response) => response.request().method() === 'POST'),
        page.keyboard.press('Enter'),
      ]);
      expect(refused.status()).toBe(401);
      await expect(page.getByRole('alert').innerText()).resolves.toMatch(/do not match an account/);
      await expect(page.getByLabel('Email').inputValue()).resolves.toBe(COORDINATOR.email);
      await expect(page.getByLabel('Password').getAttribute('aria-invalid')).resolves.toBe('true');
      expect(await sessionCookie()).toBeUndefined();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshots(page, 'console-sign-in-refused');

      // The right password: back on the console, signed in, by keyboard alone.
      await page.getByLabel('Password').fill(COORDINATOR.password);
      await page.getByLabel('Password').press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Work queue' }).waitFor();
      expect(page.url()).toBe(consoleUrl);
      await expect(page.locator('main').innerText()).resolves.toContain(COORDINATOR.name);
      const cookie = await sessionCookie();
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/console', secure: false });
      expect(cookie!.expires - Date.now() / 1000).toBeLessThanOrEqual(900);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshots(page, 'console-queue-signed-in');
      const answer = await page.request.get(consoleUrl);
      expect(answer.headers()['cache-control']).toBe('no-store');

      // Sign out: the session ends here, then at the provider, which sends the person back.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Finish signing out' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Signed out' }).waitFor();
      expect(page.url()).toBe(`${stack.urls.api}/console/sign-out`);
      expect(await sessionCookie()).toBeUndefined();

      // And the console asks for a sign-in again.
      await page.goto(consoleUrl);
      await page.getByRole('heading', { level: 1, name: 'Sign in to Concord' }).waitFor();
      expect(refusals).toEqual([]);
    },
    TEST_MS,
  );

  it(
    'refuses a post from another origin, and one without the session token, changing nothing',
    async () => {
      const page = await context.newPage();
      await signIn(page);
      // Another origin on the same site (127.0.0.1, another port): the browser sends the Strict cookie.
      const attacker = attackerSite(`${stack.urls.api}/console/sign-out`);
      const attackerPort = await listen(attacker, 0);
      try {
        const forged = await context.newPage();
        const [answer] = await Promise.all([
          forged.waitForResponse((response) => response.url().endsWith('/console/sign-out')),
          forged.goto(`http://127.0.0.1:${attackerPort}/`),
        ]);
        expect(answer.status()).toBe(403);
        expect(answer.request().headers().cookie ?? (await answer.request().allHeaders()).cookie).toContain(
          'concord_console=',
        );
      } finally {
        await close(attacker);
      }

      // From the console's origin with the browser's cookie, but without the session's token.
      const withoutToken = await page.request.post(`${stack.urls.api}/console/sign-out`, {
        headers: { origin: stack.urls.api },
        form: { csrf: 'guess' },
        maxRedirects: 0,
      });
      expect(withoutToken.status()).toBe(403);

      // Still signed in: nothing changed.
      await page.reload();
      await expect(page.locator('main').innerText()).resolves.toContain(COORDINATOR.name);
      expect(await sessionCookie()).toBeDefined();
    },
    TEST_MS,
  );

  it('lets a program in with a client-credentials token, and no one without one or without the role', async () => {
    const token = async (client: { clientId: string; clientSecret: string }, scope: string) => {
      const response = await fetch(`${stack.urls.oidc}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { access_token: string }).access_token;
    };
    const asJson = (authorization?: string) =>
      stack.api('/console', {
        headers: { accept: 'application/json', ...(authorization ? { authorization } : {}) },
      });

    const program = await asJson(`Bearer ${await token(WORKLIST, 'concord/coordinator')}`);
    const anonymous = await asJson();
    const editor = await asJson(`Bearer ${await token(DIRECTORY_EDITOR, 'concord/admin')}`);

    expect(program.status).toBe(200);
    expect(program.headers.get('cache-control')).toBe('no-store');
    expect(await program.json()).toEqual({
      principal: {
        kind: 'program',
        subject: WORKLIST.clientId,
        clientId: WORKLIST.clientId,
        roles: ['coordinator'],
      },
      items: [],
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
    expect(await anonymous.json()).toMatchObject({ status: 401, errors: [] });
    expect(editor.status).toBe(403);
    expect(await editor.json()).toMatchObject({ status: 403, detail: 'This needs the coordinator role' });
  });
});

/** A page on another origin whose form posts itself to the console (what a forged request looks like). */
function attackerSite(target: string): Server {
  return createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(`<!doctype html><html lang="en"><body onload="document.forms[0].submit()">
      <form method="post" action="${target}"><input type="hidden" name="csrf" value="guess" /></form>
    </body></html>`);
  });
}
