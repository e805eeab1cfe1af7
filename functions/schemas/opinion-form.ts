import type { OpinionInput } from './opinion.js';

/** How many treatment steps and biomarker rows the HTML form offers (the JSON API takes more). */
export const FORM_TREATMENT_STEPS = 6;
export const FORM_BIOMARKER_ROWS = 6;

/**
 * The form's field names. A step's treatment keeps the name it always had (`treatment1`); its details
 * and the treatment given with it are `treatment1Timing`, `treatment1With`, `treatment1WithRegimen`…
 */
export const stepField = (step: number, part = '') => `treatment${step}${part}`;
export const biomarkerField = (row: number, part: 'Name' | 'Result' | 'Value' | 'Unit') =>
  `biomarker${row}${part}`;

type Fields = Record<string, string>;
// The form sends strings: a value is passed on as typed for the schema to judge (a wrong one fails there, at
// its path), and a field left empty is undefined, as if the JSON had left it out.
type Loose = Record<string, unknown>;

const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** The trimmed value, or undefined when the field is empty or absent. */
const given = (fields: Fields, name: string) => fields[name]?.trim() || undefined;
/** A number as typed ("12.5"); anything else stays a string, which the schema refuses. */
const numeric = (value: string | undefined) =>
  value === undefined || Number.isNaN(Number(value)) ? value : Number(value);
/** The values given, or undefined when none is. */
function some(object: Loose): Loose | undefined {
  const entries = Object.entries(object).filter(([, value]) => value !== undefined);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function treatment(fields: Fields, prefix: string): Loose | undefined {
  const doseGy = given(fields, `${prefix}DoseGy`);
  const fractions = given(fields, `${prefix}Fractions`);
  // Detail without a treatment is sent as it is, so the schema says what is missing.
  return some({
    modality: given(fields, prefix),
    surgery: given(fields, `${prefix}Surgery`),
    regimen: given(fields, `${prefix}Regimen`),
    radiation: some({ doseGy: numeric(doseGy), fractions: numeric(fractions) }),
  });
}

function step(fields: Fields, i: number): Loose | undefined {
  const together = treatment(fields, stepField(i, 'With'));
  return some({
    ...treatment(fields, stepField(i)),
    timing: given(fields, stepField(i, 'Timing')),
    concurrent: together && [together],
  });
}

function biomarker(fields: Fields, row: number): Loose | undefined {
  return some({
    name: given(fields, biomarkerField(row, 'Name')),
    result: given(fields, biomarkerField(row, 'Result')),
    value: numeric(given(fields, biomarkerField(row, 'Value'))),
    unit: given(fields, biomarkerField(row, 'Unit')),
  });
}

/** The clinical position's fields: each group only when one of its fields is filled in. */
function position(fields: Fields): Loose | undefined {
  const finding = given(fields, 'notCancerFinding');
  const biomarkers = Array.from({ length: FORM_BIOMARKER_ROWS }, (_, i) => biomarker(fields, i + 1)).filter(
    Boolean,
  );
  const histology = some({ morphology: given(fields, 'morphology'), behaviour: given(fields, 'behaviour') });
  const grade = some({
    system: given(fields, 'gradeSystem'),
    value: numeric(given(fields, 'gradeValue')),
    primary: numeric(given(fields, 'gleasonPrimary')),
    secondary: numeric(given(fields, 'gleasonSecondary')),
  });
  const categories = some({
    t: given(fields, 'tnmT'),
    n: given(fields, 'tnmN'),
    m: given(fields, 'tnmM'),
    s: given(fields, 'tnmS'),
  });
  const staging = categories && {
    ...some({ prefix: given(fields, 'tnmPrefix'), edition: numeric(given(fields, 'ajccEdition')) }),
    ...categories,
  };
  return some({
    icd10: given(fields, 'icd10')?.toUpperCase(),
    stage: given(fields, 'stage'),
    notCancer: some({ finding, icd10: given(fields, 'notCancerIcd10')?.toUpperCase() }),
    histology,
    grade,
    staging,
    biomarkers: biomarkers.length ? biomarkers : undefined,
    treatmentIntent: given(fields, 'treatmentIntent'),
  });
}

/**
 * The opinion form's fields as the JSON body API.md defines, so both go through one schema: the clinical
 * position (steps `treatment1…6` in order, biomarker rows), `answer<i>` for the patient's i-th question,
 * `trials` as lines of "NCT01234567 Title", `references` and `testsNeeded` ("type: description") one per line.
 */
export function opinionFromForm(fields: Fields, questions: readonly string[]): OpinionInput {
  const testsNeeded = lines(fields.testsNeeded).map((line) => {
    const [type = '', ...rest] = line.split(':');
    return { type: type.trim(), description: rest.join(':').trim() };
  });
  return {
    diagnosisAssessment: fields.diagnosisAssessment,
    ...position(fields),
    treatmentPlan: Array.from({ length: FORM_TREATMENT_STEPS }, (_, i) => step(fields, i + 1)).filter(
      Boolean,
    ),
    clinicalTrials: lines(fields.trials).map((line) => {
      const [id = '', ...title] = line.split(/\s+/);
      return { id: id.toUpperCase(), title: title.join(' ') };
    }),
    answers: questions.map((question, i) => ({ question, answer: fields[`answer${i + 1}`] ?? '' })),
    rationale: fields.rationale ?? '',
    references: lines(fields.references),
    ...(testsNeeded.length ? { testsNeeded } : {}),
  } as OpinionInput;
}
