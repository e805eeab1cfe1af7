import type { Consensus, DimensionConsensus, DiscordanceGrade, Opinion } from '../domain/opinion.js';
import type { CancerType } from '../domain/cancer-type.js';
import { planText, POSITION_FIELDS, type PositionWords } from './clinical-position.js';
import { patientWords } from './discordance-words.js';
import { reportCatalog } from './i18n/catalogs.js';
import type { Locale } from './i18n/locale.js';
import { plainWords } from './i18n/plain-words.js';

/** Everything the final report shows; the HTML page and the PDF both render from it. */
export interface ReportData {
  caseId: string;
  /** The patient's language (their `preferredLanguage`): the report's words, dates and lists are in it. */
  locale: Locale;
  /** ISO timestamp. */
  generatedAt: string;
  cancerType: CancerType;
  /** Shown only inside the report (it is the patient's own report), never in metadata. */
  patientName: string;
  /** The patient's questions, in order. */
  questions: string[];
  /** 1 = first opinion, then the reviewers', in order. */
  opinions: Opinion[];
  /** The latest comparison. */
  grading: DiscordanceGrade;
  /** Present when there are 3+ opinions. */
  consensus?: Consensus;
  /** The opinions still disagree at the cap: a tumor board review is recommended. */
  tumorBoard: boolean;
}

/** The report's words in one language: `t.text('report.summary')`. */
export type ReportWords = ReturnType<typeof plainWords<[typeof reportCatalog]>>;
export const reportWords = (locale: Locale): ReportWords => plainWords(locale, reportCatalog);

const positionWords = (t: ReportWords): PositionWords => ({
  notGiven: t.text('report.notGiven'),
  notCancer: t.text('report.notCancer'),
  modality: (modality) => t.text(`report.modality.${modality}`),
  dose: (doseGy, fractions) =>
    t.text('report.dose', { gy: new Intl.NumberFormat(t.locale).format(doseGy), fractions }),
  together: (step, others) => t.text('report.together', { step, others: listOf(t, others) }),
});

/** "1, 2 and 3", "1, 2 y 3". */
const listOf = (t: ReportWords, items: readonly string[]) =>
  new Intl.ListFormat(t.locale, { type: 'conjunction' }).format(items);

export const opinionTitle = (opinion: Opinion, t: ReportWords): string =>
  opinion.number === 1 ? t.text('report.opinionFirst') : t.text('report.opinion', { number: opinion.number });

/** "opinions 1 and 3", "opinions 1, 2 and 3". */
export function opinionList(numbers: readonly number[], t: ReportWords): string {
  if (numbers.length === 1) return t.text('report.opinionOne', { number: numbers[0]! });
  return t.text('report.opinionsMany', { numbers: listOf(t, numbers.map(String)) });
}

/** One row of the side-by-side comparison; a list value renders as a bulleted list. */
export interface OpinionField {
  label: string;
  value: (opinion: Opinion) => string | string[];
}

/**
 * The rows of the side-by-side comparison: who gave each opinion, the clinical position's fields that any
 * of the opinions states (Not given where one does not), and what the specialists submitted.
 */
export function opinionFields(opinions: readonly Opinion[], t: ReportWords): OpinionField[] {
  const words = positionWords(t);
  const stated = POSITION_FIELDS.filter((field) => opinions.some((o) => field.value(o) !== undefined));
  return [
    { label: t.text('report.field.author'), value: (o) => o.author },
    { label: t.text('report.field.organization'), value: (o) => o.organization },
    ...stated.map((field) => ({
      label: t.text(`report.field.${field.key}`),
      value: (o: Opinion) => field.value(o, words) ?? words.notGiven,
    })),
    {
      label: t.text('report.field.assessment'),
      value: (o) =>
        o.submission ? t.text(`report.assessment.${o.submission.diagnosisAssessment}`) : words.notGiven,
    },
    { label: t.text('report.field.rationale'), value: (o) => o.submission?.rationale ?? words.notGiven },
    {
      label: t.text('report.field.references'),
      value: (o) => (o.submission?.references.length ? o.submission.references : words.notGiven),
    },
  ];
}

/** The level of agreement in plain words. */
export function agreementSummary(data: ReportData, t: ReportWords): string {
  const { level, disputed } = data.grading;
  if (level === 'none') return t.text('report.agree.none');
  if (level === 'minor') return t.text('report.agree.minor');
  const topics = disputed.map((d) => t.text(`report.topic.${d}`));
  return topics.length
    ? t.text('report.agree.major', { topics: listOf(t, topics) })
    : t.text('report.agree.majorUnnamed');
}

/** A difference between the opinions: in clinicians' words, and in the patient's where there are some. */
export interface ReasonText {
  clinician: string;
  patient?: string;
}

/** The grading's reasons, each prefixed with what it concerns: "Treatment plan (major difference): …". */
export function agreementReasons(data: ReportData, t: ReportWords): ReasonText[] {
  return data.grading.reasons.map((r) => {
    const patient = patientWords(r, t.locale);
    const dimension = t.text(`report.dimension.${r.dimension}`);
    return {
      clinician: t.text(`report.difference.${r.level}`, { dimension, detail: r.detail }),
      ...(patient ? { patient } : {}),
    };
  });
}

/** The majority position on one dimension (none when split) and the opinions holding it. */
export interface ConsensusRow {
  label: string;
  majority?: string;
  agreeing: number[];
}

function consensusRow<T>(
  label: string,
  dimension: DimensionConsensus<T>,
  show: (value: T) => string,
): ConsensusRow {
  if (dimension.split || dimension.value === undefined) return { label, agreeing: [] };
  return { label, majority: show(dimension.value), agreeing: dimension.agreeing };
}

export function consensusRows(consensus: Consensus, t: ReportWords): ConsensusRow[] {
  return [
    consensusRow(t.text('report.dimension.diagnosis'), consensus.diagnosis, (v) =>
      v === 'not-cancer' ? t.text('report.notCancer') : v,
    ),
    consensusRow(t.text('report.dimension.stage'), consensus.stage, (v) => v),
    consensusRow(t.text('report.dimension.treatment'), consensus.treatment, (v) =>
      planText(v, positionWords(t)),
    ),
  ];
}

/** Next steps in plain, careful words: they point to the care team, never to a change of treatment alone. */
export function nextSteps(data: ReportData, t: ReportWords): string[] {
  const steps: string[] = [];
  const majorityPlan =
    data.consensus && !data.consensus.treatment.split ? data.consensus.treatment.value : undefined;
  if (data.tumorBoard) {
    steps.push(t.text('report.next.tumorBoard'));
  } else if (data.grading.level === 'none') {
    steps.push(t.text(data.opinions.length === 2 ? 'report.next.agreeBoth' : 'report.next.agreeAll'));
  } else if (data.grading.level === 'minor') {
    steps.push(t.text('report.next.minor'));
  } else if (majorityPlan) {
    steps.push(t.text('report.next.majority', { plan: planText(majorityPlan, positionWords(t)) }));
  } else {
    steps.push(t.text('report.next.differ'));
  }
  if (data.grading.level === 'major') steps.push(t.text('report.next.decideTogether'));
  if (suggestedTrials(data).length) steps.push(t.text('report.next.trials'));
  steps.push(t.text('report.next.share'));
  return steps;
}

/** Specialists restate each question with their answer; match them loosely (spacing and case). */
const sameQuestion = (a: string, b: string) =>
  a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

/** Every patient question, in order, with each reviewer's answer to it (none yet is an empty list). */
export function answersByQuestion(
  data: ReportData,
): Array<{ question: string; answers: Array<{ opinion: number; answer: string }> }> {
  return data.questions.map((question) => ({
    question,
    answers: data.opinions.flatMap((opinion) =>
      (opinion.submission?.answers ?? [])
        .filter((a) => sameQuestion(a.question, question))
        .map((a) => ({ opinion: opinion.number, answer: a.answer })),
    ),
  }));
}

/** Trials suggested across the opinions, once each, with the opinions that suggested them. */
export function suggestedTrials(
  data: ReportData,
): Array<{ id: string; title: string; suggestedBy: number[] }> {
  const byId = new Map<string, { id: string; title: string; suggestedBy: number[] }>();
  for (const opinion of data.opinions) {
    for (const trial of opinion.submission?.clinicalTrials ?? []) {
      const entry = byId.get(trial.id) ?? { id: trial.id, title: trial.title, suggestedBy: [] };
      if (!entry.suggestedBy.includes(opinion.number)) entry.suggestedBy.push(opinion.number);
      byId.set(trial.id, entry);
    }
  }
  return [...byId.values()];
}

export const trialUrl = (id: string) => `https://clinicaltrials.gov/study/${encodeURIComponent(id)}`;

/** "March 12, 2025", "12 de marzo de 2025": in UTC so the date does not depend on the server's zone. */
export const reportDate = (iso: string, t: ReportWords) => t.date(iso, { dateStyle: 'long' });

/** The cancer type in the patient's words. */
export const cancerTypeText = (data: ReportData, t: ReportWords) =>
  t.text(`report.cancer.${data.cancerType}`);
