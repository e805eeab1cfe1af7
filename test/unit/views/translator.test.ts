import { acceptedLocale, localeOf } from '../../../functions/views/i18n/locale.js';
import { requestLocale } from '../../../functions/intake/request-locale.js';
import { unpack } from '../../../functions/views/i18n/catalog.js';
import {
  confirmCatalog,
  discordanceCatalog,
  intakeCatalog,
  noticeCatalog,
  receivedCatalog,
  recordsCatalog,
  refusalCatalog,
  reportCatalog,
  resendCatalog,
  statusCatalog,
  uploadCatalog,
} from '../../../functions/views/i18n/catalogs.js';
import { LOCALES } from '../../../functions/views/i18n/locale.js';
import { plainWords } from '../../../functions/views/i18n/plain-words.js';
import { translator } from '../../../functions/views/i18n/translator.js';

describe('choosing the language', () => {
  it.each([
    ['es', 'es'],
    ['es-MX', 'es'],
    ['ES_us', 'es'],
    ['en-GB', 'en'],
    ['fr', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ])("takes a patient's preferredLanguage %p as %p", (tag, locale) => {
    expect(localeOf(tag)).toBe(locale);
  });

  it.each([
    ['es-MX,es;q=0.9,en;q=0.8', 'es'],
    ['fr-CA, fr;q=0.9, es;q=0.5, en;q=0.4', 'es'],
    ['en-US,en;q=0.9,es;q=0.8', 'en'],
    ['de, en;q=0.1, es;q=0.2', 'es'],
    ['es;q=0, en;q=0.5', 'en'],
    ['fr, de', undefined],
    ['*', undefined],
    [undefined, undefined],
  ])('reads Accept-Language %p as %p', (header, locale) => {
    expect(acceptedLocale(header)).toBe(locale);
  });

  it('lets ?lang= choose over the browser, and falls back to it for a language it does not have', () => {
    const headers = { 'Accept-Language': 'es-MX,es;q=0.9' };
    expect(requestLocale({ headers, queryStringParameters: { lang: 'en' } })).toBe('en');
    expect(requestLocale({ headers, queryStringParameters: { lang: 'fr' } })).toBe('es');
    expect(requestLocale({ headers, queryStringParameters: null })).toBe('es');
    expect(requestLocale({ headers: {}, queryStringParameters: null })).toBe('en');
  });
});

describe('translator', () => {
  const en = translator('en', intakeCatalog, receivedCatalog);
  const es = translator('es', intakeCatalog, receivedCatalog);

  it('gives plain messages in each language', () => {
    expect(en.text('intake.submit')).toBe('Send my request');
    expect(es.text('intake.submit')).toBe('Enviar mi solicitud');
    expect(es.text('received.title')).toBe('Recibimos su solicitud');
  });

  it('fills in arguments, plurals and numbers for the language', () => {
    expect(en.text('intake.treatmentStep', { number: 2 })).toBe('Step 2');
    expect(es.text('intake.question', { number: 3 })).toBe('Pregunta 3');
    expect(en.text('intake.errorSummary.intro', { count: 1 })).toBe(
      'Please correct the field below. Nothing has been sent yet.',
    );
    expect(en.text('intake.errorSummary.intro', { count: 3 })).toBe(
      'Please correct the 3 fields below. Nothing has been sent yet.',
    );
    expect(es.text('intake.errorSummary.intro', { count: 3 })).toBe(
      'Corrija los 3 campos indicados abajo. Todavía no se ha enviado nada.',
    );
    expect(en.text('intake.error.tooLong', { max: 2000 })).toBe('Use at most 2,000 characters.');
    expect(es.text('intake.error.tooLong', { max: 20000 })).toBe('Use como máximo 20.000 caracteres.');
  });

  it('formats dates as calendar days, whatever the clock', () => {
    expect(en.date('2026-10-30', { dateStyle: 'long' })).toBe('October 30, 2026');
    expect(es.date('2026-10-30', { dateStyle: 'long' })).toBe('30 de octubre de 2026');
    expect(es.number(1234.5)).toBe('1234,5');
    expect(en.number(1234.5)).toBe('1,234.5');
  });

  it('says file sizes in words', () => {
    expect(en.fileSize(209_715_200)).toBe('200 MB');
    expect(es.fileSize(209_715_200)).toBe('200 MB');
    expect(en.fileSize(1536)).toBe('1.5 kB');
    expect(es.fileSize(1536)).toBe('1,5 kB');
    expect(en.fileSize(820)).toBe('820 bytes');
    expect(en.fileSize(5 * 1024 ** 3)).toBe('5 GB');
  });

  it('refuses a message of a namespace it was not given', () => {
    const words = translator('en', receivedCatalog) as unknown as { text(id: string): string };
    expect(() => words.text('intake.submit')).toThrow('No message intake.submit');
  });
});

describe('plain words (the namespaces formatted without the ICU runtime)', () => {
  const PLAIN = [
    confirmCatalog,
    noticeCatalog,
    statusCatalog,
    resendCatalog,
    uploadCatalog,
    refusalCatalog,
    recordsCatalog,
    reportCatalog,
    discordanceCatalog,
  ];

  it.each(LOCALES)(
    'format every message of confirm, notice, status, resend, upload, refusal, records, report and discordance in %s as the full translator does',
    (locale) => {
      // Arrange: every argument a plain message names, given a value
      const full = translator(locale, ...PLAIN);
      const plain = plainWords(locale, ...PLAIN);
      const ids = PLAIN.flatMap((catalog) => Object.keys(unpack(catalog)[locale]));
      const values = {
        caseId: 'c-1',
        deadline: 'tomorrow',
        until: 'next week',
        type: 'Imaging',
        reason: 'Too big.',
        test: 'Lab results',
        maxSize: '200 MB',
        a: 'C50.9',
        b: 'C18.9',
        marker: 'EGFR mutation',
        treatment: 'chemotherapy',
        topics: 'the stage',
        dimension: 'Stage',
        detail: 'IIA against IIB',
        number: 2,
        numbers: '1 and 3',
        opinions: 'opinions 1 and 3',
        majority: 'IIA',
        answer: 'Yes.',
        url: 'https://clinicaltrials.gov/study/NCT01234567',
        plan: 'surgery',
        page: 1,
        pages: 3,
        gy: '50',
        fractions: 25,
        step: 'radiation therapy',
        others: 'chemotherapy',
      };

      // Act
      const pairs = ids.map((id) => [
        (plain.text as (id: string, v: unknown) => string)(id, values),
        (full.text as (id: string, v: unknown) => string)(id, values),
      ]);

      // Assert
      expect(ids.length).toBeGreaterThan(60);
      for (const [mine, theirs] of pairs) expect(mine).toBe(theirs);
    },
  );

  it('refuses a message that is not text and arguments, rather than misread it', () => {
    const text = plainWords('en', intakeCatalog).text as (id: string, values: unknown) => string;
    expect(() => text('intake.errorSummary.intro', { count: 2 })).toThrow(/not plain/);
  });

  it('formats dates with the runtime Intl, in UTC, as the translator does', () => {
    const at = '2026-03-01T23:30:00Z';
    expect(plainWords('es', statusCatalog).date(at, { dateStyle: 'long' })).toBe(
      translator('es', statusCatalog).date(at, { dateStyle: 'long' }),
    );
  });

  it('says file sizes with the runtime Intl as the translator does', () => {
    for (const locale of LOCALES)
      for (const bytes of [820, 1536, 209_715_200, 5 * 1024 ** 3])
        expect(plainWords(locale, uploadCatalog).fileSize(bytes)).toBe(translator(locale).fileSize(bytes));
  });
});
