/**
 * For every resource of the case bundle, the elements it promises to fill: each mCODE profile's
 * required and must-support elements that Concord knows (a test checks every resource against its
 * list). Resources mCODE does not profile (the referral, the task, planned surgery and radiation, the
 * care plan, records, the claim, an opinion that finds no cancer) are listed under their base resource.
 * Source: HL7 mCODE IG 4.0.0 (STU4) profile pages; US Core 6.1 for the profiles mCODE builds on.
 */
import { PROFILES, baseProfile } from './mcode-profiles.js';

/** R-ISS staging names no method; the other stage profiles require one (the AJCC edition, Lugano). */
const RISS_ELEMENTS = ['status', 'code', 'subject', 'focus', 'effectiveDateTime', 'valueCodeableConcept'];
const STAGE_ELEMENTS = [...RISS_ELEMENTS, 'method'];
const RESULT_ELEMENTS = ['status', 'category', 'code', 'subject', 'effectiveDateTime'];
const REQUEST_ELEMENTS = ['status', 'intent', 'code', 'subject', 'authoredOn'];

/** Profile (or base definition) to the elements each resource claiming it fills; `value[x]` is any value. */
export const DECLARED_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  [PROFILES.patient]: ['identifier', 'name', 'gender', 'birthDate', 'address', 'telecom', 'communication'],
  [PROFILES.primaryCancerCondition]: [
    'clinicalStatus',
    'verificationStatus',
    'category',
    'code',
    'subject',
    'recordedDate',
  ],
  [PROFILES.tnmStageGroup]: STAGE_ELEMENTS,
  [PROFILES.tnmPrimaryTumor]: STAGE_ELEMENTS,
  [PROFILES.tnmRegionalNodes]: STAGE_ELEMENTS,
  [PROFILES.tnmDistantMetastases]: STAGE_ELEMENTS,
  [PROFILES.lymphomaStage]: STAGE_ELEMENTS,
  [PROFILES.myelomaStage]: RISS_ELEMENTS,
  [PROFILES.tumorMarkerTest]: [...RESULT_ELEMENTS, 'focus', 'value[x]'],
  [PROFILES.genomicVariant]: [...RESULT_ELEMENTS, 'focus', 'valueCodeableConcept', 'component'],
  [PROFILES.medicationRequest]: [
    'status',
    'intent',
    'medicationCodeableConcept',
    'subject',
    'authoredOn',
    'requester',
    'reasonReference',
  ],
  [baseProfile('Condition')]: ['clinicalStatus', 'verificationStatus', 'category', 'code', 'subject'],
  [baseProfile('Observation')]: [...RESULT_ELEMENTS, 'value[x]'],
  [baseProfile('Practitioner')]: ['identifier', 'name'],
  [baseProfile('ServiceRequest')]: REQUEST_ELEMENTS,
  [baseProfile('Task')]: [
    'identifier',
    'status',
    'businessStatus',
    'intent',
    'code',
    'focus',
    'for',
    'authoredOn',
    'lastModified',
  ],
  [baseProfile('CarePlan')]: ['status', 'intent', 'title', 'subject', 'activity'],
  [baseProfile('DocumentReference')]: ['identifier', 'status', 'type', 'subject', 'date', 'content'],
  [baseProfile('Claim')]: [
    'identifier',
    'status',
    'type',
    'use',
    'patient',
    'created',
    'insurer',
    'provider',
    'priority',
    'insurance',
    'diagnosis',
    'item',
  ],
};
