/**
 * A clinical position in clinicians' terms, for the case packet and the report: codes as the opinion gave
 * them, each treatment with its operation, regimen or dose, its role and what is given with it.
 */
import { biomarkerValueText } from '../domain/clinical/biomarkers.js';
import { gradeText } from '../domain/clinical/grade-systems.js';
import type { ClinicalPosition, TreatmentEntry, TreatmentStep } from '../domain/clinical/position.js';
import { DEFAULT_AJCC_EDITION, tnmText } from '../domain/clinical/tnm.js';
import type { Dimension, DiscordanceGrade } from '../domain/opinion.js';
import type { Modality } from '../domain/opinion-terms.js';

/** The words a position's values need around the codes: the report has them in the patient's language. */
export interface PositionWords {
  /** Shown where an opinion does not state a field (the first opinion states fewer). */
  notGiven: string;
  notCancer: string;
  modality(modality: Modality): string;
  dose(doseGy: number, fractions: number): string;
  /** "radiation therapy with chemotherapy and immunotherapy". */
  together(step: string, others: readonly string[]): string;
}

export const MODALITY_LABELS: Readonly<Record<Modality, string>> = {
  surgery: 'surgery',
  chemotherapy: 'chemotherapy',
  radiation: 'radiation therapy',
  immunotherapy: 'immunotherapy',
  'targeted-therapy': 'targeted therapy',
  'hormone-therapy': 'hormone therapy',
  'stem-cell-transplant': 'stem cell transplant',
  'active-surveillance': 'active surveillance',
  'clinical-trial': 'a clinical trial',
  'palliative-care': 'palliative care',
};

const ENGLISH: PositionWords = {
  notGiven: 'Not given',
  notCancer: 'Not cancer',
  modality: (modality) => MODALITY_LABELS[modality],
  dose: (doseGy, fractions) => `${doseGy} Gy in ${fractions} fractions`,
  together: (step, others) => `${step} with ${others.join(' and ')}`,
};

/** An id in words: "wide-local-excision" reads "wide local excision". */
export const words = (id: string): string => id.replace(/-/g, ' ');

function entryText(entry: TreatmentEntry, vocabulary: PositionWords): string {
  const detail = [
    entry.surgery && words(entry.surgery),
    entry.regimen,
    entry.radiation && vocabulary.dose(entry.radiation.doseGy, entry.radiation.fractions),
  ].filter(Boolean);
  return `${vocabulary.modality(entry.modality)}${detail.length ? ` (${detail.join(', ')})` : ''}`;
}

/**
 * "adjuvant: radiation therapy (50 Gy in 25 fractions) with chemotherapy (capecitabine)": the modality and the
 * dose in the reader's words; the timing, the operation and the regimen as the opinion names them.
 */
export function stepText(step: TreatmentStep, vocabulary = ENGLISH): string {
  const entry = entryText(step, vocabulary);
  const text = step.concurrent?.length
    ? vocabulary.together(
        entry,
        step.concurrent.map((other) => entryText(other, vocabulary)),
      )
    : entry;
  return `${step.timing ? `${step.timing}: ` : ''}${text}`;
}

/** "surgery → chemotherapy": the steps in the order they are given. */
export const planText = (plan: readonly TreatmentStep[] | undefined, words = ENGLISH): string =>
  plan?.length ? plan.map((step) => stepText(step, words)).join(' → ') : words.notGiven;

export function diagnosisText(position: ClinicalPosition, words = ENGLISH): string {
  const { notCancer } = position;
  if (!notCancer) return position.icd10 ?? words.notGiven;
  return `${words.notCancer}: ${notCancer.finding}${notCancer.icd10 ? ` (${notCancer.icd10})` : ''}`;
}

/**
 * One field of a position: its key (the report's catalog labels it by it), its English label, and its value,
 * or undefined when the position does not state it.
 */
export interface PositionField {
  key: 'diagnosis' | 'histology' | 'grade' | 'tnm' | 'stage' | 'biomarkers' | 'intent' | 'treatment';
  label: string;
  value(position: ClinicalPosition, words?: PositionWords): string | string[] | undefined;
}

export const POSITION_FIELDS: readonly PositionField[] = [
  { key: 'diagnosis', label: 'Diagnosis (ICD-10-CM)', value: diagnosisText },
  {
    key: 'histology',
    label: 'Histology (ICD-O-3)',
    value: ({ histology: h }) => h && `${h.morphology}/${h.behaviour}`,
  },
  { key: 'grade', label: 'Grade', value: ({ grade }) => grade && gradeText(grade) },
  {
    key: 'tnm',
    label: 'TNM',
    value: ({ staging: s }) => s && `${tnmText(s)} (AJCC ${s.edition ?? DEFAULT_AJCC_EDITION}th edition)`,
  },
  {
    key: 'stage',
    label: 'Stage group',
    value: (p, words = ENGLISH) => p.stage ?? (p.notCancer ? undefined : words.notGiven),
  },
  {
    key: 'biomarkers',
    label: 'Biomarkers',
    value: ({ biomarkers }) =>
      biomarkers?.length
        ? biomarkers.map((m) => {
            const value = biomarkerValueText(m);
            return `${m.name} ${m.result}${value ? `, ${value}` : ''}`;
          })
        : undefined,
  },
  { key: 'intent', label: 'Intent', value: ({ treatmentIntent }) => treatmentIntent },
  {
    key: 'treatment',
    label: 'Treatment plan',
    value: ({ treatmentPlan }, words = ENGLISH) =>
      treatmentPlan.length ? treatmentPlan.map((step) => stepText(step, words)) : words.notGiven,
  },
];

/** The fields a position states, as rows of a definition list. */
export function positionRows(position: ClinicalPosition): Array<[string, string | string[]]> {
  return POSITION_FIELDS.flatMap((field) => {
    const value = field.value(position);
    return value === undefined ? [] : [[field.label, value] as [string, string | string[]]];
  });
}

const DIMENSIONS: Readonly<Record<Dimension, string>> = {
  diagnosis: 'the diagnosis',
  stage: 'the stage',
  treatment: 'the treatment plan',
};

/** "the diagnosis and the treatment plan": what a grade disputes. */
export const disputedText = (grade: DiscordanceGrade): string =>
  grade.disputed.map((dimension) => DIMENSIONS[dimension]).join(' and ');
