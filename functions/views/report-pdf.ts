import { PdfDocument, type PdfPage } from './pdf/document.js';
import { textWidth, winAnsiSafe, type FontName } from './pdf/fonts.js';
import {
  agreementReasons,
  agreementSummary,
  answersByQuestion,
  cancerTypeText,
  consensusRows,
  nextSteps,
  opinionFields,
  opinionList,
  opinionTitle,
  reportDate,
  reportWords,
  suggestedTrials,
  trialUrl,
  type ReportData,
  type ReportWords,
} from './report-data.js';

const MARGIN = 54;
const BODY_SIZE = 10;
const LINE_HEIGHT = 1.35;
const INDENT = 14;

/** How many leading characters of `text` fit in `width` (at least one, so breaking always advances). */
function fittingLength(text: string, font: FontName, size: number, width: number): number {
  let used = 0;
  let count = 0;
  for (const ch of text) {
    used += textWidth(ch, font, size);
    if (used > width) break;
    count += ch.length;
  }
  return Math.max(count, 1);
}

/** Wraps one safe paragraph to `width` at spaces; a word longer than a line (a URL, a pasted string) is cut. */
function wrap(paragraph: string, font: FontName, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(/ +/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, font, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    for (let cut = fittingLength(line, font, size, width); cut < line.length;) {
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
      cut = fittingLength(line, font, size, width);
    }
  }
  lines.push(line);
  return lines;
}

/** Writes lines top to bottom, adding a page whenever the next line would cross the bottom margin. */
class PdfWriter {
  private page!: PdfPage;
  private y = 0;

  constructor(private readonly doc: PdfDocument) {
    this.addPage();
  }

  private addPage(): void {
    this.page = this.doc.addPage();
    this.y = this.page.height - MARGIN;
  }

  text(text: string, options: { bold?: boolean; size?: number; indent?: number } = {}): void {
    const font: FontName = options.bold ? 'Helvetica-Bold' : 'Helvetica';
    const size = options.size ?? BODY_SIZE;
    const x = MARGIN + (options.indent ?? 0);
    const width = this.page.width - MARGIN - x;
    // Split before making it safe: line breaks are not WinAnsi and would become "?".
    const lines = text.split(/\r\n|\r|\n/).flatMap((p) => wrap(winAnsiSafe(p), font, size, width));
    for (const line of lines) {
      if (this.y - size * LINE_HEIGHT < MARGIN) this.addPage();
      this.y -= size * LINE_HEIGHT;
      if (line) this.page.drawText(line, { x, y: this.y, size, font });
    }
  }

  /** A heading is never left alone at the foot of a page. */
  heading(text: string, size = 13): void {
    this.y -= size * 0.8;
    if (this.y - size * LINE_HEIGHT - 3 * BODY_SIZE * LINE_HEIGHT < MARGIN) this.addPage();
    this.text(text, { bold: true, size });
  }

  /** A label is never left alone at the foot of a page: it goes on with the first line of its value. */
  field(label: string, value: string | string[]): void {
    if (this.y - 2 * BODY_SIZE * LINE_HEIGHT < MARGIN) this.addPage();
    this.text(label, { bold: true });
    for (const item of Array.isArray(value) ? value.map((v) => `• ${v}`) : [value]) {
      this.text(item, { indent: INDENT });
    }
  }

  /** Case id and page numbers on every page, so printed pages stay together. */
  footers(caseId: string, t: ReportWords): void {
    const pages = this.doc.pages;
    pages.forEach((page, i) => {
      const footer = t.text('report.footer', { caseId, page: i + 1, pages: pages.length });
      page.drawText(footer, { x: MARGIN, y: MARGIN / 2, size: 8, font: 'Helvetica' });
    });
  }
}

// Columns side by side do not survive page breaks in long free text, so in print each opinion
// is a block of its own, in the same order and with the same fields as the page's table.
function writeOpinions(writer: PdfWriter, data: ReportData, t: ReportWords): void {
  writer.heading(t.text('report.sideBySide'));
  const fields = opinionFields(data.opinions, t);
  for (const opinion of data.opinions) {
    writer.heading(opinionTitle(opinion, t), 11);
    for (const field of fields) writer.field(field.label, field.value(opinion));
  }
  if (data.consensus) {
    writer.heading(t.text('report.consensus'), 11);
    for (const row of consensusRows(data.consensus, t)) {
      const held = row.majority
        ? t.text('report.majorityHeldBy', { majority: row.majority, opinions: opinionList(row.agreeing, t) })
        : t.text('report.noMajoritySplit');
      writer.field(row.label, held);
    }
  }
}

function writeReport(writer: PdfWriter, data: ReportData, t: ReportWords): void {
  writer.text(t.text('report.title'), { bold: true, size: 18 });
  writer.heading(t.text('report.summary'));
  writer.field(t.text('report.preparedFor'), data.patientName);
  writer.field(t.text('report.case'), data.caseId);
  writer.field(t.text('report.cancerType'), cancerTypeText(data, t));
  writer.field(t.text('report.date'), reportDate(data.generatedAt, t));
  const plainWords = t.text('report.inPlainWords');
  writer.field(t.text('report.agreement'), [
    agreementSummary(data, t),
    ...agreementReasons(data, t).map((r) =>
      r.patient ? `${r.clinician} ${plainWords} ${r.patient}` : r.clinician,
    ),
  ]);
  writeOpinions(writer, data, t);
  const questions = answersByQuestion(data);
  if (questions.length) writer.heading(t.text('report.answers'));
  for (const { question, answers } of questions) {
    writer.field(
      question,
      answers.length
        ? answers.map((a) => t.text('report.answer', { number: a.opinion, answer: a.answer }))
        : t.text('report.noAnswer'),
    );
  }
  const trials = suggestedTrials(data);
  if (trials.length) writer.heading(t.text('report.trials'));
  for (const trial of trials) {
    writer.field(
      `${trial.id}: ${trial.title}`,
      t.text('report.trialLine', { opinions: opinionList(trial.suggestedBy, t), url: trialUrl(trial.id) }),
    );
  }
  writer.heading(t.text('report.nextSteps'));
  for (const step of nextSteps(data, t)) writer.text(`• ${step}`, { indent: INDENT });
}

/** The report as a PDF. Metadata carries no PHI: a PDF's title shows in viewers and file listings. */
export function reportPdf(data: ReportData): Uint8Array {
  const t = reportWords(data.locale);
  const doc = new PdfDocument('Letter');
  const writer = new PdfWriter(doc);
  writeReport(writer, data, t);
  writer.footers(data.caseId, t);
  return doc.save({
    lang: data.locale,
    title: t.text('report.pdfTitle'),
    subject: t.text('report.pdfSubject'),
    author: 'Concord',
    creator: 'Concord',
    producer: 'Concord',
    created: new Date(data.generatedAt),
  });
}
