import type { OpinionSubmission } from '../schemas/opinion.js';
import type { Discipline } from './disciplines.js';
import type { Modality } from './opinion-terms.js';

/** What an opinion says, in the terms opinions are compared on. */
export interface ClinicalPosition {
  icd10: string;
  stage: string;
  treatmentPlan: ReadonlyArray<{ modality: Modality }>;
}

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
  /** A stable code for the kind of difference, e.g. different-cancer, modality-order. */
  code: string;
  /** A plain sentence naming the two positions (codes and modalities only, no PHI). */
  detail: string;
}

export interface DiscordanceGrade {
  level: DiscordanceLevel;
  reasons: DiscordanceReason[];
  /** The dimensions with a major difference, for matching a third reviewer in that discipline. */
  disputed: Dimension[];
}

/** The majority position on one dimension, and which opinions (by number) hold it. */
export interface DimensionConsensus<T> {
  value: T | undefined;
  agreeing: number[];
  /** True when no position has a strict majority. */
  split: boolean;
}

export interface Consensus {
  diagnosis: DimensionConsensus<string>;
  stage: DimensionConsensus<string>;
  treatment: DimensionConsensus<Modality[]>;
}
