import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible, launchChromium, screenshots, SCREENSHOTS, WIDTHS } from '../support/browser.js';
import {
  correctMistakes,
  fillWithMistakes,
  INTAKE_WORDS,
  QUESTION,
  type Language,
} from '../support/intake-form.js';
import { startTestStack, type TestStack } from '../support/stack/stack.js';

const SETUP_MS = 90_000;
const TEST_MS = 120_000;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** The intake's pages, named for the screenshots folder. */
const intakeScreenshots = (page: Page, name: string) => screenshots(page, `intake-${name}`);

/** The element a field's error is, as the field's aria-describedby names it. */
async function errorBeside(page: Page, id: string): Promise<string> {
  const described = (await page.locator(`[id="${id}"]`).getAttribute('aria-describedby')) ?? '';
  const errorId = described.split(' ').find((token) => token.endsWith('-error'));
  expect(errorId).toBe(`${id}-error`);
  return page.locator(`[id="${errorId}"]`).innerText();
}

describe('a patient asks for a second opinion on the intake page (Chromium, headless)', () => {
  let stack: TestStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startTestStack();
    browser = await launchChromium();
  }, SETUP_MS);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.stop();
  }, SETUP_MS);

  /** A browser whose language is the patient's: the page follows Accept-Language. */
  async function openIntake(language: Language) {
    const context = await browser.newContext({
      locale: language === 'es' ? 'es-MX' : 'en-US',
      viewport: WIDTHS.desktop,
    });
    contexts.push(context);
    const page = await context.newPage();
    // The page runs no script and loads nothing: any CSP refusal means something tried to.
    const refusals: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
    });
    const opened = await page.goto(`${stack.urls.api}/`);
    expect(opened?.status()).toBe(200);
    return { page, refusals };
  }

  it.each(['en', 'es'] as const)(
    'in %s: fills the form with mistakes, sees each beside its field with what was typed, corrects them and gets a case number',
    async (language) => {
      // Arrange
      const words = INTAKE_WORDS[language];
      const { page, refusals } = await openIntake(language);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(language);
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(words.title);
      await expectAccessible(page);
      await intakeScreenshots(page, `${language}-empty`);

      // Act: a form with mistakes (an email without a domain, a birth date to come, no code, no reason).
      await fillWithMistakes(page);
      await page.getByRole('button', { name: words.submit }).click();

      // Assert: back on the form, the summary focused, each mistake beside its field, what was typed kept.
      await page.getByRole('heading', { name: words.problem }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/intake/corrections');
      await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe('error-summary');
      await expect(errorBeside(page, 'email')).resolves.toContain(words.email);
      await expect(errorBeside(page, 'dateOfBirth')).resolves.toContain(words.dateOfBirth);
      await expect(errorBeside(page, 'icd10')).resolves.toContain(words.icd10);
      await expect(errorBeside(page, 'reasons')).resolves.toContain(words.reasons);
      expect(await page.locator('.error-summary li').count()).toBe(4);
      await expect(page.locator('#firstName').inputValue()).resolves.toBe('Ana <b>');
      await expect(page.locator('#email').inputValue()).resolves.toBe('ana@');
      await expect(page.locator('#state').inputValue()).resolves.toBe('CA');
      await expect(page.locator('#treatment2').inputValue()).resolves.toBe('chemotherapy');
      await expect(page.locator('#insurance-self-pay').isChecked()).resolves.toBe(true);
      await expect(page.locator('#question1').inputValue()).resolves.toBe(QUESTION);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(language);
      await expectAccessible(page);
      await intakeScreenshots(page, `${language}-errors`);
      // The summary's first link takes the reader to the field.
      await page.locator('.error-summary a').first().click();
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('dateOfBirth');

      // Act: corrected; the cancer chosen from the list instead of a code.
      await correctMistakes(page, language);
      await page.getByRole('button', { name: words.submit }).click();

      // Assert: the receipt, in the patient's language; the case is stored as typed.
      await page.getByRole('heading', { name: words.received }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/intake/received');
      const codes = await page.locator('dl.codes dd').allInnerTexts();
      expect(codes[0]).toMatch(new RegExp(`^${UUID.source}$`));
      await expect(page.locator('main').innerText()).resolves.toContain(words.caseId);
      await expectAccessible(page);
      await intakeScreenshots(page, `${language}-received`);
      const view = await stack.api(`/cases/${codes[0]}`, {
        headers: { authorization: `Bearer ${codes[1]}` },
      });
      expect(view.status).toBe(200);
      await expect(view.json()).resolves.toMatchObject({ caseId: codes[0], cancerType: 'breast' });
      // Shown once: a reload says so, and shows neither code.
      const reloaded = await page.reload();
      expect(reloaded?.status()).toBe(410);
      await expect(page.locator('main').innerText()).resolves.not.toContain(codes[1]!);
      expect(refusals).toEqual([]);
    },
    TEST_MS,
  );

  it(
    'completes the form with the keyboard alone: Tab, typing, Space and Enter',
    async () => {
      // Arrange
      const { page } = await openIntake('en');
      const keyboard = page.keyboard;
      /** Tabs forward until the element is focused: every field is reached in the order it reads. */
      async function tabTo(id: string) {
        for (let presses = 0; presses < 120; presses++) {
          await keyboard.press('Tab');
          if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
        }
        throw new Error(`Tab never reached #${id}`);
      }
      const typeInto = async (id: string, text: string) => {
        await tabTo(id);
        await keyboard.type(text);
      };

      // Act
      await typeInto('firstName', 'Kai');
      await typeInto('lastName', 'Keys');
      await typeInto('dateOfBirth', '07141975');
      await typeInto('email', 'kai@example.org');
      await typeInto('state', 'Texas');
      await typeInto('icd10', 'C61');
      await typeInto('stage', 'IIB');
      await typeInto('firstOpinionPhysicianName', 'Dr. Ortiz');
      await typeInto('firstOpinionOrganization', 'Hill Country Urology');
      await typeInto('treatment1', 'Radiation');
      await tabTo('insurance-plan');
      await keyboard.press('Space');
      await typeInto('payerId', 'Acme');
      await typeInto('memberId', 'A123456789');
      await tabTo('reason-nothing-missed');
      await keyboard.press('Space');
      await typeInto('question1', 'Is active surveillance an option?');
      await tabTo('consultation-virtual');
      await keyboard.press('Tab');
      await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe(
        'Send my request',
      );
      await keyboard.press('Enter');

      // Assert
      await page.getByRole('heading', { name: INTAKE_WORDS.en.received }).waitFor();
      const [caseId, accessToken] = await page.locator('dl.codes dd').allInnerTexts();
      const view = await stack.api(`/cases/${caseId}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      await expect(view.json()).resolves.toMatchObject({ cancerType: 'prostate' });
    },
    TEST_MS,
  );
});
