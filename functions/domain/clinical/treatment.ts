/**
 * Treatment plan vocabulary: the operations, timing roles and intents a plan step may state, and
 * which modalities are local, systemic or supportive. Sources: NCI Thesaurus / NCI Dictionary of
 * Cancer Terms (neoadjuvant, adjuvant, maintenance, definitive therapy); mCODE procedure intent
 * (SNOMED CT curative 373808002, palliative 363676003).
 */
import type { Modality } from '../opinion-terms.js';

/** Named operations; a different one under `surgery` is a different local treatment. */
export const SURGERY_TYPES = [
  'biopsy-only',
  'wide-local-excision',
  'lumpectomy',
  'mastectomy',
  'sentinel-node-biopsy',
  'lymph-node-dissection',
  'wedge-resection',
  'segmentectomy',
  'lobectomy',
  'pneumonectomy',
  'esophagectomy',
  'gastrectomy',
  'colectomy',
  'low-anterior-resection',
  'abdominoperineal-resection',
  'local-excision',
  'pancreaticoduodenectomy',
  'distal-pancreatectomy',
  'hepatectomy',
  'liver-transplant',
  'partial-nephrectomy',
  'radical-nephrectomy',
  'turbt',
  'cystectomy',
  'prostatectomy',
  'orchiectomy',
  'retroperitoneal-lymph-node-dissection',
  'hysterectomy',
  'radical-hysterectomy',
  'salpingo-oophorectomy',
  'debulking',
  'thyroidectomy',
  'thyroid-lobectomy',
  'craniotomy',
  'laryngectomy',
  'neck-dissection',
  'amputation',
  'limb-sparing-resection',
] as const;
export type SurgeryType = (typeof SURGERY_TYPES)[number];

/** What a step does in the plan. */
export const TIMING_ROLES = [
  'neoadjuvant',
  'definitive',
  'adjuvant',
  'maintenance',
  'palliative',
  'surveillance',
] as const;
export type TimingRole = (typeof TIMING_ROLES)[number];

export const TREATMENT_INTENTS = ['curative', 'palliative', 'unknown'] as const;
export type TreatmentIntent = (typeof TREATMENT_INTENTS)[number];

/** Which detail a modality may carry. */
export const SYSTEMIC_MODALITIES: readonly Modality[] = [
  'chemotherapy',
  'immunotherapy',
  'targeted-therapy',
  'hormone-therapy',
  'stem-cell-transplant',
];
export const LOCAL_MODALITIES: readonly Modality[] = ['surgery', 'radiation'];
/** Care that eases symptoms beside any treatment: adding or removing it does not change the treatment. */
export const SUPPORTIVE_MODALITIES: readonly Modality[] = ['palliative-care'];

export type ModalityClass = 'local' | 'systemic' | 'other';

export const modalityClass = (modality: Modality): ModalityClass =>
  LOCAL_MODALITIES.includes(modality)
    ? 'local'
    : SYSTEMIC_MODALITIES.includes(modality)
      ? 'systemic'
      : 'other';

/** Regimens compare without case, spaces or punctuation: "AC-T", "ac t" and "AC/T" are one. */
export const normalRegimen = (regimen: string): string => regimen.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Roles that belong to treatment meant to cure. */
const CURATIVE_ROLES: readonly TimingRole[] = ['neoadjuvant', 'definitive', 'adjuvant'];

/**
 * Two stated roles of the same treatment that put it on different sides of the local treatment
 * (neoadjuvant against adjuvant or maintenance), or in a palliative against a curative role.
 */
export function rolesConflict(a: TimingRole, b: TimingRole): boolean {
  const after = (role: TimingRole) => role === 'adjuvant' || role === 'maintenance';
  if ((a === 'neoadjuvant' && after(b)) || (b === 'neoadjuvant' && after(a))) return true;
  return (
    (a === 'palliative' && CURATIVE_ROLES.includes(b)) || (b === 'palliative' && CURATIVE_ROLES.includes(a))
  );
}
