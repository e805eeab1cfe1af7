import fc from 'fast-check';
import * as z from 'zod/mini';
import { STAGE_GROUP } from '../../../functions/domain/opinion-terms.js';
import { clinicalPositionChecks, clinicalPositionFields } from '../../../functions/schemas/clinical.js';
import { fieldErrors } from '../../../functions/shared/validation.js';
import { LEGACY_POSITION, RICH_POSITION } from '../../support/positions.js';

/** The position as the intake's first opinion and the specialist's opinion will carry it. */
const PositionSchema = z.strictObject(clinicalPositionFields()).check(clinicalPositionChecks());

const errorsOf = (input: unknown) => {
  const result = PositionSchema.safeParse(input);
  return result.success ? [] : fieldErrors(result.error.issues);
};

const LEGACY = LEGACY_POSITION;
const RICH = RICH_POSITION;

describe('clinical position fields', () => {
  it('accepts today’s position unchanged', () => {
    expect(errorsOf(LEGACY)).toEqual([]);
    expect(PositionSchema.parse(LEGACY)).toEqual(LEGACY);
  });

  it('accepts every new field, and stages by AJCC 8 unless told', () => {
    expect(errorsOf(RICH)).toEqual([]);
    const { edition: _edition, ...noEdition } = RICH.staging;
    expect(PositionSchema.parse({ ...RICH, staging: noEdition }).staging?.edition).toBe(8);
  });

  it('accepts concurrent chemoradiation and a lymphoma stage with B symptoms and bulk', () => {
    const input = {
      icd10: 'C81.10',
      stage: 'IIB bulky',
      treatmentPlan: [
        { modality: 'chemotherapy', regimen: 'ABVD' },
        {
          modality: 'radiation',
          radiation: { doseGy: 30, fractions: 15 },
          concurrent: [{ modality: 'immunotherapy' }],
        },
      ],
    };
    expect(errorsOf(input)).toEqual([]);
  });

  it('accepts "not cancer" with the finding, its code and no plan', () => {
    expect(
      errorsOf({ notCancer: { finding: 'Granulomatous inflammation', icd10: 'D86.0' }, treatmentPlan: [] }),
    ).toEqual([]);
  });

  it.each([
    ['melanoma IIID', 'C43.9', 'IIID'],
    ['testicular IS', 'C62.10', 'IS'],
    ['bladder 0is', 'C67.9', '0is'],
    ['lung occult carcinoma', 'C34.90', 'occult'],
    ['myeloma R-ISS III', 'C90.00', 'III'],
  ])('accepts %s', (_name, icd10, stage) => {
    expect(errorsOf({ ...LEGACY, icd10, stage })).toEqual([]);
  });

  it('keeps accepting every stage the old pattern accepts for a cancer without a table', () => {
    const stage = fc.stringMatching(/^(0(is|a)?|I{1,3}|IV)([A-C][1-3]?)?$/);
    fc.assert(
      fc.property(
        stage,
        fc.constantFrom('C53.9', 'C71.9', 'C49.9', 'C91.10', 'C73'.replace('73', '00.9')),
        (s, icd10) => {
          expect(STAGE_GROUP.test(s)).toBe(true);
          expect(errorsOf({ ...LEGACY, icd10, stage: s })).toEqual([]);
        },
      ),
    );
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'a stage outside breast’s AJCC 8 groups',
      { stage: 'IIID' },
      'stage',
      'Must be an AJCC 8th edition stage group for breast: 0, IA, IB, IIA, IIB, IIIA, IIIB, IIIC, IV, or unknown',
    ],
    [
      '0a for breast',
      { stage: '0a' },
      'stage',
      'Must be an AJCC 8th edition stage group for breast: 0, IA, IB, IIA, IIB, IIIA, IIIB, IIIC, IV, or unknown',
    ],
    [
      'a stage that is no stage at all',
      { stage: 'V' },
      'stage',
      'Must be a stage group such as 0, 0is, I, IIA, IIIC, IIID, IS, IVB, IIB bulky, or unknown',
    ],
    [
      'M1 with stage IIIA',
      { stage: 'IIIA', staging: { prefix: 'c', t: 'T2', n: 'N2', m: 'M1' } },
      'stage',
      'M1 (distant metastasis) makes breast cancer stage IV',
    ],
    [
      'an S category outside the testis',
      { staging: { prefix: 'c', t: 'T2', s: 'S1' } },
      'staging.s',
      'The S category (serum tumor markers) is for testicular germ cell tumors',
    ],
    [
      'a staging without categories',
      { staging: { prefix: 'c' } },
      'staging',
      'Give at least one of t, n, m or s',
    ],
    [
      'a T category out of AJCC',
      { staging: { prefix: 'p', t: 'T5' } },
      'staging.t',
      'Must be an AJCC category such as T2, T1mi, Tis or T4b, without its prefix',
    ],
    [
      'MX (gone in the 8th edition)',
      { staging: { prefix: 'c', m: 'MX' } },
      'staging.m',
      'Must be an AJCC category such as M0 or M1c, without its prefix',
    ],
    [
      'a morphology that is not ICD-O-3',
      { histology: { morphology: '1234', behaviour: '3' } },
      'histology.morphology',
      'Must be an ICD-O-3 morphology code, 8000-9999, such as 8140',
    ],
    [
      'in situ behaviour on a malignant code',
      { histology: { morphology: '8500', behaviour: '2' } },
      'histology.behaviour',
      'Behaviour /2 (in situ) does not match C50.911 (malignant)',
    ],
    [
      'Gleason patterns that make another grade group',
      { icd10: 'C61', stage: 'IIB', grade: { system: 'gleason', value: 3, primary: 3, secondary: 4 } },
      'grade.value',
      'Gleason 3+4 is grade group 2',
    ],
    [
      'one Gleason pattern alone',
      { icd10: 'C61', stage: 'IIB', grade: { system: 'gleason', value: 2, primary: 3 } },
      'grade.secondary',
      'Give both Gleason patterns',
    ],
    [
      'a Nottingham grade of 4',
      { grade: { system: 'nottingham', value: 4 } },
      'grade.value',
      'A Nottingham grade is 1 to 3',
    ],
    [
      'patterns on a Nottingham grade',
      { grade: { system: 'nottingham', value: 2, primary: 3, secondary: 3 } },
      'grade.primary',
      'Only a Gleason grade has patterns',
    ],
    [
      'an ER result ER cannot have',
      { biomarkers: [{ name: 'ER', result: 'mutated' }] },
      'biomarkers.0.result',
      'ER is reported as positive, low, negative',
    ],
    [
      'PSA in percent',
      { biomarkers: [{ name: 'PSA', result: 'elevated', value: 5, unit: '%' }] },
      'biomarkers.0.unit',
      'PSA is reported in ng/mL',
    ],
    [
      'a value for a mutation',
      { biomarkers: [{ name: 'EGFR', result: 'mutated', value: 1 }] },
      'biomarkers.0.value',
      'EGFR is reported by its result only',
    ],
    [
      'the same biomarker twice',
      {
        biomarkers: [
          { name: 'ER', result: 'positive' },
          { name: 'ER', result: 'negative' },
        ],
      },
      'biomarkers',
      'Name each biomarker once',
    ],
    [
      'an operation under chemotherapy',
      { treatmentPlan: [{ modality: 'chemotherapy', surgery: 'mastectomy' }] },
      'treatmentPlan.0.surgery',
      'Only surgery names an operation',
    ],
    [
      'a regimen under surgery',
      { treatmentPlan: [{ modality: 'surgery', regimen: 'FOLFOX' }] },
      'treatmentPlan.0.regimen',
      'Only chemotherapy, immunotherapy, targeted-therapy, hormone-therapy, stem-cell-transplant have a regimen',
    ],
    [
      'a dose of 0 Gy',
      { treatmentPlan: [{ modality: 'radiation', radiation: { doseGy: 0, fractions: 1 } }] },
      'treatmentPlan.0.radiation.doseGy',
      'Must be more than 0 Gy',
    ],
    [
      'the same modality twice in one step',
      { treatmentPlan: [{ modality: 'chemotherapy', concurrent: [{ modality: 'chemotherapy' }] }] },
      'treatmentPlan.0.concurrent.0.modality',
      'Give each modality once in a step (one regimen for several drugs)',
    ],
    [
      'an unknown timing role',
      { treatmentPlan: [{ modality: 'surgery', timing: 'salvage' }] },
      'treatmentPlan.0.timing',
      'Must be one of neoadjuvant, definitive, adjuvant, maintenance, palliative, surveillance',
    ],
    [
      'an unknown field in a step',
      { treatmentPlan: [{ modality: 'surgery', dose: 2 }] },
      'treatmentPlan.0.dose',
      'Unknown field',
    ],
    ['an empty plan for a cancer', { treatmentPlan: [] }, 'treatmentPlan', 'At least one step is required'],
    [
      'no diagnosis at all',
      { icd10: undefined },
      'icd10',
      'Required (or notCancer when the opinion finds no cancer)',
    ],
    [
      'an unknown intent',
      { treatmentIntent: 'hopeful' },
      'treatmentIntent',
      'Must be one of curative, palliative, unknown',
    ],
  ])('refuses %s (at %s)', (_name, change, path, message) => {
    expect(errorsOf({ ...LEGACY, ...change })).toEqual([{ path, message }]);
  });

  it.each<[string, Record<string, unknown>, Array<{ path: string; message: string }>]>([
    [
      'a cancer code beside "not cancer"',
      { icd10: 'C50.911' },
      [
        {
          path: 'icd10',
          message:
            "Leave icd10 out when the opinion finds no cancer; give the finding's code as notCancer.icd10",
        },
      ],
    ],
    [
      'a stage beside "not cancer"',
      { stage: 'IIA' },
      [{ path: 'stage', message: 'stage applies only to a cancer' }],
    ],
    [
      'a malignant code as the finding',
      { notCancer: { finding: 'x', icd10: 'C50.9' } },
      [
        {
          path: 'notCancer.icd10',
          message: 'A finding that is not cancer cannot take a malignant (C) or in situ (D00-D09) code',
        },
      ],
    ],
  ])('refuses %s', (_name, change, errors) => {
    expect(
      errorsOf({ notCancer: { finding: 'Fibroadenoma', icd10: 'D24.1' }, treatmentPlan: [], ...change }),
    ).toEqual(errors);
  });
});
