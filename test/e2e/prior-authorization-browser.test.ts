import type { Browser, Page } from 'playwright-core';
import type { CallbackRecord } from '../../functions/domain/callback.js';
import { PriorAuthorizationAnswerSchema } from '../../functions/schemas/decisions.js';
import { priorAuthorizationPage } from '../../functions/views/prior-authorization-page.js';
import { expectAccessible, launchChromium, screenshots } from '../support/browser.js';

const SETUP_MS = 60_000;

const CALLBACK = {
  callbackId: 'cb-prior-auth-0001',
  caseId: '0b6c1c2e-8f4a-4c57-9a51-5d1b7f2f6e10',
  kind: 'prior-authorization',
  purpose: 'prior-authorization',
  round: 1,
  status: 'pending',
  recipient: 'pa@payer.example',
  taskToken: 't',
  createdAt: '2026-12-01T00:00:00Z',
  expiresAt: 2_000_000_000,
  remindersSent: 0,
} as CallbackRecord;

describe("the insurer's reference field in a real browser (Chromium, headless)", () => {
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    // axe reads the page through its context's frames: a page of its own context.
    page = await (await browser.newContext()).newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.setContent(priorAuthorizationPage(CALLBACK, [['Member', 'M-1']], 'k1.2000000000.mac').body);
  }, SETUP_MS);

  afterAll(async () => {
    await browser?.close();
  }, SETUP_MS);

  const validity = (value: string) =>
    page.locator('#reference').evaluate((input: HTMLInputElement, typed) => {
      input.value = typed;
      return { valid: input.checkValidity(), patternMismatch: input.validity.patternMismatch };
    }, value);

  it.each(['PA-2026/0042', 'A', 'ref.7_b', `A${'b'.repeat(63)}`])(
    'accepts %p, as the API does',
    async (value) => {
      await expect(validity(value)).resolves.toEqual({ valid: true, patternMismatch: false });
    },
  );

  it.each(['-starts-with-dash', 'has space', 'semi;colon', 'ünïcode'])(
    'refuses %p before the form is sent: the pattern compiles and checks',
    async (value) => {
      await expect(validity(value)).resolves.toEqual({ valid: false, patternMismatch: true });
      expect(
        PriorAuthorizationAnswerSchema.safeParse({ decision: 'approved', reference: value }).success,
      ).toBe(false);
    },
  );

  it('has no serious or critical WCAG 2.2 AA violation, at desktop and phone width', async () => {
    await expectAccessible(page);
    await screenshots(page, 'prior-authorization');
  });

  it('compiles its pattern without complaint (Chromium logs one it cannot use, then checks nothing)', () => {
    expect(consoleErrors.filter((text) => /pattern/i.test(text))).toEqual([]);
  });
});
