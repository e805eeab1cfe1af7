import type { Browser, BrowserContext } from 'playwright-core';
import { insured } from '../support/stack/insurance.js';
import { launchChromium } from '../support/browser.js';
import { postForm, submitIntake, waitForStatus } from '../support/stack/inbox.js';
import { uploadRequiredRecords } from '../support/stack/records.js';
import { assignmentRequest, matchProposal } from '../support/stack/review.js';
import { useTestStack } from '../support/stack/use-test-stack.js';

const SETUP_MS = 90_000;
const TEST_MS = 60_000;

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
    'opens the packet, downloads a record, accepts, fills in the opinion form and submits it; the case completes',
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
      const download = await page.request.get(
        (await page.getByRole('link', { name: /pathology-report/ }).getAttribute('href'))!,
      );
      // Accept, then back to the packet for the opinion form
      await page.getByRole('button', { name: 'Accept' }).click();
      await page.getByRole('heading', { name: 'Case accepted' }).waitFor();
      await page.getByRole('link', { name: /Back to the case packet/ }).click();
      await page.getByLabel('Assessment of the diagnosis').selectOption('confirmed');
      const plan = intake.firstOpinion.treatmentPlan.map((step) => step.modality);
      for (const [i, modality] of plan.entries())
        await page.getByLabel(`Step ${i + 1}`).selectOption(modality);
      await page.getByLabel(/Answer to:/).fill('No: surgery first suits this stage.');
      await page.getByLabel('Rationale').fill('Imaging and pathology agree with the first opinion.');
      await page.getByLabel(/Clinical trials/).fill('NCT01234567 A neoadjuvant trial');
      const [submitted] = await Promise.all([
        page.waitForResponse((response) => response.request().method() === 'POST'),
        page.getByRole('button', { name: 'Submit the opinion' }).click(),
      ]);

      // Assert
      expect(packet).toContain('Should I have chemotherapy <b>before</b> surgery?');
      expect(packet).not.toContain(intake.patient.lastName);
      expect(download.status()).toBe(200);
      expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');
      expect(submitted.status()).toBe(200);
      await page.getByRole('heading', { name: 'Decision recorded' }).waitFor();
      const view = await waitForStatus(stack, created, 'completed');
      expect(view.opinions).toBe(2);
      expect(view.concordance).toBe('none');
      expect(refusals).toEqual([]);
    },
    TEST_MS,
  );
});
