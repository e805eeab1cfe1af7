/**
 * Grades how far the opinions on a case differ, as second-opinion review grades it: a major difference
 * would change treatment or prognosis; a minor one would not. The rules are clinical/rules.ts
 * (GRADING_RULES); this file grades every pair and finds the majority. Pure: no I/O, no clock.
 */
import { gradeOpinions, type ClinicalGrade } from './clinical/grade.js';
import { diagnosisKey, planKey, stageKey } from './clinical/keys.js';
import type { ClinicalPosition } from './clinical/position.js';
import type {
  Consensus,
  DimensionConsensus,
  DiscordanceGrade,
  DiscordanceLevel,
  Opinion,
} from './opinion.js';

const LEVEL_RANK: Readonly<Record<DiscordanceLevel, number>> = { none: 0, minor: 1, major: 2 };

/** Ranks discordance levels so callers can take the worst of several. */
export function worstLevel(levels: readonly DiscordanceLevel[]): DiscordanceLevel {
  return levels.reduce<DiscordanceLevel>(
    (worst, level) => (LEVEL_RANK[level] > LEVEL_RANK[worst] ? level : worst),
    'none',
  );
}

/** Two opinions graded against each other (the rules: clinical/rules.ts). */
export const gradeDiscordance: (a: ClinicalPosition, b: ClinicalPosition) => ClinicalGrade = gradeOpinions;

/**
 * The majority on each dimension: a position needs a strict majority of all the opinions, and
 * opinions hold one position on a dimension when their keys are equal, that is when they do not
 * differ majorly on it (a refined code, a sub-stage, a reordering that does not matter).
 */
export function consensus(opinions: readonly Opinion[]): Consensus {
  return {
    diagnosis: majority(opinions, diagnosisKey, (o) => o.icd10 ?? 'not-cancer'),
    stage: majority(opinions, stageKey, (o) => o.stage),
    treatment: majority(opinions, planKey, (o) => o.treatmentPlan),
  };
}

/**
 * The key held by more than half of all the opinions, with what the first opinion holding it says.
 * Opinions without a key (no stage group) hold nothing but still count towards the total.
 */
function majority<T>(
  opinions: readonly Opinion[],
  keyOf: (opinion: Opinion) => string | undefined,
  valueOf: (opinion: Opinion) => T | undefined,
): DimensionConsensus<T> {
  const holders = new Map<string, Opinion[]>();
  for (const opinion of opinions) {
    const key = keyOf(opinion);
    if (key !== undefined) holders.set(key, [...(holders.get(key) ?? []), opinion]);
  }
  const winner = [...holders.values()].find((holding) => holding.length * 2 > opinions.length);
  if (!winner) return { value: undefined, agreeing: [], split: true };
  const agreeing = winner.map((opinion) => opinion.number).sort((x, y) => x - y);
  const first = winner.find((opinion) => opinion.number === agreeing[0])!;
  return { value: valueOf(first), agreeing, split: false };
}

/** Every pair graded; the case's grade is the worst pair, with each pair's reasons. */
export function gradeAll(opinions: readonly Opinion[]): DiscordanceGrade {
  const grades: DiscordanceGrade[] = [];
  for (let i = 0; i < opinions.length; i++)
    for (let j = i + 1; j < opinions.length; j++) grades.push(gradeDiscordance(opinions[i]!, opinions[j]!));
  const reasons = grades.flatMap((g) => g.reasons);
  const seen = new Set<string>();
  return {
    level: worstLevel(grades.map((g) => g.level)),
    reasons: reasons.filter((r) => !seen.has(r.detail) && seen.add(r.detail)),
    disputed: [...new Set(grades.flatMap((g) => g.disputed))],
  };
}

/** A major dispute stays open while some disputed dimension has no majority position. */
export function disputeResolved(grade: DiscordanceGrade, agreement: Consensus | undefined): boolean {
  if (grade.level !== 'major') return true;
  if (!agreement) return false;
  return grade.disputed.every((dimension) => !agreement[dimension].split);
}
