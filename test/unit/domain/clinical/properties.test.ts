import fc from 'fast-check';
import { cancerTypeOf } from '../../../../functions/domain/cancer-type.js';
import { distinctDiseaseOf } from '../../../../functions/domain/clinical/distinct-diseases.js';
import { gradeOpinions } from '../../../../functions/domain/clinical/grade.js';
import { diagnosisKey, planKey, stageKey } from '../../../../functions/domain/clinical/keys.js';
import type { ClinicalPosition, TreatmentStep } from '../../../../functions/domain/clinical/position.js';
import { validStageGroups } from '../../../../functions/domain/clinical/stage-groups.js';
import { SURGERY_TYPES, TIMING_ROLES } from '../../../../functions/domain/clinical/treatment.js';
import type { Dimension, DiscordanceGrade } from '../../../../functions/domain/opinion.js';
import { MODALITIES } from '../../../../functions/domain/opinion-terms.js';
import { legacyPosition, notCancer, position, type LegacyPosition } from '../../../support/positions.js';

// --- Rich positions ------------------------------------------------------------------------------

const CODES = [
  'C50.911',
  'C50.912',
  'C34.90',
  'C34.11',
  'C61',
  'C67.9',
  'C62.10',
  'C81.10',
  'C81.00',
  'C83.10',
  'C83.30',
  'C91.00',
  'C91.10',
  'C92.00',
  'C92.40',
  'C18.7',
  'C20',
  'C43.9',
  'C16.9',
  'C71.9',
  'C53.9',
  'D05.10',
  'D24',
  'D48.1',
];
/** Another code of the same category: the same disease (site, laterality) or a distinct one (C91.0, C91.1). */
const SIBLING: Readonly<Record<string, string>> = {
  'C50.911': 'C50.912',
  'C50.912': 'C50.419',
  'C34.90': 'C34.11',
  'C34.11': 'C34.12',
  'C18.7': 'C18.2',
  'C91.10': 'C91.12',
  'C43.9': 'C43.59',
  'C62.10': 'C62.90',
  'C91.00': 'C91.10',
  'C92.00': 'C92.40',
  'C83.10': 'C83.30',
  'C81.10': 'C81.00',
};
const LEGACY_STAGES = ['0', 'I', 'IA', 'IIA', 'IIB', 'IIIA', 'IIIC', 'IV', 'IVB', '0is', '0a'];

const stageFor = (icd10: string) =>
  fc.oneof(
    fc.constant('unknown'),
    fc.constantFrom(...(validStageGroups(cancerTypeOf(icd10)) ?? LEGACY_STAGES)),
  );

const entry = fc.constantFrom(...MODALITIES).chain((modality) =>
  fc.record(
    {
      modality: fc.constant(modality),
      ...(modality === 'surgery' ? { surgery: fc.constantFrom(...SURGERY_TYPES.slice(0, 6)) } : {}),
      ...(modality === 'chemotherapy' ? { regimen: fc.constantFrom('FOLFOX', 'CAPOX', 'AC-T', 'ac t') } : {}),
      ...(modality === 'radiation'
        ? {
            radiation: fc.record({
              doseGy: fc.constantFrom(50, 40, 60),
              fractions: fc.constantFrom(25, 15, 30),
            }),
          }
        : {}),
    },
    { requiredKeys: ['modality'] },
  ),
);

const step: fc.Arbitrary<TreatmentStep> = fc
  .tuple(
    entry,
    fc.option(fc.constantFrom(...TIMING_ROLES), { nil: undefined }),
    fc.option(entry, { nil: undefined }),
  )
  .map(([primary, timing, other]) => ({
    ...primary,
    ...(timing ? { timing } : {}),
    ...(other && other.modality !== primary.modality ? { concurrent: [other] } : {}),
  }));

const cancerPosition: fc.Arbitrary<ClinicalPosition> = fc.constantFrom(...CODES).chain((icd10) =>
  fc
    .record(
      {
        stage: stageFor(icd10),
        steps: fc.array(step, { minLength: 1, maxLength: 5 }),
        histology: fc.record({
          morphology: fc.constantFrom(
            '8140',
            '8041',
            '8046',
            '8070',
            '8500',
            '8520',
            '8550',
            '9061',
            '9070',
            '9680',
            '9673',
            '9823',
            '9861',
          ),
          behaviour: fc.constantFrom('2' as const, '3' as const),
        }),
        grade: fc.oneof(
          fc.integer({ min: 1, max: 5 }).map((value) => ({ system: 'gleason' as const, value })),
          fc.integer({ min: 1, max: 3 }).map((value) => ({ system: 'nottingham' as const, value })),
          fc.integer({ min: 1, max: 4 }).map((value) => ({ system: 'generic' as const, value })),
        ),
        staging: fc.record(
          {
            prefix: fc.constantFrom('c' as const, 'p' as const, 'yp' as const),
            t: fc.constantFrom('T1', 'T2', 'T3'),
            n: fc.constantFrom('N0', 'N1'),
            m: fc.constantFrom('M0', 'M1'),
            edition: fc.constantFrom(7 as const, 8 as const),
          },
          { requiredKeys: ['prefix'] },
        ),
        biomarkers: fc.uniqueArray(
          fc.oneof(
            fc
              .constantFrom('positive', 'negative', 'low')
              .map((result) => ({ name: 'ER' as const, result: result as 'positive' })),
            fc
              .constantFrom('mutated', 'wild-type')
              .map((result) => ({ name: 'EGFR' as const, result: result as 'mutated' })),
            fc
              .constantFrom('low', 'high')
              .map((result) => ({ name: 'Ki-67' as const, result: result as 'low' })),
            fc
              .constantFrom(4, 9)
              .map((value) => ({ name: 'PSA' as const, result: 'elevated' as const, value })),
            fc
              .constantFrom('msi-high', 'stable')
              .map((result) => ({ name: 'MSI' as const, result: result as 'stable' })),
          ),
          { selector: (marker) => marker.name, maxLength: 3 },
        ),
        treatmentIntent: fc.constantFrom('curative' as const, 'palliative' as const, 'unknown' as const),
      },
      { requiredKeys: ['stage', 'steps'] },
    )
    .map(({ stage, steps, ...extra }) => position(icd10, stage, steps, extra)),
);

const anyPosition = fc.oneof(
  { arbitrary: cancerPosition, weight: 9 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(undefined, 'D86.0', 'R59.0', 'D24'), fc.array(step, { maxLength: 2 }))
      .map(([code, steps]) => notCancer('Finding', code, steps)),
    weight: 1,
  },
);

/** The plan with one change that may or may not matter: a repeat, a swap, palliative care, a detail. */
const planVariant = (steps: readonly TreatmentStep[]) =>
  fc.tuple(fc.integer({ min: 0, max: 5 }), fc.nat()).map(([change, at]): TreatmentStep[] => {
    const i = at % steps.length;
    const copy = [...steps];
    if (change === 0) copy.splice(i, 0, steps[i]!);
    if (change === 1 && i + 1 < copy.length) [copy[i], copy[i + 1]] = [copy[i + 1]!, copy[i]!];
    if (change === 2) copy.push({ modality: 'palliative-care' });
    if (change === 3) copy[i] = { ...copy[i]!, regimen: 'FOLFIRI' };
    if (change === 4) copy[i] = { ...copy[i]!, radiation: { doseGy: 45, fractions: 25 } };
    if (change === 5) copy[i] = { modality: copy[i]!.modality };
    return copy;
  });

/** A second position that shares some of the first one's fields: many equal keys, many small differences. */
const nearPair = fc
  .tuple(cancerPosition, cancerPosition, fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }))
  .chain(([a, other, take]) =>
    planVariant(a.treatmentPlan).map((variant) => {
      const fields = [
        'icd10',
        'stage',
        'histology',
        'grade',
        'staging',
        'biomarkers',
        'treatmentIntent',
      ] as const;
      const b: Record<string, unknown> = { ...a, treatmentPlan: take[7] ? other.treatmentPlan : variant };
      fields.forEach((field, i) => {
        if (take[i]) b[field] = other[field];
      });
      if (!take[0] && take[8]) b.icd10 = SIBLING[a.icd10!] ?? a.icd10;
      return [a, b as unknown as ClinicalPosition] as const;
    }),
  );

const dimensionLevel = (grade: DiscordanceGrade, dimension: Dimension) =>
  grade.reasons.some((r) => r.dimension === dimension && r.level === 'major')
    ? 'major'
    : grade.reasons.some((r) => r.dimension === dimension)
      ? 'minor'
      : 'none';

describe('gradeOpinions: properties', () => {
  it('grades a against b as b against a', () => {
    fc.assert(
      fc.property(fc.oneof(fc.tuple(anyPosition, anyPosition), nearPair), ([a, b]) => {
        const [ab, ba] = [gradeOpinions(a, b), gradeOpinions(b, a)];

        expect(ba.level).toBe(ab.level);
        expect(ba.disputed).toEqual(ab.disputed);
        expect(ba.reasons.map((r) => r.code)).toEqual(ab.reasons.map((r) => r.code));
      }),
      { numRuns: 500 },
    );
  });

  it('finds nothing between a position and a copy of itself', () => {
    fc.assert(
      fc.property(anyPosition, (a) => {
        expect(gradeOpinions(a, a)).toEqual({ level: 'none', reasons: [], disputed: [] });
        expect(gradeOpinions(a, structuredClone(a)).level).toBe('none');
      }),
    );
  });

  it('never finds a major difference on a dimension whose keys are equal', () => {
    fc.assert(
      fc.property(fc.oneof(nearPair, fc.tuple(anyPosition, anyPosition)), ([a, b]) => {
        const grade = gradeOpinions(a, b);

        if (diagnosisKey(a) === diagnosisKey(b)) expect(dimensionLevel(grade, 'diagnosis')).not.toBe('major');
        if (stageKey(a) !== undefined && stageKey(a) === stageKey(b)) {
          expect(dimensionLevel(grade, 'stage')).not.toBe('major');
        }
        if (planKey(a) === planKey(b)) expect(dimensionLevel(grade, 'treatment')).not.toBe('major');
      }),
      { numRuns: 1000 },
    );
  });

  it('gives equal keys to positions that differ in minor ways, so the property above is not empty', () => {
    const samples = fc.sample(nearPair, { numRuns: 2000, seed: 24 });
    const differentButEqual = (
      key: (p: ClinicalPosition) => string | undefined,
      field: keyof ClinicalPosition,
    ) =>
      samples.filter(
        ([a, b]) =>
          key(a) !== undefined && key(a) === key(b) && JSON.stringify(a[field]) !== JSON.stringify(b[field]),
      );

    expect(differentButEqual(diagnosisKey, 'icd10').length).toBeGreaterThan(5);
    expect(differentButEqual(stageKey, 'stage').length).toBeGreaterThan(5);
    expect(differentButEqual(planKey, 'treatmentPlan').length).toBeGreaterThan(100);
  });
});

// --- Legacy positions ---------------------------------------------------------------------------

/**
 * The first grader's rules (before issue 24), stated as its README did, per dimension: a different
 * behaviour (ICD-10-CM block) or category is major, another code of the category minor; another stage
 * group major, another sub-stage minor; another set of modalities, or the same in another order, major.
 */
const BLOCKS: ReadonlyArray<[string, string, string]> = [
  ['C00', 'C99', 'malignant'],
  ['D00', 'D09', 'in situ'],
  ['D10', 'D36', 'benign'],
  ['D3A', 'D3A', 'benign'],
  ['D37', 'D49', 'uncertain'],
];
const categoryOf = (code: string) => code.split('.')[0]!;
const blockOf = (code: string) =>
  BLOCKS.find(
    ([from, to]) => categoryOf(code) === from || (categoryOf(code) > from && categoryOf(code) <= to),
  )?.[2];
const groupOf = (stage: string) => /^(0|IV|I{1,3})/.exec(stage)?.[1];

function firstGraderLevel(a: LegacyPosition, b: LegacyPosition, dimension: Dimension): string {
  if (dimension === 'diagnosis') {
    if (a.icd10 === b.icd10) return 'none';
    const [blockA, blockB] = [blockOf(a.icd10), blockOf(b.icd10)];
    if (blockA && blockB && blockA !== blockB) return 'major';
    return categoryOf(a.icd10) === categoryOf(b.icd10) ? 'minor' : 'major';
  }
  if (dimension === 'stage') {
    if (a.stage === b.stage) return 'none';
    return groupOf(a.stage) === groupOf(b.stage) ? 'minor' : 'major';
  }
  return sequence(a) === sequence(b) ? 'none' : 'major';
}

const legacy = legacyPosition();

const kinds = (p: LegacyPosition) => [...new Set(p.treatmentPlan.map((s) => s.modality))].sort().join();
const sequence = (p: LegacyPosition) => p.treatmentPlan.map((s) => s.modality).join();
const distinctDiseases = (a: string, b: string) => {
  const [x, y] = [distinctDiseaseOf(a), distinctDiseaseOf(b)];
  return x !== undefined && y !== undefined && x.disease !== y.disease;
};

describe('gradeOpinions on legacy positions', () => {
  it("grades each dimension as the first grader's rules did, where issue 24 changes nothing", () => {
    fc.assert(
      fc.property(legacy, legacy, (a, b) => {
        // Issue 24 changes: reordering and repeated steps of the same treatments; distinct diseases.
        fc.pre(sequence(a) === sequence(b) || kinds(a) !== kinds(b));
        fc.pre(!distinctDiseases(a.icd10, b.icd10));
        const grade = gradeOpinions(a, b);

        for (const dimension of ['diagnosis', 'stage', 'treatment'] as const) {
          expect(dimensionLevel(grade, dimension)).toBe(firstGraderLevel(a, b, dimension));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
