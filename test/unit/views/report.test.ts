import { PDFArray, PDFDocument, PDFRawStream, type PDFObject } from 'pdf-lib';
import { gradeOpinions } from '../../../functions/domain/clinical/grade.js';
import { escapeHtml } from '../../../functions/shared/html.js';
import {
  answersByQuestion,
  nextSteps,
  reportWords,
  suggestedTrials,
  type ReportData,
} from '../../../functions/views/report-data.js';
import { reportPage } from '../../../functions/views/report-page.js';
import { winAnsiSafe } from '../../../functions/views/pdf/fonts.js';
import { reportPdf } from '../../../functions/views/report-pdf.js';
import { RICH_POSITION } from '../../support/positions.js';
import { opinions, PATIENT, Q_MARKUP, Q_TIMING, reportData } from '../../support/report-case.js';

const EN = reportWords('en');

const twoOpinions = (level: 'none' | 'minor'): ReportData =>
  reportData({
    opinions: opinions()
      .slice(0, 2)
      .map((o) => ({ ...o, submission: o.submission && { ...o.submission, clinicalTrials: [] } })),
    grading: { level, disputed: [], reasons: [] },
    consensus: undefined,
  });

describe('report data', () => {
  it('dedupes suggested trials by id and keeps who suggested each', () => {
    expect(suggestedTrials(reportData())).toEqual([
      { id: 'NCT01234567', title: 'Neoadjuvant trial A', suggestedBy: [2] },
      { id: 'NCT07654321', title: 'Trial B', suggestedBy: [2, 3] },
    ]);
  });

  it('pairs every patient question with each reviewer’s answer, matching loosely', () => {
    const result = answersByQuestion(reportData());

    expect(result.map((q) => q.question)).toEqual([Q_TIMING, Q_MARKUP]);
    expect(result[0]!.answers).toEqual([
      { opinion: 2, answer: 'In your case, chemotherapy first is reasonable.' },
      { opinion: 3, answer: 'Surgery first is the usual order.' },
    ]);
    expect(result[1]!.answers.map((a) => a.opinion)).toEqual([2, 3]);
  });

  it('next steps: concordant opinions continue with the care team', () => {
    const steps = nextSteps(twoOpinions('none'), EN);

    expect(steps).toEqual([
      'Both opinions agree; continue with your care team on the plan.',
      'Share this report with your physician.',
    ]);
  });

  it('next steps: a minor difference does not change the plan', () => {
    const steps = nextSteps(twoOpinions('minor'), EN);

    expect(steps[0]).toMatch(/do not change the recommended plan/);
    expect(steps.at(-1)).toBe('Share this report with your physician.');
  });

  it('next steps: a major difference with a majority points to the physician and the trials', () => {
    const steps = nextSteps(reportData(), EN);

    expect(steps).toContain(
      'Most of the opinions recommend surgery → targeted therapy; go over this plan with your physician.',
    );
    expect(steps).toContain('Please make any decision about your treatment together with your physician.');
    expect(steps.some((s) => /clinical trials/.test(s))).toBe(true);
    expect(steps.at(-1)).toBe('Share this report with your physician.');
  });

  it('next steps: at the cap the coordinator arranges a tumor board', () => {
    const steps = nextSteps(reportData({ tumorBoard: true }), EN);

    expect(steps[0]).toMatch(/your coordinator is arranging a tumor board review/);
    expect(steps.some((s) => /Most of the opinions/.test(s))).toBe(false);
  });
});

describe('the clinical position and its differences in the report', () => {
  // A first opinion in today's terms, and a second stating the clinical position in full.
  const rich = (): ReportData => {
    const [first, second] = opinions();
    const secondOpinion = { ...second!, ...RICH_POSITION };
    return reportData({
      opinions: [first!, secondOpinion],
      grading: gradeOpinions(first!, secondOpinion),
      consensus: undefined,
    });
  };

  it('shows the new fields of the opinions that state them, Not given for the others', () => {
    const body = reportPage(rich(), '/pdf').body;

    expect(body).toContain('<th scope="row">Histology (ICD-O-3)</th>');
    expect(body).toMatch(/<td class="text">Not given<\/td>\s*<td class="text">8500\/3<\/td>/);
    expect(body).toContain('Nottingham grade 2');
    expect(body).toContain('cT2 cN1 cM0 (AJCC 8th edition)');
    expect(body).toContain('<li>ER positive, 95 %</li>');
    expect(body).toContain('<li>neoadjuvant: chemotherapy (AC-T)</li>');
    expect(body).toContain('<li>adjuvant: radiation therapy (40.05 Gy in 15 fractions)</li>');
    expect(body).toContain('<td class="text">curative</td>');
  });

  it('leaves out the rows no opinion states', () => {
    const body = reportPage(reportData(), '/pdf').body;

    expect(body).not.toContain('Histology (ICD-O-3)');
    expect(body).not.toContain('Biomarkers');
  });

  it('words each difference for the clinician and then for the patient', () => {
    const data = rich();
    const reason = data.grading.reasons.find((r) => r.code === 'modality-set');

    const body = reportPage(data, '/pdf').body;

    expect(body).toContain(escapeHtml(reason!.detail));
    expect(body).toContain(
      '<em>In plain words:</em> The doctors recommend different kinds of treatment. This could change your treatment.',
    );
  });

  it('draws the same in the PDF', async () => {
    // Wrapped lines joined again.
    const lines = (await drawnLines(reportPdf(rich()))).join(' ');

    expect(lines).toContain('Histology (ICD-O-3)');
    expect(lines).toContain('\x95 neoadjuvant: chemotherapy (AC-T)');
    expect(lines).toContain('In plain words: The doctors recommend different kinds of treatment.');
  });

  it("shows a difference graded before issue 24 in the clinician's words only", () => {
    // The fixture's reason has a code of the first grader and no values.
    const body = reportPage(reportData(), '/pdf').body;

    expect(body).toContain(escapeHtml('Opinion 2 starts with chemotherapy; opinion 3 starts with surgery.'));
    expect(body).not.toContain('In plain words');
  });
});

describe('reportPage', () => {
  const result = reportPage(reportData(), '/reports/case-7f3a.pdf?sig=abc');
  const body = result.body;

  it('renders a scriptless page under the CSP', () => {
    expect(result.statusCode).toBe(200);
    expect(result.headers!['Content-Security-Policy']).toMatch(/default-src 'none'/);
    expect(body).not.toMatch(/<script/i);
  });

  it('shows each opinion in order with its author and plan', () => {
    const columns = ['Opinion 1 (first opinion)', 'Opinion 2', 'Opinion 3'].map((t) =>
      body.indexOf(`${t}</th>`),
    );
    expect(columns.every((i) => i > 0)).toBe(true);
    expect([...columns].sort((a, b) => a - b)).toEqual(columns);
    for (const author of ['Dr. First Oncologist', 'Dr. Second Reviewer', 'Dr. Third Reviewer']) {
      expect(body).toContain(author);
    }
    // Each plan is its steps in order, one per line (a step may carry its detail and role).
    expect(body).toMatch(/<td>\s*<ul>\s*<li>surgery<\/li>\s*<li>targeted therapy<\/li>\s*<\/ul>\s*<\/td>/);
    expect(body).toMatch(/<td>\s*<ul>\s*<li>chemotherapy<\/li>\s*<li>surgery<\/li>\s*<\/ul>\s*<\/td>/);
    expect(body).toContain('<td>opinions 1 and 3</td>');
  });

  it('shows the summary with the patient, the agreement and its reasons', () => {
    expect(body).toContain(PATIENT);
    expect(body).toContain('case-7f3a');
    expect(body).toContain('March 12, 2025');
    expect(body).toContain('The opinions differ on the treatment plan.');
    expect(body).toContain(escapeHtml('Opinion 2 starts with chemotherapy; opinion 3 starts with surgery.'));
  });

  it('answers every question, escaping markup in free text', () => {
    for (const { question, answers } of answersByQuestion(reportData())) {
      expect(body).toContain(escapeHtml(question));
      for (const { answer } of answers) expect(body).toContain(escapeHtml(answer));
    }
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).toContain('safe &amp; well studied');
  });

  it('links the suggested trials, the next steps and the PDF', () => {
    expect(body).toContain('href="https://clinicaltrials.gov/study/NCT01234567"');
    expect(body.match(/clinicaltrials\.gov\/study\/NCT07654321/g)).toHaveLength(1);
    for (const step of nextSteps(reportData(), EN)) expect(body).toContain(escapeHtml(step));
    expect(body).toContain('href="/reports/case-7f3a.pdf?sig=abc"');
  });
});

/** The lines drawn in a PDF: uncompressed content streams with one literal `Tj` string per line. */
async function drawnLines(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  const streams = doc.getPages().flatMap((page) => {
    const contents = page.node.Contents();
    return contents instanceof PDFArray ? contents.asArray() : [contents as PDFObject];
  });
  return streams.flatMap((ref) => {
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) throw new Error('Expected a content stream');
    const content = Buffer.from(stream.getContents()).toString('latin1');
    return [...content.matchAll(/\(((?:\\.|[^\\()])*)\) Tj/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
  });
}

describe('reportPdf', () => {
  it('draws the report’s content, keeping line breaks in free text', async () => {
    const data = reportData();
    data.opinions[1]!.submission!.rationale = 'First paragraph.\nSecond paragraph.';

    const lines = await drawnLines(reportPdf(data));

    expect(lines).toEqual(expect.arrayContaining([PATIENT, 'Dr. Third Reviewer', '\x95 chemotherapy']));
    expect(lines).toEqual(expect.arrayContaining(['First paragraph.', 'Second paragraph.']));
    expect(lines).toContain(Q_MARKUP);
    // WinAnsi puts the bullet • at 0x95.
    expect(lines).toContain('\x95 Share this report with your physician.');
  });

  it('is a PDF whose metadata carries no patient name', async () => {
    const bytes = reportPdf(reportData());

    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(doc.getTitle()).toBe('Second-opinion report');
    const metadata = [doc.getTitle(), doc.getSubject(), doc.getAuthor(), doc.getKeywords()].join(' ');
    expect(metadata).not.toContain('Maria');
    expect(metadata).not.toContain('Testpatient');
  });

  it('draws text outside WinAnsi without throwing', async () => {
    const data = reportData({
      patientName: 'Zhang Wei 张伟',
      questions: ['Is ≥ 2 cycles enough? 🙏', Q_MARKUP],
    });
    data.opinions[1]!.submission!.rationale =
      'Chemo → surgery; ≥ 4 cycles 💊, 中文 text, café, naïve\ttabbed.';

    expect(reportPdf(data)).toBeInstanceOf(Uint8Array);
  });

  it('replaces what Helvetica cannot encode', () => {
    expect(winAnsiSafe('a → b ≥ 1 😀 中 “é” – €')).toBe('a -> b >= 1 ? ? “é” – €');
  });

  it('escapes backslashes and parentheses in drawn text', async () => {
    const data = reportData();
    data.opinions[1]!.submission!.rationale = 'Dose (per m²) \\ cycle';

    const lines = await drawnLines(reportPdf(data));

    expect(lines).toContain('Dose (per m²) \\ cycle');
  });

  it('indexes every object at its byte offset in the xref table', async () => {
    const pdf = Buffer.from(reportPdf(reportData())).toString('latin1');

    const xref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)![1]);
    const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(pdf.slice(xref))!;
    const entries = pdf
      .slice(xref)
      .split('\n')
      .slice(2, 2 + Number(count));
    expect(first).toBe('0');
    expect(entries[0]).toBe('0000000000 65535 f ');
    entries.slice(1).forEach((entry, i) => {
      expect(entry).toMatch(/^\d{10} 00000 n $/);
      expect(pdf.startsWith(`${i + 1} 0 obj\n`, Number(entry.slice(0, 10)))).toBe(true);
    });
    expect(pdf).toContain(`/Size ${count} `);
  });

  it('adds pages for a long rationale, including one unbroken string', async () => {
    const short = await PDFDocument.load(reportPdf(reportData()));
    const data = reportData();
    data.opinions[1]!.submission!.rationale = 'The tumor responds well to treatment. '
      .repeat(527)
      .slice(0, 20_000);
    data.opinions[2]!.submission!.rationale = 'x'.repeat(20_000);

    const long = await PDFDocument.load(reportPdf(data));

    expect(long.getPageCount()).toBeGreaterThan(1);
    expect(long.getPageCount()).toBeGreaterThan(short.getPageCount());
  });
});

describe('the report in Spanish', () => {
  const data = (): ReportData => {
    const [first, second] = opinions();
    const secondOpinion = { ...second!, ...RICH_POSITION };
    return reportData({
      locale: 'es',
      opinions: [first!, secondOpinion],
      grading: gradeOpinions(first!, secondOpinion),
      consensus: undefined,
    });
  };

  it("speaks Spanish on the page, with the date for the locale and clinicians' codes as given", () => {
    const result = reportPage(data(), '/pdf');

    expect(result.headers!['Content-Language']).toBe('es');
    expect(result.body).toContain('<html lang="es">');
    expect(result.body).toContain('Su informe de segunda opinión');
    expect(result.body).toContain('12 de marzo de 2025');
    expect(result.body).toContain('Cáncer de mama');
    expect(result.body).toContain('<th scope="row">Histología (CIE-O-3)</th>');
    expect(result.body).toContain('<td class="text">No indicado</td>');
    expect(result.body).toContain(
      '<em>En palabras sencillas:</em> Los médicos recomiendan tipos de tratamiento distintos.',
    );
    // The kind of treatment and the dose in Spanish; the timing and the regimen as the opinion gave them.
    expect(result.body).toContain('neoadjuvant: quimioterapia (AC-T)');
    expect(result.body).toContain('adjuvant: radioterapia (40,05 Gy en 15 sesiones)');
    for (const english of ['Your second-opinion report', 'Not given', 'Next steps', 'In plain words']) {
      expect(result.body).not.toContain(english);
    }
  });

  it('joins lists of opinions the Spanish way', () => {
    const body = reportPage({ ...reportData(), locale: 'es' }, '/pdf').body;

    expect(body).toContain('<td>las opiniones 1 y 3</td>');
    expect(body).toContain('Las opiniones difieren en el plan de tratamiento.');
  });

  it('draws the PDF in Spanish, its title and footer too', async () => {
    const bytes = reportPdf(data());
    const lines = (await drawnLines(bytes)).join(' ');

    expect(lines).toContain(winAnsiSafe('Su informe de segunda opinión'));
    expect(lines).toContain(winAnsiSafe('Próximos pasos'));
    expect(lines).toContain(winAnsiSafe('Caso case-7f3a · página 1 de'));
    expect((await PDFDocument.load(bytes)).getTitle()).toBe('Informe de segunda opinión');
  });
});
