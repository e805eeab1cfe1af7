import {
  ERROR_CODES,
  FORM_FIELDS,
  FORM_QUESTIONS,
  FORM_TREATMENT_STEPS,
  isErrorField,
  type FormError,
} from '../../../functions/schemas/intake-form-fields.js';
import { LOCALES } from '../../../functions/views/i18n/locale.js';
import { intakePage, type IntakePageModel } from '../../../functions/views/intake-page.js';
import { intakeReceivedPage } from '../../../functions/views/intake-received.js';
import { intakeWords } from '../../../functions/views/intake-words.js';

const FIELDS = [
  ...FORM_FIELDS,
  ...Array.from({ length: FORM_TREATMENT_STEPS }, (_, i) => `treatment${i + 1}`),
  ...Array.from({ length: FORM_QUESTIONS }, (_, i) => `question${i + 1}`),
];
const PAYERS = [
  { payerId: 'zeta-care', name: 'Zeta Care' },
  { payerId: 'acme-health', name: 'Acme Health' },
];
const SCRIPT = '<script>alert(1)</script>';

function render(model: Partial<IntakePageModel> & Pick<IntakePageModel, 't'>) {
  const answer = intakePage({
    payers: PAYERS,
    values: {},
    errors: [],
    action: 'intake',
    linksAction: 'links',
    formHref: 'intake',
    ...model,
  });
  return { ...answer, body: answer.body };
}

const ids = (body: string) => new Set([...body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));

describe('the intake page', () => {
  it.each(LOCALES)('renders in %s with every field the form maps, each labelled', (locale) => {
    // Act
    const { statusCode, headers, body } = render({ t: intakeWords(locale) });

    // Assert
    expect(statusCode).toBe(200);
    expect(body).toContain(`<html lang="${locale}">`);
    expect(headers).toMatchObject({ 'Content-Language': locale, 'Cache-Control': 'no-store' });
    expect(headers!['Content-Security-Policy']).toContain("default-src 'none'");
    expect(body).not.toMatch(/<script/i);
    const found = ids(body);
    const controls = FIELDS.filter(
      (f) => !['submittedBy', 'insurance', 'reasons', 'urgency', 'consultation'].includes(f),
    );
    expect(controls.filter((f) => !found.has(f))).toEqual([]);
    for (const control of controls) expect(body).toContain(`<label for="${control}"`);
    for (const radio of [
      'submittedBy-patient',
      'submittedBy-physician',
      'insurance-plan',
      'insurance-self-pay',
      'urgency-routine',
      'consultation-virtual',
    ])
      expect(found.has(radio)).toBe(true);
  });

  it('lists the payers by name in the order of the language', () => {
    const { body } = render({ t: intakeWords('en') });
    expect(body.indexOf('Acme Health')).toBeGreaterThan(0);
    expect(body.indexOf('Acme Health')).toBeLessThan(body.indexOf('Zeta Care'));
  });

  it('keeps what was typed and chosen, escaped', () => {
    // Act
    const { body } = render({
      t: intakeWords('en'),
      values: {
        firstName: SCRIPT,
        question2: `"${SCRIPT}`,
        state: 'TX',
        insurance: 'self-pay',
        payerId: 'acme-health',
        'reason-rare-cancer': 'yes',
        treatment2: 'radiation',
        idempotencyKey: 'key-1',
      },
    });

    // Assert
    expect(body).not.toContain(SCRIPT);
    expect(body).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(body).toContain('>&quot;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>');
    expect(body).toMatch(/<option value="TX"\s+selected>/);
    expect(body).toMatch(/<option value="acme-health"\s+selected>/);
    expect(body).toMatch(/id="insurance-self-pay"[^>]*checked/);
    expect(body).not.toMatch(/id="insurance-plan"[^>]*checked/);
    expect(body).toMatch(/id="reason-rare-cancer"[^>]*checked/);
    expect(body).toMatch(/<select\s+id="treatment2"[\s\S]*?<option value="radiation"\s+selected>/);
    expect(body).toContain('name="idempotencyKey" value="key-1"');
  });

  it.each(LOCALES)(
    'words every mistake of every field in %s, beside it and in the summary that links to it',
    (locale) => {
      // Arrange: each field with each of its codes once, over several pages.
      const pages = ERROR_CODES.map((code) => FIELDS.map((field): FormError => ({ field, code })));

      for (const errors of pages) {
        // Act
        const { statusCode, body } = intakePage(
          {
            t: intakeWords(locale),
            payers: PAYERS,
            values: {},
            errors,
            linksAction: 'links',
            action: 'intake',
            formHref: 'intake',
          },
          400,
        );

        // Assert
        expect(statusCode).toBe(400);
        const found = ids(body);
        for (const { field } of errors.filter(
          (e) => e.field !== 'reasons' && !/^(submittedBy|insurance|urgency|consultation)$/.test(e.field),
        )) {
          expect(body).toMatch(
            new RegExp(`id="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${field}"`, 's'),
          );
        }
        for (const { field } of errors) {
          expect(found.has(`${field}-error`)).toBe(true);
          expect(body).toMatch(new RegExp(`aria-describedby="[^"]*\\b${field}-error\\b`));
        }
        const links = [...body.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
        expect(links).toHaveLength(errors.length);
        expect(links.filter((target) => !found.has(target))).toEqual([]);
        expect(body).toMatch(/class="error-summary"[\s\S]*?role="alert"[\s\S]*?autofocus/);
      }
    },
  );

  it('names the field in the summary where the message does not, and links each to its field', () => {
    const { body } = render({
      t: intakeWords('en'),
      errors: [
        { field: 'firstName', code: 'required' },
        { field: 'email', code: 'invalid' },
        { field: 'question2', code: 'tooLong' },
        { field: 'reasons', code: 'required' },
      ],
    });
    const items = [...body.matchAll(/<li><a href="#([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => [m[1], m[2]]);
    expect(items).toEqual([
      ['firstName', 'First name: This is required.'],
      ['email', 'Enter an email address such as name@example.org.'],
      ['question2', 'Question 2: Use at most 1,000 characters.'],
      ['reason-confirm-diagnosis', 'Choose at least one reason.'],
    ]);
  });

  it('says what went wrong with the whole form without a link', () => {
    const { body } = render({ t: intakeWords('es'), errors: [{ field: 'form', code: 'server' }] });
    expect(body).toContain('Algo salió mal de nuestro lado');
    expect(body).not.toMatch(/href="#/);
  });

  it('takes every field it shows a mistake beside as a field the query may name', () => {
    expect(FIELDS.filter((field) => !isErrorField(field))).toEqual([]);
  });
});

describe('the receipt page', () => {
  const receipt = { caseId: '4d0a4b9e-8f5c-4c0e-9a53-1b2f7c3d9e10', accessToken: 'tok_abcdefghijklmnop' };

  it.each(LOCALES)('shows the case number and access code in %s', (locale) => {
    const { statusCode, body } = intakeReceivedPage(locale, receipt, 'intake');
    expect(statusCode).toBe(200);
    expect(body).toContain(`<html lang="${locale}">`);
    expect(body).toContain(receipt.caseId);
    expect(body).toContain(receipt.accessToken);
  });

  it('says it was shown once when there is no receipt, and offers the form', () => {
    const { statusCode, body } = intakeReceivedPage('en', undefined, '../intake');
    expect(statusCode).toBe(410);
    expect(body).toContain('shown only once');
    expect(body).toContain('href="../intake"');
  });
});
