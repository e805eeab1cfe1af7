import type { Browser, BrowserContext } from 'playwright-core';
import { insured } from '../support/stack/insurance.js';
import { launchChromium, screenshots, seriousViolations } from '../support/browser.js';
import {
  postForm,
  singleLinkIn,
  subjectFor,
  submitIntake,
  waitForEmail,
  waitForStatus,
} from '../support/stack/inbox.js';
import { uploadRequiredRecords } from '../support/stack/records.js';
import { assignmentRequest, matchProposal } from '../support/stack/review.js';
import { useTestStack } from '../support/stack/use-test-stack.js';

const SETUP_MS = 90_000;
const TEST_MS = 120_000;

describe('a specialist reviews a case in a real browser (Chromium, headless)', () => {
  let browser: Browser;
  let context: BrowserContext;
  const stack = useTestStack({ settings: { CONCORD_OPINION_SLA_SECONDS: '600' } }, { timeoutMs: SETUP_MS });

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext();
  }, SETUP_MS);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  }, SETUP_MS);

  it(
    'opens the packet, downloads a record, accepts, fills in the whole opinion form and submits it; the report shows it; each page (packet, accepted, form, recorded, report) passes axe at desktop and phone width',
    async () => {
      // Arrange
      const intake = insured('acme-health');
      intake.questions = ['Should I have chemotherapy <b>before</b> surgery?'];
      const created = await submitIntake(stack, intake);
      await uploadRequiredRecords(stack.urls.api, created.caseId, created.accessToken);
      await postForm(await matchProposal(stack, created.caseId), { decision: 'approve' });
      const { link } = await assignmentRequest(stack, created.caseId);
      const page = await context.newPage();
      const refusals: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
      });

      // Act: the packet
      expect((await page.goto(link))?.status()).toBe(200);
      const packet = await page.locator('main').innerText();
      const packetChecks = await seriousViolations(page);
      const packetOverflow = await screenshots(page, 'case-packet');
      const download = await page.request.get(
        (await page.getByRole('link', { name: /pathology-report/ }).getAttribute('href'))!,
      );
      // Accept, then back to the packet for the opinion form
      await page.getByRole('button', { name: 'Accept' }).click();
      await page.getByRole('heading', { name: 'Case accepted' }).waitFor();
      const acceptedChecks = await seriousViolations(page);
      await screenshots(page, 'case-accepted');
      await page.getByRole('link', { name: /Back to the case packet/ }).click();
      const emptyForm = await page
        .locator('form')
        .last()
        .evaluate((form) =>
          [...(form as HTMLFormElement).elements].flatMap((e) =>
            (e as HTMLInputElement).value && (e as HTMLInputElement).type !== 'submit'
              ? [(e as HTMLInputElement).name]
              : [],
          ),
        );
      // The same position as the first opinion's, stated in full, at a sub-stage: a minor difference.
      await page.getByLabel('Assessment of the diagnosis').selectOption('confirmed');
      await page.getByRole('textbox', { name: /^ICD-10-CM code/ }).fill(intake.firstOpinion.icd10!);
      await page.getByLabel('Stage group').fill('IIB');
      for (const [name, value] of Object.entries(SECOND_OPINION_FORM)) {
        const control = page.locator(`[name="${name}"]`);
        if ((await control.evaluate((e) => e.tagName)) === 'SELECT') await control.selectOption(value);
        else await control.fill(value);
      }
      await page.getByLabel(/Answer to:/).fill('No: surgery first suits this stage.');
      await page.getByLabel('Rationale').fill('Imaging and pathology agree with the first opinion.');
      await page.getByLabel(/Clinical trials/).fill('NCT01234567 A neoadjuvant trial');
      const formChecks = await seriousViolations(page);
      const formOverflow = await screenshots(page, 'opinion-form');
      const [submitted] = await Promise.all([
        page.waitForResponse((response) => response.request().method() === 'POST'),
        page.getByRole('button', { name: 'Submit the opinion' }).click(),
      ]);
      await page.getByRole('heading', { name: 'Decision recorded' }).waitFor();
      const recordedChecks = await seriousViolations(page);
      await screenshots(page, 'opinion-recorded');
      const view = await waitForStatus(stack, created, 'completed');
      // The report, as the patient opens it
      const ready = await waitForEmail(
        stack,
        subjectFor('The second-opinion report')(created.caseId, intake.patient.email),
        'the report email',
      );
      expect((await page.goto(singleLinkIn(stack, ready, 'reports')))?.status()).toBe(200);
      const report = await page.locator('main').innerText();
      const reportChecks = await seriousViolations(page);
      const reportOverflow = await screenshots(page, 'report');

      // Assert
      expect(emptyForm).toEqual(['ajccEdition']);
      expect(packet).toContain('Should I have chemotherapy <b>before</b> surgery?');
      expect(packet).not.toContain(intake.patient.lastName);
      expect(download.status()).toBe(200);
      expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');
      expect(submitted.status()).toBe(200);
      expect(view.opinions).toBe(2);
      expect(view.concordance).toBe('minor');
      expect(report).toContain('8140/3');
      expect(report).toContain('adjuvant: radiation therapy (50 Gy in 25 fractions)');
      expect(report).toContain('Stage (minor difference): IIA against IIB (same group II)');
      expect(report).toContain('In plain words: The doctors give a slightly different stage (IIA and IIB)');
      expect(formOverflow).toEqual({ desktop: 0, phone: 0 });
      expect(reportOverflow).toEqual({ desktop: 0, phone: 0 });
      expect(packetOverflow).toEqual({ desktop: 0, phone: 0 });
      expect([...packetChecks, ...acceptedChecks, ...recordedChecks]).toEqual([]);
      expect(formChecks).toEqual([]);
      expect(reportChecks).toEqual([]);
      expect(refusals).toEqual([]);
    },
    TEST_MS,
  );
});

/** The first opinion's plan (surgery, chemotherapy, radiation) for its lung cancer, with every detail. */
const SECOND_OPINION_FORM: Record<string, string> = {
  morphology: '8140',
  behaviour: '3',
  gradeSystem: 'generic',
  gradeValue: '2',
  tnmPrefix: 'p',
  tnmT: 'T1c',
  tnmN: 'N1',
  tnmM: 'M0',
  biomarker1Name: 'EGFR',
  biomarker1Result: 'wild-type',
  biomarker2Name: 'ALK',
  biomarker2Result: 'no-fusion',
  biomarker3Name: 'PD-L1-TPS',
  biomarker3Result: 'high',
  biomarker3Value: '60',
  biomarker3Unit: '%',
  treatmentIntent: 'curative',
  treatment1: 'surgery',
  treatment1Surgery: 'lobectomy',
  treatment1Timing: 'definitive',
  treatment2: 'chemotherapy',
  treatment2Regimen: 'cisplatin-pemetrexed',
  treatment2Timing: 'adjuvant',
  treatment3: 'radiation',
  treatment3DoseGy: '50',
  treatment3Fractions: '25',
  treatment3Timing: 'adjuvant',
};
