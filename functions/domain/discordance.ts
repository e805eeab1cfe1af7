/**
 * Grades how far two opinions differ, as second-opinion review grades it: a major difference would
 * change treatment or prognosis; a minor one would not. Pure: no I/O, no clock.
 */
import type { CaseRecord } from './case.js';
import { STAGE_GROUP, type Modality } from './opinion-terms.js';
import type {
  ClinicalPosition,
  Consensus,
  Dimension,
  DimensionConsensus,
  DiscordanceGrade,
  DiscordanceLevel,
  DiscordanceReason,
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

export function gradeDiscordance(a: ClinicalPosition, b: ClinicalPosition): DiscordanceGrade {
  const reasons = [
    compareDiagnosis(a.icd10, b.icd10),
    compareStage(a.stage, b.stage),
    compareTreatment(modalitiesOf(a), modalitiesOf(b)),
  ].filter((reason) => reason !== undefined);
  return {
    level: worstLevel(reasons.map((reason) => reason.level)),
    reasons,
    disputed: reasons.filter((reason) => reason.level === 'major').map((reason) => reason.dimension),
  };
}

/**
 * The majority position on each dimension. A position needs a strict majority of all the opinions;
 * when no exact diagnosis or stage has one, the broader ICD-10 category or stage group may.
 */
export function consensus(opinions: readonly Opinion[]): Consensus {
  return {
    diagnosis:
      majority(opinions, (o) => o.icd10) ?? majority(opinions, (o) => icd10Category(o.icd10)) ?? split(),
    stage:
      majority(opinions, (o) => o.stage) ?? majority(opinions, (o) => parseStage(o.stage)?.group) ?? split(),
    treatment: majority(opinions, modalitiesOf, (plan) => plan.join(',')) ?? split(),
  };
}

// --- Diagnosis ---------------------------------------------------------------------------------

type Behaviour = 'malignant' | 'in situ' | 'benign' | 'uncertain behaviour';

/** The part before the dot: C50 for C50.911. */
const icd10Category = (code: string): string => code.split('.')[0];

// ICD-10-CM chapter 2 blocks. Categories compare as strings, so D3A (benign neuroendocrine) sorts
// after D39 and must be tested before the uncertain-behaviour range. D49 (unspecified) counts as
// uncertain: neither has been called benign or malignant.
function behaviourOf(category: string): Behaviour | undefined {
  if (category.startsWith('C')) return 'malignant';
  if (category >= 'D00' && category <= 'D09') return 'in situ';
  if ((category >= 'D10' && category <= 'D36') || category === 'D3A') return 'benign';
  if (category >= 'D37' && category <= 'D49') return 'uncertain behaviour';
  return undefined;
}

function compareDiagnosis(a: string, b: string): DiscordanceReason | undefined {
  if (a === b) return undefined;
  const [categoryA, categoryB] = [icd10Category(a), icd10Category(b)];
  const [behaviourA, behaviourB] = [behaviourOf(categoryA), behaviourOf(categoryB)];
  // A different kind of neoplasm changes treatment even when the categories sit side by side.
  if (behaviourA && behaviourB && behaviourA !== behaviourB) {
    return major('diagnosis', 'behaviour-changed', `${a} (${behaviourA}) against ${b} (${behaviourB})`);
  }
  if (categoryA !== categoryB) {
    return major(
      'diagnosis',
      'different-category',
      `${a} against ${b} (categories ${categoryA} and ${categoryB})`,
    );
  }
  return minor('diagnosis', 'refined-code', `${a} against ${b} (same category ${categoryA})`);
}

// --- Stage -------------------------------------------------------------------------------------

interface ParsedStage {
  /** 0, I, II, III or IV. */
  group: string;
  /** What follows the group: A, B1, is… or empty. */
  subStage: string;
}

// IV is tried before I{1,3} so that IVB is group IV, not group I with a remainder.
const STAGE_GROUP_PREFIX = /^(0|IV|I{1,3})/;

/** Undefined for `unknown` and for anything that is not a stage group. */
function parseStage(stage: string): ParsedStage | undefined {
  if (stage === 'unknown' || !STAGE_GROUP.test(stage)) return undefined;
  const group = STAGE_GROUP_PREFIX.exec(stage)?.[1];
  return group === undefined ? undefined : { group, subStage: stage.slice(group.length) };
}

function compareStage(a: string, b: string): DiscordanceReason | undefined {
  if (a === b) return undefined;
  const [parsedA, parsedB] = [parseStage(a), parseStage(b)];
  // An opinion that could not stage leaves the plan resting on a stage the other one assumed.
  if (!parsedA || !parsedB) return major('stage', 'stage-unknown', `${a} against ${b}`);
  if (parsedA.group !== parsedB.group) {
    return major('stage', 'stage-group', `${a} against ${b} (groups ${parsedA.group} and ${parsedB.group})`);
  }
  // Minor even when the plans differ too: the treatment reason then carries the major.
  return minor('stage', 'sub-stage', `${a} against ${b} (same group ${parsedA.group})`);
}

// --- Treatment ---------------------------------------------------------------------------------

const modalitiesOf = (position: ClinicalPosition): Modality[] =>
  position.treatmentPlan.map((step) => step.modality);

const describePlan = (plan: readonly Modality[]): string => (plan.length ? plan.join(' → ') : 'no treatment');

/** The steps of `from` left over once each step of `minus` has cancelled one equal step. */
function stepsNotIn(from: readonly Modality[], minus: readonly Modality[]): Modality[] {
  const unmatched = [...minus];
  return from.filter((modality) => {
    const index = unmatched.indexOf(modality);
    if (index === -1) return true;
    unmatched.splice(index, 1);
    return false;
  });
}

function compareTreatment(a: readonly Modality[], b: readonly Modality[]): DiscordanceReason | undefined {
  if (a.length === b.length && a.every((modality, i) => modality === b[i])) return undefined;
  const detail = `${describePlan(a)} against ${describePlan(b)}`;
  // Steps are counted, not just kinds: dropping the second of two chemotherapy courses removes a step.
  const added = stepsNotIn(b, a);
  const removed = stepsNotIn(a, b);
  if (added.length || removed.length) {
    const changes = [
      added.length ? `added ${added.join(', ')}` : '',
      removed.length ? `removed ${removed.join(', ')}` : '',
    ].filter(Boolean);
    return major('treatment', 'modality-set', `${detail} (${changes.join('; ')})`);
  }
  // The same steps in another order, e.g. neoadjuvant against adjuvant chemotherapy.
  return major('treatment', 'modality-order', detail);
}

// --- Helpers -----------------------------------------------------------------------------------

const major = (dimension: Dimension, code: string, detail: string): DiscordanceReason => ({
  dimension,
  level: 'major',
  code,
  detail,
});

const minor = (dimension: Dimension, code: string, detail: string): DiscordanceReason => ({
  dimension,
  level: 'minor',
  code,
  detail,
});

const split = <T>(): DimensionConsensus<T> => ({ value: undefined, agreeing: [], split: true });

/**
 * The value held by more than half of all the opinions, or undefined when none is. Opinions whose
 * value is undefined (e.g. no stage group) hold nothing but still count towards the total.
 */
function majority<T>(
  opinions: readonly Opinion[],
  valueOf: (opinion: Opinion) => T | undefined,
  keyOf: (value: T) => string = String,
): DimensionConsensus<T> | undefined {
  const holders = new Map<string, { value: T; numbers: number[] }>();
  for (const opinion of opinions) {
    const value = valueOf(opinion);
    if (value === undefined) continue;
    const key = keyOf(value);
    const holder = holders.get(key) ?? { value, numbers: [] };
    holder.numbers.push(opinion.number);
    holders.set(key, holder);
  }
  const winner = [...holders.values()].find((holder) => holder.numbers.length * 2 > opinions.length);
  if (!winner) return undefined;
  return { value: winner.value, agreeing: winner.numbers.sort((x, y) => x - y), split: false };
}

/** The first opinion, from intake, in the terms opinions are compared in. */
export function firstOpinion(record: CaseRecord): Opinion {
  const first = record.intake.firstOpinion;
  return {
    number: 1,
    author: first.physicianName,
    organization: first.organization,
    icd10: first.icd10,
    stage: first.stage,
    treatmentPlan: first.treatmentPlan,
  };
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
