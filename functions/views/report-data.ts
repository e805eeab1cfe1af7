import type {
  Consensus,
  Dimension,
  DimensionConsensus,
  DiscordanceGrade,
  Opinion,
} from '../domain/opinion.js';
import type { DIAGNOSIS_ASSESSMENTS } from '../domain/opinion-terms.js';
import { NOT_GIVEN, planText, POSITION_FIELDS } from './clinical-position.js';
import { patientWords } from './discordance-words.js';

/** Everything the final report shows; the HTML page and the PDF both render from it. */
export interface ReportData {
  caseId: string;
  /** ISO timestamp. */
  generatedAt: string;
  cancerType: string;
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

const ASSESSMENT_LABELS: Readonly<Record<(typeof DIAGNOSIS_ASSESSMENTS)[number], string>> = {
  confirmed: 'Confirms the diagnosis',
  changed: 'Changes the diagnosis',
  'more-tests-needed': 'More tests needed',
};

const DIMENSION_LABELS: Readonly<Record<Dimension, string>> = {
  diagnosis: 'Diagnosis',
  stage: 'Stage',
  treatment: 'Treatment plan',
};

export function opinionTitle(opinion: Opinion): string {
  return opinion.number === 1 ? 'Opinion 1 (first opinion)' : `Opinion ${opinion.number}`;
}

/** "opinions 1 and 3", "opinions 1, 2 and 3". */
export function opinionList(numbers: readonly number[]): string {
  if (numbers.length === 1) return `opinion ${numbers[0]}`;
  return `opinions ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/** One row of the side-by-side comparison; a list value renders as a bulleted list. */
export interface OpinionField {
  label: string;
  value: (opinion: Opinion) => string | string[];
}

const SUBMISSION_FIELDS: readonly OpinionField[] = [
  {
    label: 'Assessment',
    value: (o) => (o.submission ? ASSESSMENT_LABELS[o.submission.diagnosisAssessment] : NOT_GIVEN),
  },
  { label: 'Rationale', value: (o) => o.submission?.rationale ?? NOT_GIVEN },
  {
    label: 'References',
    value: (o) => (o.submission?.references.length ? o.submission.references : NOT_GIVEN),
  },
];

/**
 * The rows of the side-by-side comparison: who gave each opinion, the clinical position's fields that any
 * of the opinions states (Not given where one does not), and what the specialists submitted.
 */
export function opinionFields(opinions: readonly Opinion[]): OpinionField[] {
  const stated = POSITION_FIELDS.filter((field) => opinions.some((o) => field.value(o) !== undefined));
  return [
    { label: 'Author', value: (o) => o.author },
    { label: 'Organization', value: (o) => o.organization },
    ...stated.map((field) => ({ label: field.label, value: (o: Opinion) => field.value(o) ?? NOT_GIVEN })),
    ...SUBMISSION_FIELDS,
  ];
}

/** The level of agreement in plain words. */
export function agreementSummary(data: ReportData): string {
  const { level, disputed } = data.grading;
  if (level === 'none') return 'The opinions agree on the diagnosis, the stage and the treatment plan.';
  if (level === 'minor')
    return 'The opinions differ only in details that do not change the recommended treatment.';
  const topics = disputed.map((d) => DIMENSION_LABELS[d].toLowerCase());
  return topics.length
    ? `The opinions differ on the ${topics.join(' and ')}. Your physician can go over the difference with you.`
    : 'The opinions differ on an important point. Your physician can go over the difference with you.';
}

/** A difference between the opinions: in clinicians' words, and in the patient's where there are some. */
export interface ReasonText {
  clinician: string;
  patient?: string;
}

/** The grading's reasons, each prefixed with what it concerns: "Treatment plan (major difference): …". */
export function agreementReasons(data: ReportData): ReasonText[] {
  return data.grading.reasons.map((r) => {
    const patient = patientWords(r);
    return {
      clinician: `${DIMENSION_LABELS[r.dimension]} (${r.level} difference): ${r.detail}`,
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

export function consensusRows(consensus: Consensus): ConsensusRow[] {
  return [
    consensusRow(DIMENSION_LABELS.diagnosis, consensus.diagnosis, (v) =>
      v === 'not-cancer' ? 'Not cancer' : v,
    ),
    consensusRow(DIMENSION_LABELS.stage, consensus.stage, (v) => v),
    consensusRow(DIMENSION_LABELS.treatment, consensus.treatment, (v) => planText(v)),
  ];
}

/** Next steps in plain, careful words: they point to the care team, never to a change of treatment alone. */
export function nextSteps(data: ReportData): string[] {
  const steps: string[] = [];
  const both = data.opinions.length === 2 ? 'Both opinions agree' : 'The opinions agree';
  const majorityPlan =
    data.consensus && !data.consensus.treatment.split ? data.consensus.treatment.value : undefined;
  if (data.tumorBoard) {
    steps.push(
      'The opinions still differ, so your coordinator is arranging a tumor board review, where several specialists discuss your case together.',
    );
  } else if (data.grading.level === 'none') {
    steps.push(`${both}; continue with your care team on the plan.`);
  } else if (data.grading.level === 'minor') {
    steps.push(
      'The opinions differ only in details that do not change the recommended plan; your care team can explain them.',
    );
  } else if (majorityPlan) {
    steps.push(
      `Most of the opinions recommend ${planText(majorityPlan)}; go over this plan with your physician.`,
    );
  } else {
    steps.push('The opinions differ; go over them with your physician, who can help you weigh them.');
  }
  if (data.grading.level === 'major') {
    steps.push('Please make any decision about your treatment together with your physician.');
  }
  if (suggestedTrials(data).length) {
    steps.push(
      'Ask your physician about the clinical trials listed in this report and whether they suit you.',
    );
  }
  steps.push('Share this report with your referring physician.');
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

/** "March 12, 2025", in UTC so the date does not depend on the server's zone. */
export const reportDate = (iso: string) =>
  new Date(iso).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'UTC' });
