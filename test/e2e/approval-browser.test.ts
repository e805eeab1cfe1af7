import type { Browser, BrowserContext } from 'playwright-core';
import {
  approvalLink,
  CallbackTable,
  callbackIdOf,
  COORDINATOR,
  isApprovalRequest,
  settlePending,
  submitIntake,
  uncoveredIntake,
  viewCase,
  waitForEmail,
} from '../support/stack/approvals.js';
import { uploadRequiredRecords } from '../support/stack/records.js';
import { waitForProposal } from '../support/stack/review.js';
import { expectAccessible, launchChromium, screenshots } from '../support/browser.js';
import { useTestStack } from '../support/stack/use-test-stack.js';

const SCREENSHOT = '/tmp/approval.png';
const PAGE_SCREENSHOT = '/tmp/approval-page.png';
const SETUP_MS = 90_000;
const TEST_MS = 60_000;

describe('a coordinator approves in a real browser (Chromium, headless)', () => {
  let callbacks: CallbackTable;
  let browser: Browser;
  let context: BrowserContext;
  const requested: Array<{
    created: { caseId: string; accessToken: string };
    link: string;
    callbackId: string;
  }> = [];

  const stack = useTestStack(
    {},
    {
      timeoutMs: SETUP_MS,
      async beforeStop(running) {
        await settlePending(running, callbacks, requested);
        callbacks?.destroy();
      },
    },
  );

  beforeAll(async () => {
    callbacks = new CallbackTable(stack);
    browser = await launchChromium();
    context = await browser.newContext();
  }, SETUP_MS);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  }, SETUP_MS);

  it(
    'opens the emailed link, clicks Approve, sees the decision recorded, and a reload says already decided',
    async () => {
      // Arrange
      const { intake, phi } = uncoveredIntake();
      const created = await submitIntake(stack, intake);
      const email = await waitForEmail(stack, isApprovalRequest(created.caseId), 'the approval email');
      const link = approvalLink(stack, email);
      requested.push({ created, link, callbackId: callbackIdOf(link) });
      const page = await context.newPage();
      // The page loads nothing and runs no script: any CSP refusal means it tried to.
      const refusals: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
      });
      const opened = await page.goto(link);
      expect(opened?.status()).toBe(200);
      expect(await page.title()).toMatch(/^Approval needed/);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(
        /^Approval needed/,
      );
      const body = await page.locator('body').innerText();
      expect(body).toContain(created.caseId);
      for (const value of Object.values(phi)) expect(body).not.toContain(value);
      await expect(page.getByRole('radio', { name: /self-pay/ }).isChecked()).resolves.toBe(true);
      await page.getByLabel(/Comment/).fill('Approved from the browser test');
      await page.screenshot({ path: PAGE_SCREENSHOT, fullPage: true });
      await expectAccessible(page);
      await screenshots(page, 'approval');

      // Act
      const [decided] = await Promise.all([
        page.waitForResponse((response) => response.request().method() === 'POST'),
        page.getByRole('button', { name: 'Approve' }).click(),
      ]);

      // Assert
      expect(decided.status()).toBe(200);
      await page.getByRole('heading', { name: 'Decision recorded' }).waitFor();
      await expect(page.locator('main').innerText()).resolves.toContain(COORDINATOR);
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      await expectAccessible(page);
      await screenshots(page, 'approval-decided');
      // Approved, the case gathers records; once they have all arrived it goes on to a specialist.
      await uploadRequiredRecords(stack.urls.api, created.caseId, created.accessToken);
      const view = await waitForProposal(stack, created);
      expect(view.timeline).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            type: 'approval-decided',
            actor: COORDINATOR,
            detail: expect.stringContaining('Approved from the browser test'),
          }),
        ]),
      );
      expect(refusals).toEqual([]);

      const reloaded = await page.reload();
      expect(reloaded?.status()).toBe(409);
      await page.getByRole('heading', { name: 'Already decided' }).waitFor();
      await expect(page.locator('main').innerText()).resolves.toMatch(/first decision stands/i);
      expect(
        (await viewCase(stack, created)).timeline.filter((e) => e.type === 'approval-decided'),
      ).toHaveLength(1);
    },
    TEST_MS,
  );
});
