/** Why a patient wants a second opinion (API.md): the intake's `reasons`. */
export const REASONS = [
  'confirm-diagnosis',
  'confirm-treatment',
  'risky-treatment',
  'rare-cancer',
  'rural-area',
  'experimental-treatment',
  'doubt-diagnosis',
  'doubt-treatment',
  'limited-experience',
  'nothing-missed',
  'not-responding',
  'clinical-trials',
  'multiple-experts',
  'no-options',
  'insurance-requires',
  'treatment-order',
] as const;
