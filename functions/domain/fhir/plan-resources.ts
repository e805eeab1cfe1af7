/**
 * One opinion's treatment plan: a CarePlan whose activities, in plan order, are the planned
 * treatments. Drug therapy is an mCODE CancerRelatedMedicationRequest; an operation, radiation or
 * any other treatment is a ServiceRequest, because a planned procedure is a request in FHIR R4
 * (Procedure has no "planned" status) and mCODE profiles only procedures already performed. The first
 * opinion's plan has intent `plan`, the reviewers' `proposal`. Each request's note gives its step,
 * timing role and what it is given together with.
 */
import type {
  CarePlan,
  CodeableConcept,
  Condition,
  Extension,
  MedicationRequest,
  Reference,
  ServiceRequest,
} from '@medplum/fhirtypes';
import type { Modality } from '../opinion-terms.js';
import type { TreatmentEntry, TreatmentStep } from '../clinical/position.js';
import { INTENT, RADIATION_THERAPY, SURGICAL_PROCEDURE } from './codes.js';
import { referenceTo, type OpinionContext } from './bundle-context.js';
import { MCODE_EXTENSIONS, PROFILES } from './mcode-profiles.js';

const DRUG_THERAPIES: readonly Modality[] = [
  'chemotherapy',
  'immunotherapy',
  'targeted-therapy',
  'hormone-therapy',
];

type PlannedRequest = (MedicationRequest | ServiceRequest) & { id: string };

function serviceCode(entry: TreatmentEntry): CodeableConcept {
  if (entry.modality === 'surgery') return { coding: [SURGICAL_PROCEDURE], text: entry.surgery ?? 'surgery' };
  if (entry.modality === 'radiation') {
    const dose = entry.radiation
      ? `, ${entry.radiation.doseGy} Gy in ${entry.radiation.fractions} fractions`
      : '';
    return { coding: [RADIATION_THERAPY], text: `radiation${dose}` };
  }
  return { text: entry.modality };
}

function stepNote(
  context: OpinionContext,
  step: TreatmentStep,
  index: number,
  entry: TreatmentEntry,
): string {
  const count = context.opinion.treatmentPlan.length;
  const others = [step, ...(step.concurrent ?? [])]
    .filter((other) => other !== entry)
    .map((other) => other.modality);
  return [
    `Opinion ${context.opinion.number}, step ${index + 1} of ${count}`,
    ...(step.timing ? [step.timing] : []),
    ...(others.length ? [`together with ${others.join(' and ')}`] : []),
  ].join(', ');
}

export function planResources(
  context: OpinionContext,
  condition: Reference<Condition>,
): [CarePlan, ...PlannedRequest[]] | [] {
  const { opinion, patient, prefix, at, requestIntent } = context;
  if (!opinion.treatmentPlan.length) return [];
  const cancer = !opinion.notCancer;
  const intent =
    opinion.treatmentIntent === 'curative' || opinion.treatmentIntent === 'palliative'
      ? opinion.treatmentIntent
      : undefined;
  const extension: Extension[] = intent
    ? [{ url: MCODE_EXTENSIONS.procedureIntent, valueCodeableConcept: { coding: [INTENT[intent]] } }]
    : [];
  const requests = opinion.treatmentPlan.flatMap((step, i) =>
    [step, ...(step.concurrent ?? [])].map((entry, j): PlannedRequest => {
      const common = {
        id: `${prefix}-step${i + 1}-${j + 1}`,
        ...(extension.length ? { extension } : {}),
        status: 'active' as const,
        intent: requestIntent,
        subject: patient,
        authoredOn: at,
        requester: { display: `${opinion.author}, ${opinion.organization}` },
        ...(cancer ? { reasonReference: [condition] } : {}),
        note: [{ text: stepNote(context, step, i, entry) }],
      };
      if (cancer && DRUG_THERAPIES.includes(entry.modality)) {
        return {
          resourceType: 'MedicationRequest',
          meta: { profile: [PROFILES.medicationRequest] },
          medicationCodeableConcept: { text: entry.regimen ?? entry.modality },
          ...common,
        };
      }
      return { resourceType: 'ServiceRequest', code: serviceCode(entry), ...common };
    }),
  );
  const carePlan: CarePlan = {
    resourceType: 'CarePlan',
    id: `${prefix}-plan`,
    status: 'active',
    intent: requestIntent,
    title: `Opinion ${opinion.number} treatment plan`,
    ...(intent ? { description: `${intent} intent` } : {}),
    subject: patient,
    created: at,
    author: { display: `${opinion.author}, ${opinion.organization}` },
    ...(cancer ? { addresses: [condition] } : {}),
    activity: requests.map((request) => ({ reference: referenceTo(request) })),
  };
  return [carePlan, ...requests];
}
