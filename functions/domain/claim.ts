import type { Claim, Coverage, Organization, Patient } from '@medplum/fhirtypes';
import type { CaseRecord } from './case.js';
import type { Payer } from '../schemas/directory.js';

export const ICD10_CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';
export const CPT_SYSTEM = 'http://www.ama-assn.org/go/cpt';
/** Office or other outpatient consultation, high complexity. */
export const CPT_CONSULTATION = '99245';
/** Prolonged evaluation and management before or after direct patient care: the record review. */
export const CPT_RECORD_REVIEW = '99358';
export const CASE_IDENTIFIER_SYSTEM = 'urn:concord:case';

export interface ClaimProvider {
  name: string;
}

/** The provider a case's claim names: the second-opinion service itself. */
export const SERVICE_PROVIDER: ClaimProvider = { name: 'Concord Second Opinion Service' };

/**
 * The insurer's claim notice: a FHIR R4 Claim (use `claim`) with the patient, coverage, insurer
 * and provider contained, the ICD-10-CM diagnosis, and one item each for the consultation and
 * the record review; the prior-authorization reference when there is one.
 */
export function buildClaim(
  record: CaseRecord,
  payer: Payer,
  provider: ClaimProvider,
  created: string,
): Claim {
  const { patient, insurance, diagnosis, urgency } = record.intake;
  if (!('payerId' in insurance)) throw new Error(`Case ${record.caseId} is self-pay: it has no claim`);
  const patientResource: Patient = {
    resourceType: 'Patient',
    id: 'patient',
    identifier: [{ system: `urn:concord:member:${payer.payerId}`, value: insurance.memberId }],
    name: [{ family: patient.lastName, given: [patient.firstName] }],
    birthDate: patient.dateOfBirth,
    address: [{ state: patient.state, country: 'US' }],
  };
  const insurer: Organization = {
    resourceType: 'Organization',
    id: 'insurer',
    identifier: [{ system: 'urn:concord:payer', value: payer.payerId }],
    name: payer.name,
  };
  const providerResource: Organization = {
    resourceType: 'Organization',
    id: 'provider',
    name: provider.name,
  };
  const coverage: Coverage = {
    resourceType: 'Coverage',
    id: 'coverage',
    status: 'active',
    subscriberId: insurance.memberId,
    beneficiary: { reference: '#patient' },
    payor: [{ reference: '#insurer' }],
    ...(insurance.groupNumber
      ? {
          class: [
            {
              type: {
                coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'group' }],
              },
              value: insurance.groupNumber,
            },
          ],
        }
      : {}),
  };
  const servicedDate = created.slice(0, 10);
  const item = (sequence: number, code: string, display: string) => ({
    sequence,
    diagnosisSequence: [1],
    productOrService: { coding: [{ system: CPT_SYSTEM, code, display }] },
    servicedDate,
    quantity: { value: 1 },
  });
  const priorAuthReference = record.billing?.priorAuthReference;
  return {
    resourceType: 'Claim',
    contained: [patientResource, insurer, providerResource, coverage],
    identifier: [{ system: CASE_IDENTIFIER_SYSTEM, value: record.caseId }],
    status: 'active',
    use: 'claim',
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
    patient: { reference: '#patient' },
    created,
    insurer: { reference: '#insurer' },
    provider: { reference: '#provider' },
    priority: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/processpriority',
          code: urgency === 'expedited' ? 'stat' : 'normal',
        },
      ],
    },
    insurance: [
      {
        sequence: 1,
        focal: true,
        coverage: { reference: '#coverage' },
        ...(priorAuthReference ? { preAuthRef: [priorAuthReference] } : {}),
      },
    ],
    diagnosis: [
      {
        sequence: 1,
        diagnosisCodeableConcept: { coding: [{ system: ICD10_CM_SYSTEM, code: diagnosis.icd10 }] },
      },
    ],
    item: [
      item(1, CPT_CONSULTATION, 'Oncology second-opinion consultation'),
      item(2, CPT_RECORD_REVIEW, 'Review of medical records'),
    ],
  };
}
