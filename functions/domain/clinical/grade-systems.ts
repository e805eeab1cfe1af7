/**
 * Histologic grading systems. Each grade is an integer on its system's scale; `tiers` group the
 * grades that lead to the same treatment, so that a change across tiers is major and one within a
 * tier minor. Each system's source is in citations.ts (GRADE_SYSTEM_SOURCES).
 */

interface GradeSystem {
  label: string;
  min: number;
  max: number;
  tiers: ReadonlyArray<readonly number[]>;
}

export const GRADE_SYSTEMS = {
  // Grade groups: 1 = Gleason 3+3, 2 = 3+4, 3 = 4+3, 4 = 8, 5 = 9-10.
  gleason: {
    label: 'Gleason grade group',
    min: 1,
    max: 5,
    tiers: [[1], [2], [3], [4, 5]],
  },
  nottingham: {
    label: 'Nottingham grade',
    min: 1,
    max: 3,
    tiers: [[1, 2, 3]],
  },
  'who-cns': {
    label: 'WHO CNS grade',
    min: 1,
    max: 4,
    tiers: [[1], [2], [3], [4]],
  },
  fnclcc: {
    label: 'FNCLCC grade',
    min: 1,
    max: 3,
    tiers: [[1], [2, 3]],
  },
  isup: {
    label: 'WHO/ISUP nuclear grade',
    min: 1,
    max: 4,
    tiers: [[1, 2, 3, 4]],
  },
  generic: {
    label: 'histologic grade (G1-G4)',
    min: 1,
    max: 4,
    tiers: [
      [1, 2],
      [3, 4],
    ],
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

/** "Gleason grade group 2 (3+4)". */
export function gradeText(grade: {
  system: GradeSystemId;
  value: number;
  primary?: number;
  secondary?: number;
}): string {
  const patterns = grade.primary && grade.secondary ? ` (${grade.primary}+${grade.secondary})` : '';
  return `${GRADE_SYSTEMS[grade.system].label} ${grade.value}${patterns}`;
}
