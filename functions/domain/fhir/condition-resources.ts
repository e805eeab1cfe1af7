/**
 * One opinion's diagnosis and staging: an mCODE PrimaryCancerCondition with its ICD-O-3 histology,
 * the stage group (TNM, Lugano for lymphoma, R-ISS for myeloma) and the T, N and M categories;
 * or, when the opinion finds no cancer, a plain Condition for what it finds instead.
 */
import type { CodeableConcept, Condition, Observation, Reference } from '@medplum/fhirtypes';
import { cancerTypeOf } from '../cancer-type.js';
import { ICD10_CM_SYSTEM } from '../claim.js';
import type { Staging } from '../clinical/position.js';
import { DEFAULT_AJCC_EDITION } from '../clinical/tnm.js';
import { referenceTo, type OpinionContext } from './bundle-context.js';
import {
  AJCC_EDITION_METHOD,
  CONDITION_CATEGORY,
  CONDITION_CLINICAL,
  CONDITION_VERIFICATION,
  ICD_O3,
  LUGANO_HODGKIN,
  LUGANO_NON_HODGKIN,
  LYMPHOMA_STAGE,
  RISS_STAGE,
  STAGING_TYPE,
  coding,
} from './codes.js';
import { MCODE_EXTENSIONS, PROFILES } from './mcode-profiles.js';

const concept = (...codings: ReturnType<typeof coding>[]): CodeableConcept => ({ coding: codings });

function conditionBase(context: OpinionContext, code: CodeableConcept): Condition & { id: string } {
  const { opinion, patient, prefix, at } = context;
  const provisional = opinion.submission?.diagnosisAssessment === 'more-tests-needed';
  return {
    resourceType: 'Condition',
    id: `${prefix}-condition`,
    clinicalStatus: concept(coding(CONDITION_CLINICAL, 'active')),
    verificationStatus: concept(coding(CONDITION_VERIFICATION, provisional ? 'provisional' : 'confirmed')),
    category: [concept(coding(CONDITION_CATEGORY, 'problem-list-item'))],
    code,
    subject: patient,
    asserter: { display: `${opinion.author}, ${opinion.organization}` },
    recordedDate: at,
  };
}

/** The condition the opinion names, and its staging observations (stage group first). */
export function conditionResources(context: OpinionContext): [Condition & { id: string }, ...Observation[]] {
  const { opinion } = context;
  if (opinion.notCancer) {
    const { finding, icd10 } = opinion.notCancer;
    return [
      conditionBase(context, { ...(icd10 ? concept(coding(ICD10_CM_SYSTEM, icd10)) : {}), text: finding }),
    ];
  }
  const condition: Condition & { id: string } = {
    ...conditionBase(context, concept(coding(ICD10_CM_SYSTEM, opinion.icd10!))),
    meta: { profile: [PROFILES.primaryCancerCondition] },
  };
  const { histology } = opinion;
  if (histology) {
    const morphology = coding(ICD_O3, `${histology.morphology}/${histology.behaviour}`);
    condition.extension = [
      { url: MCODE_EXTENSIONS.histologyMorphologyBehavior, valueCodeableConcept: concept(morphology) },
    ];
  }
  const staging = stagingResources(context, referenceTo(condition));
  if (staging.length) {
    condition.stage = [{ summary: { text: opinion.stage! }, assessment: [referenceTo(staging[0]!)] }];
  }
  return [condition, ...staging];
}

type StagedObservation = Observation & { id: string };

/** Which mCODE stage profile, code and method a cancer type's stage group takes. */
function groupKind(icd10: string, prefix: Staging['prefix'] | undefined, edition: number) {
  const type = cancerTypeOf(icd10);
  if (type === 'lymphoma') {
    const method = icd10.toUpperCase().startsWith('C81') ? LUGANO_HODGKIN : LUGANO_NON_HODGKIN;
    return { profile: PROFILES.lymphomaStage, code: LYMPHOMA_STAGE, method };
  }
  if (type === 'myeloma') return { profile: PROFILES.myelomaStage, code: RISS_STAGE };
  return {
    profile: PROFILES.tnmStageGroup,
    code: STAGING_TYPE.group[typeOf(prefix)],
    method: methodOf(edition),
  };
}

const typeOf = (prefix: Staging['prefix'] | undefined) =>
  prefix === 'c' || prefix === 'p' ? prefix : 'other';
const methodOf = (edition: number) => AJCC_EDITION_METHOD[edition as keyof typeof AJCC_EDITION_METHOD];

function stagingResources(context: OpinionContext, condition: Reference<Condition>): StagedObservation[] {
  const { opinion, patient, prefix: id, at } = context;
  const { staging, stage } = opinion;
  const edition = staging?.edition ?? DEFAULT_AJCC_EDITION;
  const observation = (
    suffix: string,
    profile: string,
    code: ReturnType<typeof coding>,
    value: string,
    method?: ReturnType<typeof coding>,
  ): StagedObservation => ({
    resourceType: 'Observation',
    id: `${id}-${suffix}`,
    meta: { profile: [profile] },
    status: 'final',
    code: concept(code),
    subject: patient,
    focus: [condition],
    effectiveDateTime: at,
    valueCodeableConcept: { text: value },
    ...(method ? { method: concept(method) } : {}),
  });
  const categories = (['t', 'n', 'm'] as const).flatMap((category) => {
    const value = staging?.[category];
    if (!staging || !value) return [];
    const profile = {
      t: PROFILES.tnmPrimaryTumor,
      n: PROFILES.tnmRegionalNodes,
      m: PROFILES.tnmDistantMetastases,
    }[category];
    return [
      observation(
        category,
        profile,
        STAGING_TYPE[category][typeOf(staging.prefix)],
        `${staging.prefix}${value}`,
        methodOf(edition),
      ),
    ];
  });
  if (!stage || stage === 'unknown') return categories;
  const kind = groupKind(opinion.icd10!, staging?.prefix, edition);
  const group = observation('stage', kind.profile, kind.code, stage, kind.method);
  if (kind.profile === PROFILES.tnmStageGroup && categories.length)
    group.hasMember = categories.map(referenceTo);
  return [group, ...categories];
}
