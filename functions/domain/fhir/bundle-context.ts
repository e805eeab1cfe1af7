/** What every resource of one case bundle shares: ids scoped to the case, references, the patient. */
import type { Patient, Reference, Resource } from '@medplum/fhirtypes';
import type { ClinicalPosition } from '../clinical/position.js';
import type { DIAGNOSIS_ASSESSMENTS } from '../opinion-terms.js';

/** An opinion as the bundle reads it: the clinical position, who gave it, and when. */
export interface BundleOpinion extends ClinicalPosition {
  number: number;
  author: string;
  organization: string;
  submittedAt?: string;
  submission?: { diagnosisAssessment: (typeof DIAGNOSIS_ASSESSMENTS)[number] };
}

export interface OpinionContext {
  opinion: BundleOpinion;
  patient: Reference<Patient>;
  /** The id prefix of this opinion's resources: `<caseId>-op<n>`. */
  prefix: string;
  /** When the opinion was given: its submission, or the case's creation for the first opinion. */
  at: string;
  /** The first opinion is the treating physician's plan; the others propose. */
  requestIntent: 'plan' | 'proposal';
}

/** A reference to a resource of the bundle (resolved against its entry's fullUrl). */
export const referenceTo = <T extends Resource>(resource: T & { id: string }): Reference<T> => ({
  reference: `${resource.resourceType}/${resource.id}`,
});

export function opinionContext(
  caseId: string,
  createdAt: string,
  patient: Reference<Patient>,
  opinion: BundleOpinion,
): OpinionContext {
  return {
    opinion,
    patient,
    prefix: `${caseId}-op${opinion.number}`,
    at: opinion.submittedAt ?? createdAt,
    requestIntent: opinion.number === 1 ? 'plan' : 'proposal',
  };
}
