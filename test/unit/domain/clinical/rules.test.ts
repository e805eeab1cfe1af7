import { RULE_CITATIONS } from '../../../../functions/domain/clinical/citations.js';
import { gradeOpinions } from '../../../../functions/domain/clinical/grade.js';
import type { ClinicalPosition } from '../../../../functions/domain/clinical/position.js';
import { GRADING_RULES, RULE_IDS, type RuleId } from '../../../../functions/domain/clinical/rules.js';
import { notCancer, position } from '../../../support/positions.js';

const BREAST = 'C50.911';
const ER = (result: 'positive' | 'negative') => ({ biomarkers: [{ name: 'ER' as const, result }] });

/** For each rule, two positions that differ in that respect only. */
const EXAMPLES: Record<RuleId, [ClinicalPosition, ClinicalPosition]> = {
  'not-cancer': [
    notCancer('Reactive lymph node', 'R59.0', ['active-surveillance']),
    position('C83.30', 'II', ['active-surveillance']),
  ],
  'behaviour-changed': [
    position('D05.10', '0', ['surgery'], { histology: { morphology: '8500', behaviour: '2' } }),
    position(BREAST, '0', ['surgery'], { histology: { morphology: '8500', behaviour: '3' } }),
  ],
  'different-category': [position(BREAST, 'IIA', ['surgery']), position('C34.90', 'IIA', ['surgery'])],
  'distinct-disease': [
    position('C91.00', 'unknown', ['chemotherapy']),
    position('C91.10', 'unknown', ['chemotherapy']),
  ],
  'histology-family': [
    position('C34.90', 'IIIA', ['chemotherapy'], { histology: { morphology: '8041', behaviour: '3' } }),
    position('C34.90', 'IIIA', ['chemotherapy'], { histology: { morphology: '8140', behaviour: '3' } }),
  ],
  'grade-tier': [
    position('C61', 'IIA', ['radiation'], {
      grade: { system: 'gleason', value: 1, primary: 3, secondary: 3 },
    }),
    position('C61', 'IIA', ['radiation'], {
      grade: { system: 'gleason', value: 2, primary: 3, secondary: 4 },
    }),
  ],
  'biomarker-therapy': [
    position(BREAST, 'IIA', ['surgery'], ER('positive')),
    position(BREAST, 'IIA', ['surgery'], ER('negative')),
  ],
  'refined-code': [position(BREAST, 'IIA', ['surgery']), position('C50.912', 'IIA', ['surgery'])],
  'alternative-finding': [
    notCancer('Sarcoidosis', 'D86.0', ['active-surveillance']),
    notCancer('Reactive lymph node', 'R59.0', ['active-surveillance']),
  ],
  'histology-refined': [
    position('C61', 'IIA', ['surgery'], { histology: { morphology: '8140', behaviour: '3' } }),
    position('C61', 'IIA', ['surgery'], { histology: { morphology: '8550', behaviour: '3' } }),
  ],
  'grade-changed': [
    position(BREAST, 'IIA', ['surgery'], { grade: { system: 'nottingham', value: 1 } }),
    position(BREAST, 'IIA', ['surgery'], { grade: { system: 'nottingham', value: 3 } }),
  ],
  'biomarker-changed': [
    position(BREAST, 'IIA', ['surgery'], { biomarkers: [{ name: 'Ki-67', result: 'low', value: 10 }] }),
    position(BREAST, 'IIA', ['surgery'], { biomarkers: [{ name: 'Ki-67', result: 'high', value: 40 }] }),
  ],
  'stage-group': [position(BREAST, 'IIA', ['surgery']), position(BREAST, 'IIIA', ['surgery'])],
  'b-symptoms': [position('C81.10', 'IIA', ['chemotherapy']), position('C81.10', 'IIB', ['chemotherapy'])],
  'bulky-disease': [
    position('C83.30', 'II', ['chemotherapy']),
    position('C83.30', 'II bulky', ['chemotherapy']),
  ],
  'sub-stage': [position(BREAST, 'IIA', ['surgery']), position(BREAST, 'IIB', ['surgery'])],
  'stage-unknown': [position(BREAST, 'unknown', ['surgery']), position(BREAST, 'IIA', ['surgery'])],
  'tnm-changed': [
    position(BREAST, 'IIA', ['surgery'], { staging: { prefix: 'c', t: 'T2', n: 'N0', m: 'M0' } }),
    position(BREAST, 'IIA', ['surgery'], { staging: { prefix: 'c', t: 'T1c', n: 'N1', m: 'M0' } }),
  ],
  'staging-timepoint': [
    position(BREAST, 'IIB', ['surgery'], { staging: { prefix: 'c', t: 'T2', n: 'N1', m: 'M0' } }),
    position(BREAST, 'IA', ['surgery'], { staging: { prefix: 'yp', t: 'T1a', n: 'N0' } }),
  ],
  'staging-edition': [
    position(BREAST, 'IIA', ['surgery'], { staging: { prefix: 'c', t: 'T2', n: 'N0', edition: 7 } }),
    position(BREAST, 'IIA', ['surgery'], { staging: { prefix: 'c', t: 'T2', n: 'N0', edition: 8 } }),
  ],
  'intent-changed': [
    position('C34.90', 'IIIB', ['chemotherapy'], { treatmentIntent: 'curative' }),
    position('C34.90', 'IIIB', ['chemotherapy'], { treatmentIntent: 'palliative' }),
  ],
  'modality-set': [
    position(BREAST, 'IIA', ['surgery', 'chemotherapy']),
    position(BREAST, 'IIA', ['surgery', 'chemotherapy', 'radiation']),
  ],
  'neoadjuvant-adjuvant': [
    position(BREAST, 'IIA', ['surgery', 'chemotherapy']),
    position(BREAST, 'IIA', ['chemotherapy', 'surgery']),
  ],
  'concurrency-changed': [
    position('C34.90', 'IIIA', [{ modality: 'chemotherapy', concurrent: [{ modality: 'radiation' }] }]),
    position('C34.90', 'IIIA', ['chemotherapy', 'radiation']),
  ],
  'local-systemic-first': [
    position('C20', 'IIIB', ['chemotherapy', 'radiation', 'surgery']),
    position('C20', 'IIIB', ['radiation', 'chemotherapy', 'surgery']),
  ],
  'first-line-changed': [
    position('C34.90', 'IVA', ['chemotherapy', 'immunotherapy']),
    position('C34.90', 'IVA', ['immunotherapy', 'chemotherapy']),
  ],
  'operation-changed': [
    position(BREAST, 'IIA', [{ modality: 'surgery', surgery: 'lumpectomy' }]),
    position(BREAST, 'IIA', [{ modality: 'surgery', surgery: 'mastectomy' }]),
  ],
  'timing-role-conflict': [
    position(BREAST, 'IIA', [{ modality: 'chemotherapy', timing: 'neoadjuvant' }]),
    position(BREAST, 'IIA', [{ modality: 'chemotherapy', timing: 'adjuvant' }]),
  ],
  'timing-role': [
    position(BREAST, 'IIA', ['surgery', { modality: 'hormone-therapy', timing: 'adjuvant' }]),
    position(BREAST, 'IIA', ['surgery', { modality: 'hormone-therapy', timing: 'maintenance' }]),
  ],
  'order-within-phase': [
    position(BREAST, 'IIA', ['surgery', 'chemotherapy', 'radiation']),
    position(BREAST, 'IIA', ['surgery', 'radiation', 'chemotherapy']),
  ],
  'regimen-changed': [
    position('C18.7', 'IIIB', ['surgery', { modality: 'chemotherapy', regimen: 'FOLFOX' }]),
    position('C18.7', 'IIIB', ['surgery', { modality: 'chemotherapy', regimen: 'CAPOX' }]),
  ],
  'radiation-dose': [
    position(BREAST, 'IIA', ['surgery', { modality: 'radiation', radiation: { doseGy: 50, fractions: 25 } }]),
    position(BREAST, 'IIA', ['surgery', { modality: 'radiation', radiation: { doseGy: 40, fractions: 15 } }]),
  ],
  'supportive-care': [
    position(BREAST, 'IV', ['hormone-therapy']),
    position(BREAST, 'IV', ['hormone-therapy', 'palliative-care']),
  ],
};

describe('GRADING_RULES', () => {
  it.each(RULE_IDS)('%s: detected alone, at its level and dimension', (code) => {
    const [a, b] = EXAMPLES[code];
    const { dimension, level } = GRADING_RULES[code];

    const grade = gradeOpinions(a, b);

    expect(grade.reasons.map((r) => [r.dimension, r.level, r.code])).toEqual([[dimension, level, code]]);
    expect(grade.level).toBe(level);
    expect(grade.disputed).toEqual(level === 'major' ? [dimension] : []);
  });

  it('names a source and what it detects for every rule', () => {
    for (const code of RULE_IDS) {
      expect(RULE_CITATIONS[code].source.length).toBeGreaterThan(10);
      expect(RULE_CITATIONS[code].detects.length).toBeGreaterThan(10);
    }
  });
});
