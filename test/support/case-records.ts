import type { Billing } from '../../functions/domain/billing.js';
import type { CaseRecord } from '../../functions/domain/case.js';
import { decideCoverage } from '../../functions/domain/coverage.js';
import { IntakeSchema, type IntakeInput } from '../../functions/schemas/intake.js';
import type { Payer } from '../../functions/schemas/directory.js';
import { withPatientPhi } from './stack/inbox.js';
import { exampleIntake } from './intake.js';

/** A payer with the given rules (defaults: covers, no prior auth, not mandated, any network). */
export function payer(payerId: string, rules: Partial<Payer> = {}): Payer {
  return {
    payerId,
    name: `${payerId} plan`,
    coversSecondOpinion: true,
    requiresPriorAuth: false,
    mandatesSecondOpinion: false,
    inNetworkOnly: false,
    claimsEmail: `claims@${payerId}.example`,
    priorAuthEmail: `pa@${payerId}.example`,
    ...rules,
  };
}

/** Distinctive PHI, so a hit in an email is never by chance. */
export const PHI = {
  firstName: 'Philippa',
  lastName: 'Vanterpool',
  dateOfBirth: '1959-07-23',
  email: 'philippa.vanterpool@patients.example',
  phone: '+15557654321',
  icd10: 'C34.12',
  memberId: 'MBR-77341299',
  groupNumber: 'GRP-5521',
} as const;

export interface RecordOptions {
  insurance?: IntakeInput['insurance'];
  billing?: Billing;
  urgency?: 'routine' | 'expedited';
  caseId?: string;
}

/** A stored case as the workflow sees it, with the distinctive PHI above and the coverage decided for `payer`. */
export function caseRecord(forPayer: Payer | undefined, options: RecordOptions = {}): CaseRecord {
  const draft = withPatientPhi(exampleIntake(), PHI);
  draft.insurance = options.insurance ?? {
    payerId: forPayer?.payerId ?? 'nobody-health',
    memberId: PHI.memberId,
    groupNumber: PHI.groupNumber,
  };
  draft.urgency = options.urgency ?? 'routine';
  const intake = IntakeSchema.parse(draft);
  const at = '2026-11-02T10:00:00.000Z';
  return {
    caseId: options.caseId ?? '3f9c2b1e-7a4d-4c1b-9e0f-2a6b8c4d1e5f',
    status: 'checking-coverage',
    version: 2,
    createdAt: at,
    updatedAt: at,
    accessTokenHash: 'not-a-real-hash',
    intake,
    cancerType: 'lung',
    opinions: 1,
    coverage: decideCoverage(intake.insurance, forPayer),
    ...(options.billing ? { billing: options.billing } : {}),
    steps: {},
  };
}
