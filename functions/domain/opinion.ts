import type { OpinionSubmission } from '../schemas/opinion.js';
import type { ClinicalPosition, TreatmentStep } from './clinical/position.js';
import type { Discipline } from './disciplines.js';

/** One opinion on the case: number 1 is the first opinion from intake, then OPINION#2, #3… */
export interface Opinion extends ClinicalPosition {
  number: number;
  author: string;
  organization: string;
  /** The reviewing specialist (absent for the first opinion). */
  specialistId?: string;
  disciplines?: Discipline[];
  submittedAt?: string;
  submission?: OpinionSubmission;
}

export type DiscordanceLevel = 'none' | 'minor' | 'major';
export type Dimension = 'diagnosis' | 'stage' | 'treatment';

export interface DiscordanceReason {
  dimension: Dimension;
  level: Exclude<DiscordanceLevel, 'none'>;
  /** A stable code for the kind of difference: a rule of clinical/rules.ts (GRADING_RULES). */
  code: string;
  /** The clinician's sentence naming the two positions (codes and terms only, no PHI). */
  detail: string;
  /** Each opinion's value on what differs (codes or terms); absent on grades stored before issue 24. */
  values?: { a: string; b: string };
  /** What the reason is about when one dimension has several: a biomarker, a modality. */
  subject?: string;
}

export interface DiscordanceGrade {
  level: DiscordanceLevel;
  reasons: DiscordanceReason[];
  /** The dimensions with a major difference, for matching a third reviewer in that discipline. */
  disputed: Dimension[];
}

/**
 * The majority on one dimension, and which opinions (by number) hold it: opinions agree when they
 * do not differ majorly (clinical/keys.ts); `value` is what the first of them says.
 */
export interface DimensionConsensus<T> {
  value: T | undefined;
  agreeing: number[];
  /** True when no position has a strict majority. */
  split: boolean;
}

export interface Consensus {
  diagnosis: DimensionConsensus<string>;
  stage: DimensionConsensus<string>;
  treatment: DimensionConsensus<readonly TreatmentStep[]>;
}
