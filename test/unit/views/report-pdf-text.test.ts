import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import type { Locale } from '../../../functions/views/i18n/locale.js';
import { reportPdf } from '../../../functions/views/report-pdf.js';
import { PATIENT, Q_MARKUP, Q_TIMING, reportData } from '../../support/report-case.js';

// The report PDF as a reader's tools see it: poppler's pdftotext and pdfinfo (Debian poppler-utils; .ci/run
// installs it), which is what screen readers and copy-paste get from a PDF without tags.
const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function read(locale: Locale): { text: string; info: string; bytes: Uint8Array } {
  const bytes = reportPdf(reportData({ locale }));
  const file = join(dir, `report-${locale}.pdf`);
  writeFileSync(file, bytes);
  const run = (tool: string) =>
    execFileSync(`/usr/bin/${tool}`, ['-enc', 'UTF-8', file, ...(tool === 'pdftotext' ? ['-'] : [])], {
      encoding: 'utf8',
    });
  return { text: run('pdftotext').replace(/\s+/g, ' '), info: run('pdfinfo'), bytes };
}

/** The expected passages that are missing, or come before the one listed ahead of them. */
function outOfOrder(text: string, passages: readonly string[]): string[] {
  let from = 0;
  const wrong: string[] = [];
  for (const passage of passages) {
    const at = text.indexOf(passage, from);
    if (at < 0) wrong.push(passage);
    else from = at + passage.length;
  }
  return wrong;
}

const language = async (bytes: Uint8Array) =>
  (await PDFDocument.load(bytes)).catalog.lookup(PDFName.of('Lang'), PDFString).decodeText();

// Each heading, then its content, as a reader goes down the pages.
const READING_ORDER: Record<
  Locale,
  { title: string; passages: string[]; footer: (page: number, of: number) => string }
> = {
  en: {
    title: 'Second-opinion report',
    footer: (page, of) => `Case case-7f3a · page ${page} of ${of}`,
    passages: [
      'Your second-opinion report',
      'Summary',
      `Prepared for ${PATIENT}`,
      'Case case-7f3a',
      'Cancer type Breast cancer',
      'Date March 12, 2025',
      'Level of agreement',
      'The opinions differ on the treatment plan.',
      'The opinions side by side',
      'Opinion 1 (first opinion) Author Dr. First Oncologist',
      'Opinion 2 Author Dr. Second Reviewer',
      'Rationale Neoadjuvant therapy can shrink the tumor first.',
      'Opinion 3 Author Dr. Third Reviewer',
      'Where most opinions agree',
      'Treatment plan surgery -> targeted therapy, held by opinions 1 and 3',
      'Answers to your questions',
      Q_TIMING,
      'Opinion 2: In your case, chemotherapy first is reasonable.',
      'Opinion 3: Surgery first is the usual order.',
      Q_MARKUP,
      'Clinical trials suggested',
      'NCT07654321: Trial B Suggested in opinions 2 and 3.',
      'Next steps',
      '• Share this report with your physician.',
    ],
  },
  es: {
    title: 'Informe de segunda opinión',
    footer: (page, of) => `Caso case-7f3a · página ${page} de ${of}`,
    passages: [
      'Su informe de segunda opinión',
      'Resumen',
      `Preparado para ${PATIENT}`,
      'Caso case-7f3a',
      'Tipo de cáncer Cáncer de mama',
      'Fecha 12 de marzo de 2025',
      'Nivel de acuerdo',
      'Las opiniones difieren en el plan de tratamiento.',
      'Las opiniones, una al lado de la otra',
      'Opinión 1 (primera opinión) Autor Dr. First Oncologist',
      'Opinión 2 Autor Dr. Second Reviewer',
      'Fundamento Neoadjuvant therapy can shrink the tumor first.',
      'Opinión 3 Autor Dr. Third Reviewer',
      'En qué coinciden la mayoría de las opiniones',
      'Plan de tratamiento cirugía -> terapia dirigida, sostenida por las opiniones 1 y 3',
      'Respuestas a sus preguntas',
      Q_TIMING,
      'Opinión 2: In your case, chemotherapy first is reasonable.',
      Q_MARKUP,
      'Ensayos clínicos sugeridos',
      'NCT07654321: Trial B Sugerido en las opiniones 2 y 3.',
      'Próximos pasos',
      '• Comparta este informe con su médico.',
    ],
  },
};

describe.each(['en', 'es'] as const)('the report PDF in %s, read back with poppler', (locale) => {
  const { title, passages, footer } = READING_ORDER[locale];
  const pdf = read(locale);

  it('is titled in its language, the title shown in place of the file name', () => {
    expect(pdf.info).toMatch(new RegExp(`^Title: +${title}$`, 'm'));
    expect(Buffer.from(pdf.bytes).toString('latin1')).toContain('/DisplayDocTitle true');
  });

  it('declares its language', async () => {
    expect(await language(pdf.bytes)).toBe(locale);
  });

  it('reads headings then their content, in order', () => {
    expect(outOfOrder(pdf.text, passages)).toEqual([]);
  });

  it('ends each page with its footer, and no label apart from its value', async () => {
    const pages = (await PDFDocument.load(pdf.bytes)).getPageCount();
    const footers = Array.from({ length: pages }, (_, i) => footer(i + 1, pages));

    expect(pages).toBeGreaterThan(1);
    expect(outOfOrder(pdf.text, footers)).toEqual([]);
    expect(pdf.text.trimEnd().endsWith(footers.at(-1)!)).toBe(true);
    // What comes right before a footer is the end of a value, never a field's label alone.
    const labels =
      locale === 'en'
        ? ['Assessment', 'Rationale', 'References']
        : ['Valoración', 'Fundamento', 'Referencias'];
    for (const label of labels) expect(pdf.text).not.toContain(`${label} ${footer(1, pages).slice(0, 12)}`);
  });
});
