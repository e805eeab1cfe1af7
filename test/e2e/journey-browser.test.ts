/**
 * The patient's whole journey in Chromium (issue 23, Done when), in English and in Spanish: the intake form
 * filled with mistakes and then right, the request confirmed from the emailed page, the status link from the
 * acknowledgement, every required record uploaded from the page and each seen confirmed, the report read
 * from the status page, and the status and report links once the coordinator has taken the case's links back.
 * Each page: axe (no serious or critical violation) and screenshots at desktop and 390 px (test-results/screenshots).
 */
import type { Browser, Page } from 'playwright-core';
import { FILES } from '../support/files.js';
import { expectAccessible, launchChromium, screenshots, WIDTHS } from '../support/browser.js';
import { correctMistakes, fillWithMistakes, INTAKE_WORDS, type Language } from '../support/intake-form.js';
import { pollUntil } from '../support/poll.js';
import { consoleAction, programToken } from '../support/stack/console-actions.js';
import {
  confirmationLink,
  signedLinkPattern,
  waitForEmail,
  waitForStatus,
  type Created,
} from '../support/stack/inbox.js';
import { storedCase } from '../support/stack/insurance.js';
import { REQUIRED_RECORD_TYPES } from '../support/stack/records.js';
import { agreeingOpinion, playReview } from '../support/stack/review.js';
import { useTestStack } from '../support/stack/use-test-stack.js';

const SETUP_MS = 90_000;
const TEST_MS = 240_000;

/** What the patient reads on the way, in their language (beside the intake's words). */
const WORDS = {
  en: {
    confirm: 'Yes, this is my request',
    confirmed: 'Thank you: your request is confirmed',
    ack: 'We have started',
    status: 'Your second-opinion request',
    upload: 'Upload medical records',
    counted: 'arrived, was checked and is counted',
    read: 'Read the report',
    report: 'Your second-opinion report',
    agree: 'The opinions agree on the diagnosis, the stage and the treatment plan.',
    question: 'Answers to your questions',
    gone: 'This link no longer works',
    takenBack: 'Your care team took this link back',
  },
  es: {
    confirm: 'Sí, esta es mi solicitud',
    confirmed: 'Gracias: su solicitud está confirmada',
    ack: 'Empezamos',
    status: 'Su solicitud de segunda opinión',
    upload: 'Subir expedientes médicos',
    counted: 'llegó, fue revisado y quedó registrado',
    read: 'Leer el informe',
    report: 'Su informe de segunda opinión',
    agree: 'Las opiniones coinciden en el diagnóstico, el estadio y el plan de tratamiento.',
    question: 'Respuestas a sus preguntas',
    gone: 'Este enlace ya no funciona',
    takenBack: 'Su equipo de atención retiró este enlace',
  },
} as const;

describe("a patient's journey from the intake form to the report (Chromium, headless)", () => {
  const stack = useTestStack({ settings: { CONCORD_OPINION_SLA_SECONDS: '600' } }, { timeoutMs: SETUP_MS });
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, SETUP_MS);

  afterAll(async () => {
    await browser?.close();
  }, SETUP_MS);

  /** Axe, then the page at both widths, named `journey-<step>-<language>`; nothing wider than the phone. */
  async function looked(page: Page, step: string, language: Language): Promise<void> {
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe(language);
    await expectAccessible(page);
    expect(await screenshots(page, `journey-${step}-${language}`)).toEqual({ desktop: 0, phone: 0 });
  }

  it.each(['en', 'es'] as const)(
    'in %s: asks, confirms, follows the case, uploads each record and reads the report',
    async (language) => {
      const words = WORDS[language];
      const email = `ana-${language}@journey.example`;
      const context = await browser.newContext({
        locale: language === 'es' ? 'es-MX' : 'en-US',
        viewport: WIDTHS.desktop,
      });
      const page = await context.newPage();
      const refusals: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
      });

      // The intake form: with mistakes, then right.
      expect((await page.goto(`${stack.urls.api}/`))?.status()).toBe(200);
      await fillWithMistakes(page);
      await page.getByRole('button', { name: INTAKE_WORDS[language].submit }).click();
      await page.getByRole('heading', { name: INTAKE_WORDS[language].problem }).waitFor();
      await correctMistakes(page, language, email);
      await page.getByRole('button', { name: INTAKE_WORDS[language].submit }).click();
      await page.getByRole('heading', { name: INTAKE_WORDS[language].received }).waitFor();
      const [caseId, accessToken] = await page.locator('dl.codes dd').allInnerTexts();
      const created: Created = { caseId: caseId!, accessToken: accessToken! };

      // Confirmed from the emailed page.
      await page.goto(await confirmationLink(stack, created.caseId));
      await page.getByRole('button', { name: words.confirm }).click();
      await page.getByRole('heading', { name: words.confirmed }).waitFor();

      // The status link, from the acknowledgement in the patient's language.
      await waitForStatus(stack, created, 'gathering-records');
      const ack = await waitForEmail(
        stack,
        (e) => e.subject.startsWith(words.ack) && e.destination.to.includes(email),
        'the acknowledgement',
      );
      const statusLink = (ack.body.text ?? '').match(signedLinkPattern(stack, 'status'))![0];
      expect((await page.goto(statusLink))?.status()).toBe(200);
      await page.getByRole('heading', { level: 1, name: words.status }).waitFor();
      await looked(page, 'status', language);

      // Every required record from the upload page, each confirmed on return.
      await page.getByRole('link', { name: words.upload }).click();
      await looked(page, 'upload', language);
      const uploadPage = page.url();
      const confirmations: string[] = [];
      for (const type of REQUIRED_RECORD_TYPES) {
        const form = page.locator(`form[data-record-type="${type}"]`);
        await form.locator('input[type="file"]').setInputFiles({
          name: `${type}.pdf`,
          mimeType: 'application/pdf',
          buffer: FILES.pdf(),
        });
        await Promise.all([
          page.waitForURL((url) => url.searchParams.has('key')),
          form.locator('button[type="submit"]').click(),
        ]);
        confirmations.push(
          await pollUntil(
            async () => {
              await page.reload();
              return page.getByRole('status').innerText();
            },
            (text) => text.includes(words.counted),
            { attempts: 100, intervalMs: 200, what: `${type} confirmed on the upload page` },
          ),
        );
        if (type === 'pathology-report') await looked(page, 'upload-received', language);
        await page.goto(uploadPage);
      }

      // A specialist agrees with the first opinion; the patient reads the report from the status page.
      await waitForStatus(stack, created, 'awaiting-coordinator');
      const record = await storedCase(stack, created.caseId);
      await playReview(stack, created.caseId, agreeingOpinion(record!.intake));
      await waitForStatus(stack, created, 'completed');
      await page.goto(statusLink);
      await looked(page, 'status-done', language);
      await page.getByRole('link', { name: words.read }).click();
      await page.getByRole('heading', { level: 1, name: words.report }).waitFor();
      const report = await page.locator('main').innerText();
      const reportUrl = page.url();
      await looked(page, 'report', language);
      const pdfHref = await page.locator('a[download]').getAttribute('href');
      const pdf = await page.request.get(new URL(pdfHref!, page.url()).href);

      // The coordinator takes the case's links back: the status link says so.
      const takenBack = await consoleAction(
        stack,
        await programToken(stack),
        created.caseId,
        'take-back-links',
        {
          reason: 'The patient asked for new links',
        },
      );
      expect((await page.goto(statusLink))?.status()).toBe(410);
      await page.getByRole('heading', { level: 1, name: words.gone }).waitFor();
      const gone = await page.locator('main').innerText();
      await looked(page, 'link-taken-back', language);
      // The report link too, in the reader's language.
      expect((await page.goto(reportUrl))?.status()).toBe(410);
      const reportGone = await page.locator('main').innerText();
      await looked(page, 'report-taken-back', language);

      // Assert
      expect(confirmations).toHaveLength(REQUIRED_RECORD_TYPES.length);
      expect(record!.intake.patient.preferredLanguage).toBe(language);
      expect(report).toContain(words.agree);
      expect(report).toContain(words.question);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect(takenBack.status).toBe(200);
      expect(gone).toContain(words.takenBack);
      expect(reportGone).toContain(words.takenBack);
      expect(refusals).toEqual([]);
      await context.close();
    },
    TEST_MS,
  );
});
