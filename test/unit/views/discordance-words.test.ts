import { gradeOpinions } from '../../../functions/domain/clinical/grade.js';
import { RULE_IDS, reasonFor } from '../../../functions/domain/clinical/rules.js';
import { patientWords } from '../../../functions/views/discordance-words.js';
import { LOCALES } from '../../../functions/views/i18n/locale.js';

describe('patientWords', () => {
  it.each(RULE_IDS.flatMap((code) => LOCALES.map((locale) => [code, locale] as const)))(
    'words %s for the patient in %s without codes left blank',
    (code, locale) => {
      const words = patientWords(reasonFor(code, { a: 'x', b: 'y' }, 'detail', 'chemotherapy'), locale);

      expect(words!.length).toBeGreaterThan(20);
      expect(words).not.toMatch(/undefined|\$\{|\{\w+\}/);
    },
  );

  it('words a reason in Spanish, the biomarker named as clinicians name it', () => {
    const reason = reasonFor('biomarker-therapy', { a: 'mutated', b: 'wild-type' }, 'detail', 'EGFR');

    expect(patientWords(reason, 'es')).toBe(
      'Los médicos informan un resultado distinto para EGFR mutation (mutated y wild-type). Esta prueba ayuda a elegir sus medicamentos, así que esto podría cambiar su tratamiento.',
    );
  });

  it('has no words for a reason stored before issue 24 (another code, no values)', () => {
    const stored = {
      dimension: 'treatment',
      level: 'major',
      code: 'modality-order',
      detail: 'a against b',
    } as const;

    expect(patientWords(stored)).toBeUndefined();
    expect(patientWords({ ...stored, code: 'stage-group' })).toBeUndefined();
  });

  it('names the two diseases in words, not codes', () => {
    const [reason] = gradeOpinions(
      { icd10: 'C91.00', stage: 'unknown', treatmentPlan: [{ modality: 'chemotherapy' }] },
      { icd10: 'C91.10', stage: 'unknown', treatmentPlan: [{ modality: 'chemotherapy' }] },
    ).reasons;

    expect(patientWords(reason!)).toBe(
      'The doctors name two different diseases: acute lymphoblastic leukemia (ALL) and chronic lymphocytic leukemia (CLL). They are treated differently.',
    );
  });

  it('names the biomarker and both results', () => {
    const [reason] = gradeOpinions(
      {
        icd10: 'C34.90',
        stage: 'IVA',
        treatmentPlan: [{ modality: 'targeted-therapy' }],
        biomarkers: [{ name: 'EGFR', result: 'mutated' }],
      },
      {
        icd10: 'C34.90',
        stage: 'IVA',
        treatmentPlan: [{ modality: 'targeted-therapy' }],
        biomarkers: [{ name: 'EGFR', result: 'wild-type' }],
      },
    ).reasons;

    expect(patientWords(reason!)).toContain('EGFR mutation (mutated and wild-type)');
  });
});
