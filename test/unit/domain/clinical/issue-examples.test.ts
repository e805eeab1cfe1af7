/** Every example of issue 24, with its new grade. */
import { gradeOpinions } from '../../../../functions/domain/clinical/grade.js';
import type { ClinicalPosition } from '../../../../functions/domain/clinical/position.js';
import type { DiscordanceLevel } from '../../../../functions/domain/opinion.js';
import { notCancer, position } from '../../../support/positions.js';

type Example = [
  name: string,
  a: ClinicalPosition,
  b: ClinicalPosition,
  level: DiscordanceLevel,
  codes: string[],
];

const BREAST = 'C50.911';
const LUNG = 'C34.90';
const chemo = 'chemotherapy' as const;
const surgery = (type: 'lumpectomy' | 'mastectomy') => ({ modality: 'surgery' as const, surgery: type });
const histology = (morphology: string) => ({ histology: { morphology, behaviour: '3' as const } });
const marker = <T extends object>(m: T) => ({ biomarkers: [m] as never });

const check = ([, a, b, level, codes]: Example) => {
  const grade = gradeOpinions(a, b);

  expect(grade.reasons.map((r) => r.code)).toEqual(codes);
  expect(grade.level).toBe(level);
};

describe('issue 24: under-calls, now major', () => {
  it.each<Example>([
    [
      'acute against chronic lymphocytic leukemia (C91.0 vs C91.1)',
      position('C91.00', 'unknown', [chemo]),
      position('C91.10', 'unknown', [chemo]),
      'major',
      ['distinct-disease'],
    ],
    [
      'AML against CML (C92.0 vs C92.1)',
      position('C92.00', 'unknown', [chemo]),
      position('C92.10', 'unknown', [chemo]),
      'major',
      ['distinct-disease'],
    ],
    [
      'mantle cell against diffuse large B-cell lymphoma (C83.1 vs C83.3)',
      position('C83.10', 'III', [chemo]),
      position('C83.30', 'III', [chemo]),
      'major',
      ['distinct-disease'],
    ],
    [
      'Burkitt against diffuse large B-cell lymphoma (C83.7 vs C83.3)',
      position('C83.70', 'III', [chemo]),
      position('C83.30', 'III', [chemo]),
      'major',
      ['distinct-disease'],
    ],
    [
      'bladder 0a against 0is',
      position('C67.9', '0a', ['surgery']),
      position('C67.9', '0is', ['surgery']),
      'major',
      ['stage-group'],
    ],
    [
      'Hodgkin IIA against IIB',
      position('C81.10', 'IIA', [chemo]),
      position('C81.10', 'IIB', [chemo]),
      'major',
      ['b-symptoms'],
    ],
    [
      'a different operation under surgery',
      position(BREAST, 'IIA', [surgery('lumpectomy')]),
      position(BREAST, 'IIA', [surgery('mastectomy')]),
      'major',
      ['operation-changed'],
    ],
    [
      'a different intent',
      position(LUNG, 'IIIB', [chemo], { treatmentIntent: 'curative' }),
      position(LUNG, 'IIIB', [chemo], { treatmentIntent: 'palliative' }),
      'major',
      ['intent-changed'],
    ],
    [
      'small cell against non-small cell lung cancer (8041 vs 8046)',
      position(LUNG, 'IIIA', [chemo], histology('8041')),
      position(LUNG, 'IIIA', [chemo], histology('8046')),
      'major',
      ['histology-family'],
    ],
  ])('%s', (...example) => check(example));
});

describe('issue 24: under-calls, now minor', () => {
  it.each<Example>([
    [
      'a different regimen under chemotherapy',
      position(BREAST, 'IIA', [{ modality: chemo, regimen: 'AC-T' }, 'surgery']),
      position(BREAST, 'IIA', [{ modality: chemo, regimen: 'TC' }, 'surgery']),
      'minor',
      ['regimen-changed'],
    ],
    [
      'a different radiation dose',
      position(BREAST, 'IIA', [
        'surgery',
        { modality: 'radiation', radiation: { doseGy: 50, fractions: 25 } },
      ]),
      position(BREAST, 'IIA', [
        'surgery',
        { modality: 'radiation', radiation: { doseGy: 26, fractions: 5 } },
      ]),
      'minor',
      ['radiation-dose'],
    ],
  ])('%s', (...example) => check(example));
});

describe('issue 24: over-calls, now minor or none', () => {
  it.each<Example>([
    [
      'two adjuvant therapies in another order',
      position(BREAST, 'IIA', ['surgery', chemo, 'radiation']),
      position(BREAST, 'IIA', ['surgery', 'radiation', chemo]),
      'minor',
      ['order-within-phase'],
    ],
    [
      'a repeated chemotherapy entry',
      position(BREAST, 'IIA', ['surgery', chemo, chemo]),
      position(BREAST, 'IIA', ['surgery', chemo]),
      'none',
      [],
    ],
    [
      'palliative care added',
      position(LUNG, 'IVA', [chemo]),
      position(LUNG, 'IVA', [chemo, 'palliative-care']),
      'minor',
      ['supportive-care'],
    ],
    [
      'unknown against a stage on the same plan',
      position(BREAST, 'unknown', ['surgery', chemo]),
      position(BREAST, 'IIA', ['surgery', chemo]),
      'minor',
      ['stage-unknown'],
    ],
  ])('%s', (...example) => check(example));
});

describe('issue 24: what could not be said', () => {
  it.each<Example>([
    [
      'Gleason 3+3 against 4+3',
      position('C61', 'IIB', ['radiation'], {
        grade: { system: 'gleason', value: 1, primary: 3, secondary: 3 },
      }),
      position('C61', 'IIB', ['radiation'], {
        grade: { system: 'gleason', value: 3, primary: 4, secondary: 3 },
      }),
      'major',
      ['grade-tier'],
    ],
    [
      'Nottingham grade 2 against 3',
      position(BREAST, 'IIA', ['surgery'], { grade: { system: 'nottingham', value: 2 } }),
      position(BREAST, 'IIA', ['surgery'], { grade: { system: 'nottingham', value: 3 } }),
      'minor',
      ['grade-changed'],
    ],
    [
      'cT2 N0 (IIA) against cT2 N2 (IIIA): the node change moves the group',
      position(BREAST, 'IIA', ['surgery'], { staging: { prefix: 'c', t: 'T2', n: 'N0', m: 'M0' } }),
      position(BREAST, 'IIIA', ['surgery'], { staging: { prefix: 'c', t: 'T2', n: 'N2', m: 'M0' } }),
      'major',
      ['stage-group'],
    ],
    [
      'clinical before against pathological after neoadjuvant therapy',
      position(BREAST, 'IIB', [chemo, 'surgery'], { staging: { prefix: 'c', t: 'T2', n: 'N1' } }),
      position(BREAST, 'IA', [chemo, 'surgery'], { staging: { prefix: 'yp', t: 'T1a', n: 'N0' } }),
      'minor',
      ['staging-timepoint'],
    ],
    [
      'ER positive against negative',
      position(BREAST, 'IIA', ['surgery'], marker({ name: 'ER', result: 'positive' })),
      position(BREAST, 'IIA', ['surgery'], marker({ name: 'ER', result: 'negative' })),
      'major',
      ['biomarker-therapy'],
    ],
    [
      'PR positive against low',
      position(BREAST, 'IIA', ['surgery'], marker({ name: 'PR', result: 'positive' })),
      position(BREAST, 'IIA', ['surgery'], marker({ name: 'PR', result: 'low' })),
      'major',
      ['biomarker-therapy'],
    ],
    [
      'HER2 low against negative',
      position(BREAST, 'IV', [chemo], marker({ name: 'HER2', result: 'low' })),
      position(BREAST, 'IV', [chemo], marker({ name: 'HER2', result: 'negative' })),
      'major',
      ['biomarker-therapy'],
    ],
    [
      'PD-L1 TPS high against low in lung',
      position(LUNG, 'IVA', ['immunotherapy'], marker({ name: 'PD-L1-TPS', result: 'high', value: 60 })),
      position(LUNG, 'IVA', ['immunotherapy'], marker({ name: 'PD-L1-TPS', result: 'low', value: 20 })),
      'major',
      ['biomarker-therapy'],
    ],
    [
      'EGFR mutated against wild-type in lung',
      position(LUNG, 'IVA', ['targeted-therapy'], marker({ name: 'EGFR', result: 'mutated' })),
      position(LUNG, 'IVA', ['targeted-therapy'], marker({ name: 'EGFR', result: 'wild-type' })),
      'major',
      ['biomarker-therapy'],
    ],
    [
      'ALK fusion against none in lung',
      position(LUNG, 'IVA', ['targeted-therapy'], marker({ name: 'ALK', result: 'fusion' })),
      position(LUNG, 'IVA', ['targeted-therapy'], marker({ name: 'ALK', result: 'no-fusion' })),
      'major',
      ['biomarker-therapy'],
    ],
    [
      'KRAS mutated against wild-type in colorectal cancer',
      position('C18.7', 'IVA', [chemo], marker({ name: 'KRAS', result: 'mutated' })),
      position('C18.7', 'IVA', [chemo], marker({ name: 'KRAS', result: 'wild-type' })),
      'major',
      ['biomarker-therapy'],
    ],
    [
      'BRCA2 mutated against wild-type in prostate cancer',
      position('C61', 'IVB', ['hormone-therapy'], marker({ name: 'BRCA2', result: 'mutated' })),
      position('C61', 'IVB', ['hormone-therapy'], marker({ name: 'BRCA2', result: 'wild-type' })),
      'major',
      ['biomarker-therapy'],
    ],
    [
      'MSI-high against stable in stomach cancer (tissue-agnostic)',
      position('C16.9', 'IV', [chemo], marker({ name: 'MSI', result: 'msi-high' })),
      position('C16.9', 'IV', [chemo], marker({ name: 'MSI', result: 'stable' })),
      'major',
      ['biomarker-therapy'],
    ],
    [
      'PSA value against another value, both elevated',
      position('C61', 'IIB', ['radiation'], marker({ name: 'PSA', result: 'elevated', value: 8.1 })),
      position('C61', 'IIB', ['radiation'], marker({ name: 'PSA', result: 'elevated', value: 8.4 })),
      'minor',
      ['biomarker-changed'],
    ],
    [
      'concurrent chemoradiation against chemotherapy then radiation',
      position(LUNG, 'IIIA', [{ modality: chemo, concurrent: [{ modality: 'radiation' }] }]),
      position(LUNG, 'IIIA', [chemo, 'radiation']),
      'major',
      ['concurrency-changed'],
    ],
    [
      'melanoma IIIC against IIID',
      position('C43.9', 'IIIC', ['surgery', 'immunotherapy']),
      position('C43.9', 'IIID', ['surgery', 'immunotherapy']),
      'minor',
      ['sub-stage'],
    ],
    [
      'testicular IS against IA',
      position('C62.10', 'IS', ['surgery']),
      position('C62.10', 'IA', ['surgery']),
      'major',
      ['stage-group'],
    ],
    [
      'this is not cancer, against cancer',
      notCancer('Granulomatous inflammation', 'D86.0', ['active-surveillance']),
      position(LUNG, 'IA1', ['active-surveillance']),
      'major',
      ['not-cancer'],
    ],
  ])('%s', (...example) => check(example));
});
