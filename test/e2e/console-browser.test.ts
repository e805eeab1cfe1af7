/**
 * A coordinator's whole path through the console in Chromium, over the local stack and its identity provider:
 * a page without a session goes to sign-in; signed in, the new case is in the queue; its page shows it whole;
 * approving its coverage there moves it on in the queue, and the emailed link then says it was decided in the
 * console; signing out ends it. Every console page: no serious or critical axe violation, and screenshots at
 * desktop width and at 390 px in test-results/screenshots/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_SEED_FILE } from '../../infra/local/seed.js';
import {
  approvalLink,
  isApprovalRequest,
  submitIntake,
  uncoveredIntake,
  viewCase,
  waitForEmail,
  waitForStatus,
} from '../support/stack/approvals.js';
import { launchChromium, screenshots, SCREENSHOTS, seriousViolations } from '../support/browser.js';
import { useTestStack } from '../support/stack/use-test-stack.js';

const SETUP_MS = 90_000;
const TEST_MS = 90_000;
const demo = JSON.parse(readFileSync(DEMO_SEED_FILE, 'utf8')) as {
  coordinators: Array<{ email: string; name: string; password: string }>;
};
const COORDINATOR = demo.coordinators[0]!;

describe("a coordinator's path through the console, in a real browser (Chromium, headless)", () => {
  const stack = useTestStack({ seedFile: DEMO_SEED_FILE }, { timeoutMs: SETUP_MS });
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    context = await browser.newContext();
  }, SETUP_MS);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  }, SETUP_MS);

  /** Axe finds nothing serious, and the page is photographed at desktop width and at 390 px. */
  async function check(page: Page, name: string): Promise<void> {
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, name);
  }

  const sessionCookie = async () =>
    (await context.cookies(stack.urls.api)).find((cookie) => cookie.name === 'concord_console');

  it(
    'signs in, finds the new case in the queue, opens it, approves its coverage, sees the queue move, signs out',
    async () => {
      const consoleUrl = `${stack.urls.api}/console`;
      const { intake, phi } = uncoveredIntake();
      const created = await submitIntake(stack, intake);
      const link = approvalLink(
        stack,
        await waitForEmail(stack, isApprovalRequest(created.caseId), 'approval'),
      );
      const caseUrl = `${consoleUrl}/cases/${created.caseId}`;
      const page = await context.newPage();
      const refusals: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
      });

      // Without a session, the console sends the person to sign in, at the provider.
      await page.goto(consoleUrl);
      expect(new URL(page.url()).origin).toBe(stack.urls.oidc);
      await page.getByLabel('Email').fill(COORDINATOR.email);
      await page.getByLabel('Password').fill(COORDINATOR.password);
      await page.getByRole('button', { name: 'Sign in' }).click();

      // The queue: the new case, waiting on a coordinator.
      await page.getByRole('heading', { level: 1, name: 'Work queue' }).waitFor();
      const row = page.locator('tr', {
        has: page.getByRole('link', { name: `Open case ${created.caseId}` }),
      });
      await expect(row.innerText()).resolves.toMatch(
        /Waiting for a coordinator to decide[\s\S]*A coordinator/,
      );
      await check(page, 'console-queue');

      // The case, whole: the patient (behind sign-in only), the step waiting, and its form.
      await row.getByRole('link').click();
      await page.getByRole('heading', { level: 1, name: `Case ${created.caseId.split('-')[0]}` }).waitFor();
      expect(page.url()).toBe(caseUrl);
      const casePage = await page.locator('main').innerText();
      expect(casePage).toContain(`${phi.firstName} ${phi.lastName}`);
      expect(casePage).toContain('Waiting for a person');
      const answer = await page.request.get(caseUrl);
      expect(answer.headers()['cache-control']).toBe('no-store');
      await check(page, 'console-case');

      // Approve the coverage (self-pay) from the console.
      const step = page.locator('article', { has: page.getByRole('heading', { name: /^Coverage/ }) });
      await step.getByRole('radio', { name: /self-pay/ }).check();
      await step.getByLabel(/Comment/).fill('Approved from the console');
      await step.getByRole('button', { name: 'Approve' }).click();
      await page.getByRole('status').filter({ hasText: 'Your decision is recorded' }).waitFor();
      await expect(page.locator('main').innerText()).resolves.toContain(`${COORDINATOR.email} (subject`);
      await check(page, 'console-case-decided');
      const view = await viewCase(stack, created);
      expect(view.timeline).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            type: 'approval-decided',
            actor: expect.stringContaining(COORDINATOR.email),
            detail: expect.stringContaining('Approved from the console'),
          }),
        ]),
      );

      // The queue moved: the case no longer waits on a coordinator.
      await waitForStatus(stack, created, 'gathering-records');
      await page.getByRole('link', { name: 'Work queue' }).click();
      await page.getByRole('heading', { level: 1, name: 'Work queue' }).waitFor();
      await expect(row.innerText()).resolves.toMatch(/Collecting medical records/);
      await expect(row.innerText()).resolves.not.toMatch(/A coordinator/);
      await check(page, 'console-queue-after');

      // The emailed link now says who decided, in the console.
      const emailed = await context.newPage();
      const refused = await emailed.goto(link);
      expect(refused?.status()).toBe(409);
      await expect(emailed.locator('main').innerText()).resolves.toContain(
        `Already decided in the console by ${COORDINATOR.email}`,
      );
      await emailed.close();

      // Sign out; the case page then asks for a sign-in again.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Finish signing out' }).waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Signed out' }).waitFor();
      expect(await sessionCookie()).toBeUndefined();
      await page.goto(caseUrl);
      await page.getByRole('heading', { level: 1, name: 'Sign in to Concord' }).waitFor();
      expect(new URL(page.url()).origin).toBe(stack.urls.oidc);
      expect(refusals).toEqual([]);
    },
    TEST_MS,
  );
});
