/**
 * The grading rules, one table: what each rule detects, its level and its source. Major = would
 * change treatment or prognosis; minor = would not (the pathology second-opinion convention: Kronz,
 * Westra and Epstein, Cancer 1999;86:2426; Swapp et al., Arch Pathol Lab Med 2013;137:233). The
 * grader takes each reason's level and dimension from here; with RULE_CITATIONS (citations.ts, the
 * same ids) it is the table the README shows.
 */
import type { Dimension, DiscordanceReason } from '../opinion.js';

export interface GradingRule {
  dimension: Dimension;
  level: 'major' | 'minor';
}

const rule = (dimension: Dimension, level: GradingRule['level']): GradingRule => ({ dimension, level });

/** What each rule detects and its source are in citations.ts (RULE_CITATIONS), kept apart so that the
 * functions that grade do not carry the text. */
export const GRADING_RULES = {
  'not-cancer': rule('diagnosis', 'major'),
  'behaviour-changed': rule('diagnosis', 'major'),
  'different-category': rule('diagnosis', 'major'),
  'distinct-disease': rule('diagnosis', 'major'),
  'histology-family': rule('diagnosis', 'major'),
  'grade-tier': rule('diagnosis', 'major'),
  'biomarker-therapy': rule('diagnosis', 'major'),
  'refined-code': rule('diagnosis', 'minor'),
  'alternative-finding': rule('diagnosis', 'minor'),
  'histology-refined': rule('diagnosis', 'minor'),
  'grade-changed': rule('diagnosis', 'minor'),
  'biomarker-changed': rule('diagnosis', 'minor'),
  'stage-group': rule('stage', 'major'),
  'b-symptoms': rule('stage', 'major'),
  'bulky-disease': rule('stage', 'major'),
  'sub-stage': rule('stage', 'minor'),
  'stage-unknown': rule('stage', 'minor'),
  'tnm-changed': rule('stage', 'minor'),
  'staging-timepoint': rule('stage', 'minor'),
  'staging-edition': rule('stage', 'minor'),
  'intent-changed': rule('treatment', 'major'),
  'modality-set': rule('treatment', 'major'),
  'neoadjuvant-adjuvant': rule('treatment', 'major'),
  'concurrency-changed': rule('treatment', 'major'),
  'local-systemic-first': rule('treatment', 'major'),
  'first-line-changed': rule('treatment', 'major'),
  'operation-changed': rule('treatment', 'major'),
  'timing-role-conflict': rule('treatment', 'major'),
  'timing-role': rule('treatment', 'minor'),
  'order-within-phase': rule('treatment', 'minor'),
  'regimen-changed': rule('treatment', 'minor'),
  'radiation-dose': rule('treatment', 'minor'),
  'supportive-care': rule('treatment', 'minor'),
} as const satisfies Record<string, GradingRule>;

export type RuleId = keyof typeof GRADING_RULES;
export const RULE_IDS = Object.keys(GRADING_RULES) as RuleId[];

/** A reason with what the view needs to word it for the patient. */
export interface ClinicalReason extends DiscordanceReason {
  code: RuleId;
  /** Each opinion's value on what differs, as codes or terms (never PHI): C91.0, IIB, lumpectomy. */
  values: { a: string; b: string };
  /** What the reason is about when one dimension has several: a biomarker, a modality. */
  subject?: string;
}

/** A reason of `code`, its level and dimension read from the table. */
export function reasonFor(
  code: RuleId,
  values: { a: string; b: string },
  detail: string,
  subject?: string,
): ClinicalReason {
  const { dimension, level } = GRADING_RULES[code];
  return { dimension, level, code, detail, values, ...(subject === undefined ? {} : { subject }) };
}
