/**
 * The front door's new pages in Chromium (issue 20 §3–4, issue 23): the confirmation page and its answer, the
 * status page in English and Spanish, "email me my link again" and its answer. Each is checked with axe and
 * photographed at desktop and phone widths into test-results/screenshots.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible, launchChromium, screenshots, WIDTHS } from '../support/browser.js';
import {
  confirmationLink,
  signedLinkPattern,
  submitUnconfirmed,
  waitForEmail,
  waitForStatus,
  type SesEmail,
} from '../support/stack/inbox.js';
import { exampleIntake } from '../support/stack/stack.js';
import { useTestStack } from '../support/stack/use-test-stack.js';

const TEST_MS = 90_000;

describe('the front door in a browser (Chromium, headless)', () => {
  const stack = useTestStack();
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  }, TEST_MS);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  }, TEST_MS);

  async function open(url: string): Promise<Page> {
    const context = await browser.newContext({ viewport: WIDTHS.desktop });
    contexts.push(context);
    const page = await context.newPage();
    const answer = await page.goto(url);
    expect(answer?.status()).toBe(200);
    return page;
  }

  const statusLinkIn = (email: SesEmail) =>
    (email.body.text ?? '').match(signedLinkPattern(stack, 'status'))![0];

  it.each(['en', 'es'] as const)(
    'in %s: confirms from the emailed page, reads the status page, and asks for the link again',
    async (language) => {
      // Arrange
      const intake = exampleIntake();
      intake.patient.email = `browser-${language}@front-door.example`;
      intake.patient.preferredLanguage = language;
      const created = await submitUnconfirmed(stack, intake);
      const words =
        language === 'es'
          ? {
              confirm: 'Sí, esta es mi solicitud',
              done: 'Gracias: su solicitud está confirmada',
              ask: 'Envíenme un enlace nuevo',
              sent: 'Revise su correo',
              ack: 'Empezamos',
            }
          : {
              confirm: 'Yes, this is my request',
              done: 'Thank you: your request is confirmed',
              ask: 'Email me a new link',
              sent: 'Check your email',
              ack: 'We have started',
            };

      // Act / Assert: the confirmation page, then its answer
      const page = await open(await confirmationLink(stack, created.caseId));
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(language);
      await expectAccessible(page);
      await screenshots(page, `confirmation-${language}`);
      await page.getByRole('button', { name: words.confirm }).click();
      await page.getByRole('heading', { name: words.done }).waitFor();
      await expectAccessible(page);
      await screenshots(page, `confirmation-done-${language}`);

      // The status page, from the acknowledgement
      await waitForStatus(stack, created, 'gathering-records');
      const ack = await waitForEmail(
        stack,
        (e) => e.subject.startsWith(words.ack) && e.destination.to.includes(intake.patient.email),
        'the acknowledgement',
      );
      const status = await open(statusLinkIn(ack));
      await expect(status.locator('html').getAttribute('lang')).resolves.toBe(language);
      await expectAccessible(status);
      await screenshots(status, `status-${language}`);

      // "Email me my link again", filled by keyboard
      await status.locator('#resend-email').fill(intake.patient.email);
      await status.getByRole('button', { name: words.ask }).click();
      await status.getByRole('heading', { name: words.sent }).waitFor();
      await expectAccessible(status);
      await screenshots(status, `link-requested-${language}`);
    },
    TEST_MS,
  );
});
