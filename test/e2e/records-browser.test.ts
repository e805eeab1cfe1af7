import type { Browser, BrowserContext } from 'playwright-core';
import { insured, submitIntake, waitForEmail, type Created } from '../support/stack/insurance.js';
import { FILES } from '../support/files.js';
import { isRecordsRequest, uploadLinkIn } from '../support/stack/records-email.js';
import { checklistRows, refusedItems } from '../support/stack/upload-page.js';
import { pollUntil } from '../support/poll.js';
import { listRecords, uploadRequiredRecords } from '../support/stack/records.js';
import { expectAccessible, launchChromium, screenshots } from '../support/browser.js';
import { useTestStack } from '../support/stack/use-test-stack.js';

const SCREENSHOT = '/tmp/records-upload.png';
const SETUP_MS = 90_000;
const TEST_MS = 60_000;
const PHYSICIAN = 'lee@clinic.example';

describe('a physician uploads a record in a real browser (Chromium, headless)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let theCase: Created | undefined;
  let spanishCase: Created | undefined;
  const stack = useTestStack(
    { settings: { CONCORD_RECORDS_REMINDER_SECONDS: '600' } },
    {
      timeoutMs: SETUP_MS,
      // Leave no case waiting for records.
      async beforeStop(running) {
        for (const created of [theCase, spanishCase]) {
          if (!created) continue;
          const { missing } = await listRecords(running.urls.api, created.caseId, created.accessToken);
          if (missing.length > 0)
            await uploadRequiredRecords(running.urls.api, created.caseId, created.accessToken, {
              types: missing,
            });
        }
      },
    },
  );

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext();
  }, SETUP_MS);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  }, SETUP_MS);

  it(
    'opens the emailed link, chooses a PDF on the pathology-report form, uploads it, lands back on the page and sees it received',
    async () => {
      // Arrange
      const created = await submitIntake(stack, insured('acme-health'));
      theCase = created;
      const email = await waitForEmail(
        stack,
        isRecordsRequest(created.caseId, PHYSICIAN),
        'the records request to the physician',
      );
      const link = uploadLinkIn(stack, email);
      const page = await context.newPage();
      // The page runs no script and loads nothing; any CSP refusal means something tried to.
      const refusals: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
      });
      const opened = await page.goto(link);
      expect(opened?.status()).toBe(200);
      expect(await page.title()).toMatch(/^Upload medical records/);
      await expect(page.locator('body').innerText()).resolves.toContain(created.caseId);
      const form = page.locator('form[data-record-type="pathology-report"]');
      await expect(form.count()).resolves.toBe(1);

      // Act
      await form.getByLabel('File for Pathology report').setInputFiles({
        name: 'pathology-report.pdf',
        mimeType: 'application/pdf',
        buffer: FILES.pdf(),
      });
      const [posted] = await Promise.all([
        page.waitForResponse(
          (response) => response.request().method() === 'POST' && response.url().startsWith(stack.urls.s3),
        ),
        form.getByRole('button', { name: 'Upload Pathology report' }).click(),
      ]);
      // S3 sends the browser back to the page, adding bucket, key and etag to its query.
      await page.waitForURL((url) => url.pathname === new URL(link).pathname && url.searchParams.has('key'));
      const backOnPage = page.url();
      const rows = await pollUntil(
        async () => {
          await page.reload();
          return checklistRows(await page.content());
        },
        (current) => current.get('pathology-report')?.status === 'Received',
        { attempts: 50, intervalMs: 200, what: 'pathology-report shown as received after a reload' },
      );
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      await expectAccessible(page);
      await screenshots(page, 'upload-received');

      // Assert
      expect(posted.status()).toBe(303);
      expect(new URL(backOnPage).origin).toBe(new URL(link).origin);
      expect(new URL(backOnPage).searchParams.get('sig')).toBe(new URL(link).searchParams.get('sig'));
      expect(rows.get('pathology-report')).toEqual({ required: 'Required', status: 'Received' });
      for (const type of ['imaging', 'lab-results', 'treatment-plan', 'physician-notes'])
        expect(rows.get(type)).toEqual({ required: 'Required', status: 'Not yet' });
      // The page confirms the file it came back from: counted, once checked.
      await expect(page.getByRole('status').innerText()).resolves.toContain(
        'your file for Pathology report arrived, was checked and is counted',
      );
      expect(refusedItems(await page.content())).toEqual([]);
      const list = await listRecords(stack.urls.api, created.caseId, created.accessToken);
      expect(list.records).toEqual([
        expect.objectContaining({ type: 'pathology-report', status: 'received' }),
      ]);
      expect(list.missing).toEqual(['imaging', 'lab-results', 'treatment-plan', 'physician-notes']);
      expect(refusals).toEqual([]);
    },
    TEST_MS,
  );

  it(
    'a patient without a physician, who reads Spanish, gets the page in Spanish and sees a refused file explained',
    async () => {
      // Arrange: no referring physician, so the records request goes to the patient
      const draft = insured('acme-health');
      delete draft.referringPhysician;
      draft.submittedBy = 'patient';
      draft.patient.preferredLanguage = 'es';
      const created = await submitIntake(stack, draft);
      spanishCase = created;
      const email = await waitForEmail(
        stack,
        isRecordsRequest(created.caseId, draft.patient.email),
        'the records request to the patient',
      );
      const page = await context.newPage();
      await page.goto(uploadLinkIn(stack, email));
      const form = page.locator('form[data-record-type="lab-results"]');

      // Act: a program where lab results belong
      await form.getByLabel('Archivo de Resultados de laboratorio').setInputFiles({
        name: 'labs.pdf',
        mimeType: 'application/pdf',
        buffer: FILES.elf(),
      });
      await Promise.all([
        page.waitForURL((url) => url.searchParams.has('key')),
        form.getByRole('button', { name: 'Subir Resultados de laboratorio' }).click(),
      ]);
      const notice = await pollUntil(
        async () => {
          await page.reload();
          return page.getByRole('status').innerText();
        },
        (text) => text.includes('No pudimos aceptar'),
        { attempts: 50, intervalMs: 200, what: 'the refusal shown on return' },
      );

      // Assert
      expect(await page.locator('html').getAttribute('lang')).toBe('es');
      expect(await page.title()).toMatch(/^Subir expedientes médicos/);
      expect(notice).toContain(
        'No pudimos aceptar su archivo de Resultados de laboratorio. Este archivo es un programa',
      );
      await expect(page.locator('body').innerText()).resolves.toContain('como máximo 200 MB por archivo');
      await expectAccessible(page);
      await screenshots(page, 'upload-refused-es');
    },
    TEST_MS,
  );

  it('an expired link says why and where a fresh one comes from', async () => {
    // Arrange
    const page = await context.newPage();

    // Act
    const opened = await page.goto(`${stack.urls.api}/uploads/AAAAAAAAAAAAAAAAAAAAAA?sig=k.1.bad`);

    // Assert
    expect(opened?.status()).toBe(403);
    await expect(page.locator('main').innerText()).resolves.toContain('For a fresh link');
    await expectAccessible(page);
    await screenshots(page, 'link-refused');
  });
});
