/**
 * Histologic grading systems. Each grade is an integer on its system's scale; `tiers` group the
 * grades that lead to the same treatment, so that a change across tiers is major and one within a
 * tier minor.
 */

interface GradeSystem {
  label: string;
  min: number;
  max: number;
  tiers: ReadonlyArray<readonly number[]>;
  source: string;
}

export const GRADE_SYSTEMS = {
  // Grade groups: 1 = Gleason 3+3, 2 = 3+4, 3 = 4+3, 4 = 8, 5 = 9-10.
  gleason: {
    label: 'Gleason grade group',
    min: 1,
    max: 5,
    tiers: [[1], [2], [3], [4, 5]],
    source:
      'Epstein et al., ISUP 2014 grade groups (Am J Surg Pathol 2016;40:244); NCCN Prostate Cancer risk groups (low, favorable and unfavorable intermediate, high)',
  },
  nottingham: {
    label: 'Nottingham grade',
    min: 1,
    max: 3,
    tiers: [[1, 2, 3]],
    source:
      'Elston and Ellis (Histopathology 1991); AJCC 8th ed. breast: grade enters the prognostic stage group, which is graded on its own',
  },
  'who-cns': {
    label: 'WHO CNS grade',
    min: 1,
    max: 4,
    tiers: [[1], [2], [3], [4]],
    source: 'WHO Classification of CNS Tumours, 5th ed. (2021); NCCN Central Nervous System Cancers',
  },
  fnclcc: {
    label: 'FNCLCC grade',
    min: 1,
    max: 3,
    tiers: [[1], [2, 3]],
    source: 'Coindre (Arch Pathol Lab Med 2006); NCCN Soft Tissue Sarcoma: low against high grade',
  },
  isup: {
    label: 'WHO/ISUP nuclear grade',
    min: 1,
    max: 4,
    tiers: [[1, 2, 3, 4]],
    source: 'Delahunt et al., ISUP 2013 renal cell carcinoma grading (prognostic)',
  },
  generic: {
    label: 'histologic grade (G1-G4)',
    min: 1,
    max: 4,
    tiers: [
      [1, 2],
      [3, 4],
    ],
    source:
      'AJCC 8th ed. general grade G1-G4: low (G1-G2) against high (G3-G4) grade, e.g. NCCN Uterine Neoplasms; WHO 2019 neuroendocrine grading',
  },
} as const satisfies Record<string, GradeSystem>;

export type GradeSystemId = keyof typeof GRADE_SYSTEMS;
export const GRADE_SYSTEM_IDS = Object.keys(GRADE_SYSTEMS) as GradeSystemId[];

/** The index of the treatment tier a grade falls in. */
export function gradeTier(system: GradeSystemId, value: number): number {
  return GRADE_SYSTEMS[system].tiers.findIndex((tier) => (tier as readonly number[]).includes(value));
}

/** The Gleason grade group of a primary and secondary pattern (3 to 5 each). */
export function gleasonGradeGroup(primary: number, secondary: number): number {
  const sum = primary + secondary;
  if (sum <= 6) return 1;
  if (sum === 7) return primary === 3 ? 2 : 3;
  return sum === 8 ? 4 : 5;
}
