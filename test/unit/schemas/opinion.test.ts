import { OpinionSchema, type OpinionInput } from '../../../functions/schemas/opinion.js';
import { opinionFromForm } from '../../../functions/schemas/opinion-form.js';
import { RICH_FORM, RICH_POSITION } from '../../support/positions.js';

const QUESTIONS = ['Should I have chemotherapy before surgery?', 'Is radiation needed?'];

/** API.md's opinion example, answering both questions. */
const EXAMPLE: OpinionInput = {
  diagnosisAssessment: 'confirmed',
  icd10: 'C50.911',
  stage: 'IIB',
  treatmentPlan: [{ modality: 'chemotherapy' }, { modality: 'surgery' }],
  clinicalTrials: [{ id: 'NCT01234567', title: 'Neoadjuvant trial' }],
  answers: QUESTIONS.map((question) => ({ question, answer: 'Yes.' })),
  rationale: 'Tumour size favours neoadjuvant therapy.',
  references: ['NCCN Breast Cancer v4.2026'],
};

const pathsOf = (input: unknown) => {
  const result = OpinionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('OpinionSchema', () => {
  it('accepts API.md’s example', () => {
    expect(pathsOf(EXAMPLE)).toEqual([]);
  });

  it.each([
    ['an unknown assessment', 'diagnosisAssessment', { diagnosisAssessment: 'maybe' }],
    ['a code outside C00–D49', 'icd10', { icd10: 'Z99.1' }],
    ['a stage that is not a stage group', 'stage', { stage: 'V' }],
    ['an empty plan', 'treatmentPlan', { treatmentPlan: [] }],
    ['an unknown modality', 'treatmentPlan.0.modality', { treatmentPlan: [{ modality: 'prayer' }] }],
    ['a malformed trial id', 'clinicalTrials.0.id', { clinicalTrials: [{ id: 'NCT123', title: 'x' }] }],
    ['a blank rationale', 'rationale', { rationale: '   ' }],
    ['an unknown field', '', { verdict: 'fine' }],
    ['an empty list of tests', 'testsNeeded', { diagnosisAssessment: 'more-tests-needed', testsNeeded: [] }],
  ])('refuses %s (error at "%s")', (_name, path, change) => {
    expect(pathsOf({ ...EXAMPLE, ...change })).toEqual([path]);
  });

  it('accepts the clinical position’s new fields beside API.md’s, and keeps them', () => {
    const input = { ...EXAMPLE, ...RICH_POSITION };

    expect(pathsOf(input)).toEqual([]);
    expect(OpinionSchema.parse(input)).toMatchObject(RICH_POSITION);
  });

  it('accepts an opinion that finds no cancer, with the finding instead of a code, stage and plan', () => {
    const { icd10: _icd10, stage: _stage, ...rest } = EXAMPLE;
    const input = {
      ...rest,
      diagnosisAssessment: 'changed',
      notCancer: { finding: 'Fibroadenoma, no malignancy', icd10: 'D24.1' },
      treatmentPlan: [{ modality: 'active-surveillance' }],
    };

    expect(pathsOf(input)).toEqual([]);
  });

  it.each([
    ['no code and no finding', { icd10: undefined }, 'icd10'],
    ['a stage breast cancer does not have', { stage: 'IS' }, 'stage'],
    [
      'a dose on chemotherapy',
      { treatmentPlan: [{ modality: 'chemotherapy', radiation: { doseGy: 50, fractions: 25 } }] },
      'treatmentPlan.0.radiation',
    ],
    ['a code beside a not-cancer finding', { notCancer: { finding: 'Benign' } }, 'icd10'],
  ])('refuses %s across fields', (_name, change, path) => {
    expect(pathsOf({ ...EXAMPLE, ...change })).toContain(path);
  });

  it('more tests needed in API.md’s fields alone (no tests named) is valid', () => {
    expect(pathsOf({ ...EXAMPLE, diagnosisAssessment: 'more-tests-needed' })).toEqual([]);
  });

  it('more tests needed with the tests named is valid', () => {
    const input = {
      ...EXAMPLE,
      diagnosisAssessment: 'more-tests-needed',
      testsNeeded: [{ type: 'genetic-testing', description: 'BRCA1/2 panel' }],
    };
    expect(pathsOf(input)).toEqual([]);
  });
});

describe('opinionFromForm', () => {
  it('maps the page’s fields to the JSON body, in plan order, answers by question', () => {
    // Arrange
    const fields = {
      diagnosisAssessment: 'confirmed',
      icd10: ' c50.911 ',
      stage: 'IIB',
      treatment1: 'chemotherapy',
      treatment2: '',
      treatment3: 'surgery',
      answer1: 'Yes.',
      answer2: 'Yes.',
      rationale: 'Tumour size favours neoadjuvant therapy.',
      trials: 'nct01234567 Neoadjuvant trial\n\n',
      references: 'NCCN Breast Cancer v4.2026\n',
      testsNeeded: '',
    };

    // Act
    const opinion = opinionFromForm(fields, QUESTIONS);

    // Assert
    expect(OpinionSchema.parse(opinion)).toEqual(OpinionSchema.parse(EXAMPLE));
  });

  it('reads tests as "type: description" lines, and a bad type fails validation at its path', () => {
    const opinion = opinionFromForm(
      {
        ...Object.fromEntries(Object.entries(EXAMPLE).map(([k, v]) => [k, String(v)])),
        diagnosisAssessment: 'more-tests-needed',
        icd10: 'C50.911',
        stage: 'IIB',
        treatment1: 'surgery',
        rationale: 'r',
        testsNeeded: 'imaging: MRI: both breasts\nscan: PET',
      },
      [],
    );
    expect(opinion.testsNeeded).toEqual([
      { type: 'imaging', description: 'MRI: both breasts' },
      { type: 'scan', description: 'PET' },
    ]);
    expect(pathsOf(opinion)).toEqual(['testsNeeded.1.type']);
  });

  it('maps the clinical position’s fields, each group only when one of its fields is filled in', () => {
    const opinion = opinionFromForm({ ...BASE_FORM, ...RICH_FORM }, QUESTIONS);

    expect(pathsOf(opinion)).toEqual([]);
    expect(OpinionSchema.parse(opinion)).toEqual(OpinionSchema.parse({ ...EXAMPLE, ...RICH_POSITION }));
  });

  it('maps a concurrent treatment and a finding that is not cancer', () => {
    const opinion = opinionFromForm(
      {
        ...BASE_FORM,
        icd10: '',
        stage: '',
        notCancerFinding: 'Granulomatous inflammation',
        notCancerIcd10: 'd86.0',
        treatment1: 'radiation',
        treatment2: '',
        treatment1DoseGy: '50.4',
        treatment1Fractions: '28',
        treatment1With: 'chemotherapy',
        treatment1WithRegimen: 'cisplatin',
      },
      QUESTIONS,
    );

    expect(opinion).toMatchObject({
      notCancer: { finding: 'Granulomatous inflammation', icd10: 'D86.0' },
      treatmentPlan: [
        {
          modality: 'radiation',
          radiation: { doseGy: 50.4, fractions: 28 },
          concurrent: [{ modality: 'chemotherapy', regimen: 'cisplatin' }],
        },
      ],
    });
    expect(opinion.icd10).toBeUndefined();
  });

  it('sends what was typed, so a wrong field is refused at its path', () => {
    const opinion = opinionFromForm(
      { ...BASE_FORM, treatment3Timing: 'adjuvant', treatment3DoseGy: 'lots', biomarker1Result: 'positive' },
      QUESTIONS,
    );

    expect(pathsOf(opinion)).toEqual([
      'treatmentPlan.2.modality',
      'treatmentPlan.2.radiation.doseGy',
      'treatmentPlan.2.radiation.fractions',
      'biomarkers.0.name',
    ]);
  });
});

/** API.md's example as the form sends it. */
const BASE_FORM: Record<string, string> = {
  diagnosisAssessment: 'confirmed',
  icd10: 'C50.911',
  stage: 'IIB',
  treatment1: 'chemotherapy',
  treatment2: 'surgery',
  answer1: 'Yes.',
  answer2: 'Yes.',
  rationale: 'Tumour size favours neoadjuvant therapy.',
  trials: 'NCT01234567 Neoadjuvant trial',
  references: 'NCCN Breast Cancer v4.2026',
};
