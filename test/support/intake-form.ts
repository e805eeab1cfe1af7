import type { Page } from 'playwright-core';

/** The words each run looks for, by language. */
export const INTAKE_WORDS = {
  en: {
    title: 'Ask for a second opinion on your cancer care',
    problem: 'There is a problem',
    email: 'Enter an email address such as name@example.org.',
    dateOfBirth: 'Enter your real date of birth: a date in the past.',
    icd10: 'Enter an ICD-10 cancer code between C00 and D49',
    reasons: 'Choose at least one reason.',
    cancer: 'Breast cancer',
    reason: 'I want to confirm my diagnosis',
    submit: 'Send my request',
    received: 'Your request has been received',
    caseId: 'Your request number',
  },
  es: {
    title: 'Pida una segunda opinión sobre su tratamiento del cáncer',
    problem: 'Hay un problema',
    email: 'Escriba un correo electrónico como nombre@ejemplo.org.',
    dateOfBirth: 'Escriba su fecha de nacimiento real: una fecha pasada.',
    icd10: 'Escriba un código de cáncer CIE-10 entre C00 y D49',
    reasons: 'Elija al menos un motivo.',
    cancer: 'Cáncer de mama',
    reason: 'Quiero confirmar mi diagnóstico',
    submit: 'Enviar mi solicitud',
    received: 'Recibimos su solicitud',
    caseId: 'Su número de solicitud',
  },
} as const;
export type Language = keyof typeof INTAKE_WORDS;

/** The question both intake runs ask. */
export const QUESTION = 'Should I have chemotherapy before surgery?';

/**
 * Fills the intake form with four mistakes (an email without a domain, a birth date to come, no code, no
 * reason) and everything else right, self-pay, without a referring physician.
 */
export async function fillWithMistakes(page: Page): Promise<void> {
  await page.locator('#firstName').fill('Ana <b>');
  await page.locator('#lastName').fill('Silva');
  await page.locator('#dateOfBirth').fill('2999-04-02');
  await page.locator('#email').fill('ana@');
  await page.locator('#phone').fill('(555) 123-4567');
  await page.locator('#state').selectOption('CA');
  await page.locator('#stage').fill('iia');
  await page.locator('#firstOpinionPhysicianName').fill('Dr. Lee');
  await page.locator('#firstOpinionOrganization').fill('Valley Oncology');
  await page.locator('#treatment1').selectOption('surgery');
  await page.locator('#treatment2').selectOption('chemotherapy');
  await page.locator('#insurance-self-pay').check();
  await page.locator('#question1').fill(QUESTION);
}

/** Corrects the mistakes: a real birth date, an email, the cancer chosen from the list, a reason. */
export async function correctMistakes(
  page: Page,
  language: Language,
  email = 'ana@example.org',
): Promise<void> {
  const words = INTAKE_WORDS[language];
  await page.locator('#dateOfBirth').fill('1968-04-02');
  await page.locator('#email').fill(email);
  await page.locator('#cancer').selectOption({ label: words.cancer });
  await page.getByLabel(words.reason).check();
}
