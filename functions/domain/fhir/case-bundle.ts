/**
 * The case as a FHIR R4 Bundle of type `collection` (a snapshot for an integrator, not an attested
 * `document`, which would need a Composition and signatures): the patient (mCODE CancerPatient), the
 * referral as a ServiceRequest and a Task whose businessStatus is the case status, each opinion's
 * condition, staging, biomarkers and planned treatment, the records as DocumentReferences (metadata
 * only: no file name, no content), and the insurer's Claim. Pure: the caller passes the time, the
 * payer and the base URL the resources are named under. It carries PHI: serve it only behind the case
 * token or a coordinator session, with Cache-Control: no-store.
 */
import type {
  Condition,
  Bundle,
  DocumentReference,
  Patient,
  Practitioner,
  Reference,
  Resource,
  ServiceRequest,
  Task,
} from '@medplum/fhirtypes';
import type { CaseRecord, CaseStatus } from '../case.js';
import { CASE_IDENTIFIER_SYSTEM, buildClaim, type ClaimProvider } from '../claim.js';
import { recordTypeLabel, type MedicalRecord } from '../records.js';
import type { Payer } from '../../schemas/directory.js';
import { biomarkerResources } from './biomarker-resources.js';
import { opinionContext, referenceTo, type BundleOpinion } from './bundle-context.js';
import {
  CASE_STATUS_SYSTEM,
  REASON_SYSTEM,
  RECORD_SYSTEM,
  LOINC,
  RECORD_DOCUMENT_TYPES,
  TASK_CODE,
  US_NPI,
  coding,
} from './codes.js';
import { conditionResources } from './condition-resources.js';
import { PROFILES } from './mcode-profiles.js';
import { planResources } from './plan-resources.js';

export interface CaseBundleInput {
  record: CaseRecord;
  /** Every opinion, the first (from intake) included. */
  opinions: readonly BundleOpinion[];
  records: readonly MedicalRecord[];
  /** The payer and the billing provider; absent for self-pay (no claim). */
  claim?: { payer: Payer; provider: ClaimProvider };
  /** The URL the resources are named under, e.g. `<public URL>/cases/<caseId>/fhir`. */
  base: string;
  generatedAt: string;
}

const PATIENT_IDENTIFIER_SYSTEM = 'urn:concord:case-patient';
const BCP47 = 'urn:ietf:bcp:47';

/** The case status as a Task status; the case's own status is the Task's businessStatus. */
const TASK_STATUS: Readonly<Record<CaseStatus, Task['status']>> = {
  'awaiting-confirmation': 'requested',
  received: 'received',
  'checking-coverage': 'in-progress',
  'awaiting-prior-authorization': 'in-progress',
  'awaiting-coordinator': 'in-progress',
  'gathering-records': 'in-progress',
  'matching-specialist': 'in-progress',
  'awaiting-opinion': 'in-progress',
  'comparing-opinions': 'in-progress',
  'notifying-insurer': 'in-progress',
  completed: 'completed',
  closed: 'cancelled',
  'needs-attention': 'on-hold',
};

const REFERRAL_STATUS = (status: CaseStatus): ServiceRequest['status'] =>
  status === 'completed' ? 'completed' : status === 'closed' ? 'revoked' : 'active';

function patientOf({ caseId, intake }: CaseRecord): Patient & { id: string } {
  const { patient, insurance } = intake;
  return {
    resourceType: 'Patient',
    id: `${caseId}-patient`,
    meta: { profile: [PROFILES.patient] },
    identifier: [
      { system: PATIENT_IDENTIFIER_SYSTEM, value: caseId },
      ...('payerId' in insurance
        ? [{ system: `urn:concord:member:${insurance.payerId}`, value: insurance.memberId }]
        : []),
    ],
    name: [{ family: patient.lastName, given: [patient.firstName] }],
    // The intake does not ask for sex or gender; US Core requires the element, and `unknown` says so.
    gender: 'unknown',
    birthDate: patient.dateOfBirth,
    address: [{ state: patient.state, country: 'US' }],
    telecom: [
      { system: 'email', value: patient.email },
      ...(patient.phone ? [{ system: 'phone' as const, value: patient.phone }] : []),
    ],
    communication: [{ language: { coding: [coding(BCP47, patient.preferredLanguage)] } }],
  };
}

function referrerOf({ caseId, intake }: CaseRecord): (Practitioner & { id: string }) | undefined {
  const physician = intake.referringPhysician;
  if (!physician) return undefined;
  return {
    resourceType: 'Practitioner',
    id: `${caseId}-referrer`,
    identifier: [{ system: US_NPI, value: physician.npi }],
    name: [{ text: physician.name }],
  };
}

function referralOf(
  record: CaseRecord,
  patient: Reference<Patient>,
  requester: Reference<Patient | Practitioner>,
  firstCondition?: Reference<Condition>,
): ServiceRequest & { id: string } {
  return {
    resourceType: 'ServiceRequest',
    id: `${record.caseId}-referral`,
    identifier: [{ system: CASE_IDENTIFIER_SYSTEM, value: record.caseId }],
    status: REFERRAL_STATUS(record.status),
    intent: 'order',
    code: { text: 'Cancer second opinion' },
    priority: record.intake.urgency === 'expedited' ? 'urgent' : 'routine',
    subject: patient,
    authoredOn: record.createdAt,
    requester,
    reasonCode: record.intake.reasons.map((reason) => ({ coding: [coding(REASON_SYSTEM, reason)] })),
    ...(firstCondition ? { reasonReference: [firstCondition] } : {}),
  };
}

function taskOf(
  record: CaseRecord,
  patient: Reference<Patient>,
  referral: Reference<ServiceRequest>,
): Task & { id: string } {
  return {
    resourceType: 'Task',
    id: `${record.caseId}-task`,
    identifier: [{ system: CASE_IDENTIFIER_SYSTEM, value: record.caseId }],
    basedOn: [referral],
    status: TASK_STATUS[record.status],
    businessStatus: { coding: [coding(CASE_STATUS_SYSTEM, record.status)], text: record.status },
    intent: 'order',
    code: { coding: [coding(TASK_CODE, 'fulfill')] },
    focus: referral,
    for: patient,
    authoredOn: record.createdAt,
    lastModified: record.updatedAt,
  };
}

function documentOf(record: MedicalRecord, patient: Reference<Patient>): DocumentReference & { id: string } {
  const type = RECORD_DOCUMENT_TYPES[record.type];
  return {
    resourceType: 'DocumentReference',
    id: `record-${record.recordId}`,
    identifier: [{ system: RECORD_SYSTEM, value: record.recordId }],
    status: 'current',
    type: {
      ...(type ? { coding: [coding(LOINC, type.code, type.display)] } : {}),
      text: recordTypeLabel(record.type),
    },
    subject: patient,
    date: record.receivedAt ?? record.createdAt,
    content: [
      {
        attachment: {
          ...(record.contentType ? { contentType: record.contentType } : {}),
          ...(record.sizeBytes ? { size: record.sizeBytes } : {}),
          ...(record.receivedAt ? { creation: record.receivedAt } : {}),
        },
      },
    ],
  };
}

export function buildCaseBundle(input: CaseBundleInput): Bundle {
  const { record, base, generatedAt } = input;
  const patient = patientOf(record);
  const patientRef = referenceTo(patient);
  const referrer = referrerOf(record);
  const clinical = [...input.opinions]
    .sort((a, b) => a.number - b.number)
    .map((opinion) => {
      const context = opinionContext(record.caseId, record.createdAt, patientRef, opinion);
      const [condition, ...staging] = conditionResources(context);
      const conditionRef = referenceTo(condition);
      const resources: Resource[] = [
        condition,
        ...staging,
        ...biomarkerResources(context, conditionRef),
        ...planResources(context, conditionRef),
      ];
      return { conditionRef, resources };
    });
  const requester = referrer ? referenceTo(referrer) : patientRef;
  const referral = referralOf(record, patientRef, requester, clinical[0]?.conditionRef);
  const claim = input.claim
    ? [
        {
          ...buildClaim(record, input.claim.payer, input.claim.provider, generatedAt),
          id: `${record.caseId}-claim`,
        },
      ]
    : [];
  const resources: Resource[] = [
    patient,
    ...(referrer ? [referrer] : []),
    referral,
    taskOf(record, patientRef, referenceTo(referral)),
    ...clinical.flatMap((opinion) => opinion.resources),
    ...input.records.filter((r) => r.status === 'received').map((r) => documentOf(r, patientRef)),
    ...claim,
  ];
  return {
    resourceType: 'Bundle',
    identifier: { system: CASE_IDENTIFIER_SYSTEM, value: record.caseId },
    type: 'collection',
    timestamp: generatedAt,
    entry: resources.map((resource) => ({
      fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
      resource,
    })),
  };
}
