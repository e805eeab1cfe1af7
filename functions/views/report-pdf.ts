import { PdfDocument, type PdfPage } from './pdf/document.js';
import { textWidth, winAnsiSafe, type FontName } from './pdf/fonts.js';
import {
  agreementReasons,
  agreementSummary,
  answersByQuestion,
  consensusRows,
  nextSteps,
  opinionFields,
  opinionList,
  opinionTitle,
  reportDate,
  suggestedTrials,
  trialUrl,
  type ReportData,
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

  field(label: string, value: string | string[]): void {
    this.text(label, { bold: true });
    for (const item of Array.isArray(value) ? value.map((v) => `• ${v}`) : [value]) {
      this.text(item, { indent: INDENT });
    }
  }

  /** Case id and page numbers on every page, so printed pages stay together. */
  footers(caseId: string): void {
    const pages = this.doc.pages;
    pages.forEach((page, i) => {
      const footer = `Case ${caseId} · page ${i + 1} of ${pages.length}`;
      page.drawText(footer, { x: MARGIN, y: MARGIN / 2, size: 8, font: 'Helvetica' });
    });
  }
}

// Columns side by side do not survive page breaks in long free text, so in print each opinion
// is a block of its own, in the same order and with the same fields as the page's table.
function writeOpinions(writer: PdfWriter, data: ReportData): void {
  writer.heading('The opinions side by side');
  const fields = opinionFields(data.opinions);
  for (const opinion of data.opinions) {
    writer.heading(opinionTitle(opinion), 11);
    for (const field of fields) writer.field(field.label, field.value(opinion));
  }
  if (data.consensus) {
    writer.heading('Where most opinions agree', 11);
    for (const row of consensusRows(data.consensus)) {
      const held = row.majority
        ? `${row.majority}, held by ${opinionList(row.agreeing)}`
        : 'No majority: the opinions are split';
      writer.field(row.label, held);
    }
  }
}

function writeReport(writer: PdfWriter, data: ReportData): void {
  writer.text('Your second-opinion report', { bold: true, size: 18 });
  writer.heading('Summary');
  writer.field('Prepared for', data.patientName);
  writer.field('Case', data.caseId);
  writer.field('Cancer type', data.cancerType);
  writer.field('Date', reportDate(data.generatedAt));
  writer.field('Level of agreement', [
    agreementSummary(data),
    ...agreementReasons(data).map((r) =>
      r.patient ? `${r.clinician} In plain words: ${r.patient}` : r.clinician,
    ),
  ]);
  writeOpinions(writer, data);
  const questions = answersByQuestion(data);
  if (questions.length) writer.heading('Answers to your questions');
  for (const { question, answers } of questions) {
    writer.field(
      question,
      answers.length
        ? answers.map((a) => `Opinion ${a.opinion}: ${a.answer}`)
        : 'No answer was given to this question.',
    );
  }
  const trials = suggestedTrials(data);
  if (trials.length) writer.heading('Clinical trials suggested');
  for (const trial of trials) {
    writer.field(
      `${trial.id}: ${trial.title}`,
      `Suggested in ${opinionList(trial.suggestedBy)}. ${trialUrl(trial.id)}`,
    );
  }
  writer.heading('Next steps');
  for (const step of nextSteps(data)) writer.text(`• ${step}`, { indent: INDENT });
}

/** The report as a PDF. Metadata carries no PHI: a PDF's title shows in viewers and file listings. */
export function reportPdf(data: ReportData): Uint8Array {
  const doc = new PdfDocument('Letter');
  const writer = new PdfWriter(doc);
  writeReport(writer, data);
  writer.footers(data.caseId);
  return doc.save({
    title: 'Second-opinion report',
    subject: 'Cancer second-opinion report',
    author: 'Concord',
    creator: 'Concord',
    producer: 'Concord',
    created: new Date(data.generatedAt),
  });
}
