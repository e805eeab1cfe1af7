/**
 * TNM categories as AJCC writes them, with the classification they were made in.
 * Source: AJCC Cancer Staging Manual, 8th ed. (2017), chapter 1: c (clinical), p (pathological),
 * yc/yp (after neoadjuvant therapy), r (recurrence); T0, Tis, Ta, T1mi, T1a-T4e with digit
 * subdivisions (T1a1); N0(i+), N0(mol+), N1mi, N1a-N3c with (sn) or (f); M0, M0(i+), M1a-M1d with
 * the LDH suffix (0) or (1); S0-S3 for germ cell tumors. MX is not a category in the 8th edition.
 */

export const STAGING_PREFIXES = ['c', 'p', 'yc', 'yp', 'r'] as const;
export type StagingPrefix = (typeof STAGING_PREFIXES)[number];

/** The AJCC editions an opinion may stage by; 8 unless stated. */
export const AJCC_EDITIONS = [7, 8, 9] as const;
export type AjccEdition = (typeof AJCC_EDITIONS)[number];
export const DEFAULT_AJCC_EDITION: AjccEdition = 8;

export const T_CATEGORY = /^T(X|0|a|is|is\((DCIS|Paget)\)|1mi|[1-4]([a-e][1-3]?)?)$/;
export const N_CATEGORY = /^N(X|0|0\((i\+|i-|mol\+|mol-)\)|1mi|[1-3][a-c]?)(\((sn|f)\))?$/;
export const M_CATEGORY = /^M(0|0\(i\+\)|1[a-d]?(\([01]\))?)$/;
export const S_CATEGORY = /^S[X0-3]$/;

/** When the staging was done: before treatment, after neoadjuvant therapy, or at recurrence. */
export type StagingTimepoint = 'initial' | 'post-therapy' | 'recurrence';

const TIMEPOINTS: Readonly<Record<StagingPrefix, StagingTimepoint>> = {
  c: 'initial',
  p: 'initial',
  yc: 'post-therapy',
  yp: 'post-therapy',
  r: 'recurrence',
};

export const stagingTimepoint = (prefix: StagingPrefix): StagingTimepoint => TIMEPOINTS[prefix];

/** M1, M1a, M1b...: distant metastasis. */
export const isDistantMetastasis = (m: string | undefined): boolean => m?.startsWith('M1') ?? false;

export const TNM_CATEGORIES = ['t', 'n', 'm', 's'] as const;

/** "cT2 cN1a cM0". */
export const tnmText = (
  staging: { prefix: StagingPrefix } & Partial<Record<(typeof TNM_CATEGORIES)[number], string>>,
): string =>
  TNM_CATEGORIES.flatMap((category) =>
    staging[category] ? [`${staging.prefix}${staging[category]}`] : [],
  ).join(' ');
