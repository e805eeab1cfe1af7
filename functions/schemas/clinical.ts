/**
 * The clinical position's new fields (issue 24), for the intake's first opinion and the specialist's
 * opinion: spread `clinicalPositionFields()` into the strict object and add `clinicalPositionChecks()`
 * to it. Every new field is optional and today's `{ icd10, stage, treatmentPlan: [{ modality }] }`
 * stays valid; `icd10` and `stage` may be left out only with `notCancer`. Cross-field checks run once
 * every field is valid on its own.
 */
import * as z from 'zod/mini';
import { cancerTypeOf } from '../domain/cancer-type.js';
import {
  ICD_O3_BEHAVIOURS,
  icd10Behaviour,
  icdO3Behaviour,
  isCancerBehaviour,
} from '../domain/clinical/behaviour.js';
import {
  BIOMARKER_NAMES,
  BIOMARKER_RESULTS,
  BIOMARKER_UNITS,
  biomarkerSpec,
  type BiomarkerName,
} from '../domain/clinical/biomarkers.js';
import { GRADE_SYSTEMS, GRADE_SYSTEM_IDS, gleasonGradeGroup } from '../domain/clinical/grade-systems.js';
import type {
  ClinicalPosition,
  HistologicGrade,
  TreatmentEntry,
  TreatmentStep,
} from '../domain/clinical/position.js';
import { isStageGroup, m1MeansStageIv, validStageGroups } from '../domain/clinical/stage-groups.js';
import {
  AJCC_EDITIONS,
  DEFAULT_AJCC_EDITION,
  M_CATEGORY,
  N_CATEGORY,
  STAGING_PREFIXES,
  S_CATEGORY,
  T_CATEGORY,
  isDistantMetastasis,
} from '../domain/clinical/tnm.js';
import {
  SURGERY_TYPES,
  SYSTEMIC_MODALITIES,
  TIMING_ROLES,
  TREATMENT_INTENTS,
} from '../domain/clinical/treatment.js';
import { freeText, icd10, modality } from './common.js';

type Path = Array<string | number>;
interface Issue {
  path: Path;
  message: string;
}

/**
 * Runs a function returning issues as a zod check, each issue at its own path, once every part of the
 * value is valid on its own (so a bad field is reported once, not again by the checks that read it).
 */
const issuesCheck = <T>(issuesOf: (value: T) => Issue[]) =>
  z.superRefine<T>(
    (value, ctx) => {
      for (const { path, message } of issuesOf(value))
        ctx.addIssue({ code: 'custom', path, message, input: value });
    },
    { when: (payload) => payload.issues.length === 0 },
  );

const listed = (values: readonly (string | number)[]) => values.join(', ');

// --- Diagnosis ---------------------------------------------------------------------------------

/** Any ICD-10-CM code (a letter other than U, a digit, a letter or digit, then up to four more). */
const ICD10_CM = /^[A-TV-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$/;

export const histology = () =>
  z.strictObject({
    morphology: z
      .string()
      .check(z.regex(/^[89]\d{3}$/, 'Must be an ICD-O-3 morphology code, 8000-9999, such as 8140')),
    behaviour: z.enum(
      ICD_O3_BEHAVIOURS,
      'Must be an ICD-O-3 behaviour code: 0 benign, 1 uncertain, 2 in situ, 3 malignant, 6 metastatic, 9 malignant of uncertain origin',
    ),
  });

export const notCancer = () =>
  z.strictObject({
    finding: freeText(),
    icd10: z.optional(
      z.string().check(
        z.regex(ICD10_CM, 'Must be an ICD-10-CM code such as D86.0'),
        z.refine(
          (code) => !isCancerBehaviour(icd10Behaviour(code)),
          'A finding that is not cancer cannot take a malignant (C) or in situ (D00-D09) code',
        ),
      ),
    ),
  });

function gradeIssues(grade: HistologicGrade): Issue[] {
  const { min, max, label } = GRADE_SYSTEMS[grade.system];
  if (grade.value < min || grade.value > max) {
    return [{ path: ['value'], message: `A ${label} is ${min} to ${max}` }];
  }
  const patterns = [grade.primary, grade.secondary];
  if (patterns.every((pattern) => pattern === undefined)) return [];
  if (grade.system !== 'gleason')
    return [{ path: ['primary'], message: 'Only a Gleason grade has patterns' }];
  const [primary, secondary] = patterns;
  if (primary === undefined || secondary === undefined) {
    return [
      { path: [primary === undefined ? 'primary' : 'secondary'], message: 'Give both Gleason patterns' },
    ];
  }
  const group = gleasonGradeGroup(primary, secondary);
  return group === grade.value
    ? []
    : [{ path: ['value'], message: `Gleason ${primary}+${secondary} is grade group ${group}` }];
}

const gleasonPattern = () =>
  z.optional(
    z.int().check(z.gte(3, 'A Gleason pattern is 3, 4 or 5'), z.lte(5, 'A Gleason pattern is 3, 4 or 5')),
  );

export const histologicGrade = () =>
  z
    .strictObject({
      system: z.enum(GRADE_SYSTEM_IDS, `Must be one of ${listed(GRADE_SYSTEM_IDS)}`),
      value: z.int("Must be a whole number on the system's scale"),
      primary: gleasonPattern(),
      secondary: gleasonPattern(),
    })
    .check(issuesCheck(gradeIssues));

const biomarkerIssues = (marker: {
  name: BiomarkerName;
  result: string;
  value?: number;
  unit?: string;
}): Issue[] => {
  const { results, units } = biomarkerSpec(marker.name);
  const issues: Issue[] = [];
  if (!(results as readonly string[]).includes(marker.result)) {
    issues.push({ path: ['result'], message: `${marker.name} is reported as ${listed(results)}` });
  }
  if (marker.unit !== undefined && marker.value === undefined) {
    issues.push({ path: ['unit'], message: 'A unit needs a value' });
  } else if (marker.value !== undefined && !units.length) {
    issues.push({ path: ['value'], message: `${marker.name} is reported by its result only` });
  } else if (marker.unit !== undefined && !(units as readonly string[]).includes(marker.unit)) {
    issues.push({ path: ['unit'], message: `${marker.name} is reported in ${listed(units)}` });
  }
  return issues;
};

export const biomarker = () =>
  z
    .strictObject({
      name: z.enum(BIOMARKER_NAMES, `Must be one of ${listed(BIOMARKER_NAMES)}`),
      result: z.enum(BIOMARKER_RESULTS, `Must be one of ${listed(BIOMARKER_RESULTS)}`),
      value: z.optional(z.number().check(z.gte(0, 'Must not be negative'))),
      unit: z.optional(z.enum(BIOMARKER_UNITS, `Must be one of ${listed(BIOMARKER_UNITS)}`)),
    })
    .check(issuesCheck(biomarkerIssues));

export const biomarkers = () =>
  z.array(biomarker()).check(
    z.maxLength(40),
    z.refine((list) => new Set(list.map((m) => m.name)).size === list.length, 'Name each biomarker once'),
  );

// --- Stage -------------------------------------------------------------------------------------

export const clinicalStage = () =>
  z
    .string()
    .check(
      z.refine(
        isStageGroup,
        'Must be a stage group such as 0, 0is, I, IIA, IIIC, IIID, IS, IVB, IIB bulky, or unknown',
      ),
    );

const category = (pattern: RegExp, example: string) =>
  z.optional(
    z.string().check(z.regex(pattern, `Must be an AJCC category such as ${example}, without its prefix`)),
  );

export const staging = () =>
  z
    .strictObject({
      prefix: z.enum(STAGING_PREFIXES, `Must be one of ${listed(STAGING_PREFIXES)}`),
      t: category(T_CATEGORY, 'T2, T1mi, Tis or T4b'),
      n: category(N_CATEGORY, 'N0, N1a or N0(i+)'),
      m: category(M_CATEGORY, 'M0 or M1c'),
      s: category(S_CATEGORY, 'S0 or S1'),
      edition: z._default(
        z.literal(AJCC_EDITIONS, `Must be an AJCC edition: ${listed(AJCC_EDITIONS)}`),
        DEFAULT_AJCC_EDITION,
      ),
    })
    .check(
      z.refine(
        (value) => Boolean(value.t || value.n || value.m || value.s),
        'Give at least one of t, n, m or s',
      ),
    );

// --- Treatment ---------------------------------------------------------------------------------

const REGIMEN = /^[A-Za-z0-9][A-Za-z0-9 +\-/().,]{0,99}$/;

const entryShape = () => ({
  modality: modality(),
  surgery: z.optional(z.enum(SURGERY_TYPES, `Must be one of ${listed(SURGERY_TYPES)}`)),
  regimen: z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.regex(REGIMEN, 'Must be a regimen name such as FOLFOX or AC-T (letters, digits, + - / ( ) . ,)'),
      ),
  ),
  radiation: z.optional(
    z.strictObject({
      doseGy: z.number().check(z.gt(0, 'Must be more than 0 Gy'), z.lte(200, 'Must be at most 200 Gy')),
      fractions: z.int().check(z.gte(1, 'At least one fraction'), z.lte(100, 'At most 100 fractions')),
    }),
  ),
});

/** Each detail belongs to one kind of treatment. */
function detailIssues(entry: TreatmentEntry): Issue[] {
  const issues: Issue[] = [];
  if (entry.surgery && entry.modality !== 'surgery')
    issues.push({ path: ['surgery'], message: 'Only surgery names an operation' });
  if (entry.radiation && entry.modality !== 'radiation')
    issues.push({ path: ['radiation'], message: 'Only radiation has a dose' });
  if (entry.regimen && !SYSTEMIC_MODALITIES.includes(entry.modality)) {
    issues.push({ path: ['regimen'], message: `Only ${listed(SYSTEMIC_MODALITIES)} have a regimen` });
  }
  return issues;
}

function stepIssues(step: TreatmentStep): Issue[] {
  const modalities = [step.modality, ...(step.concurrent ?? []).map((entry) => entry.modality)];
  const repeated = modalities.findIndex((m, i) => modalities.indexOf(m) !== i);
  return [
    ...detailIssues(step),
    ...(repeated === -1
      ? []
      : [
          {
            path: ['concurrent', repeated - 1, 'modality'],
            message: 'Give each modality once in a step (one regimen for several drugs)',
          },
        ]),
  ];
}

export const treatmentStep = () =>
  z
    .strictObject({
      ...entryShape(),
      timing: z.optional(z.enum(TIMING_ROLES, `Must be one of ${listed(TIMING_ROLES)}`)),
      concurrent: z.optional(
        z
          .array(z.strictObject(entryShape()).check(issuesCheck(detailIssues)))
          .check(z.minLength(1), z.maxLength(3)),
      ),
    })
    .check(issuesCheck(stepIssues));

/** Steps in order; may be empty only when the opinion finds no cancer (a position check). */
export const clinicalTreatmentPlan = () => z.array(treatmentStep()).check(z.maxLength(20));

export const treatmentIntent = () => z.enum(TREATMENT_INTENTS, `Must be one of ${listed(TREATMENT_INTENTS)}`);

// --- The position ------------------------------------------------------------------------------

export const clinicalPositionFields = () => ({
  icd10: z.optional(icd10()),
  stage: z.optional(clinicalStage()),
  treatmentPlan: clinicalTreatmentPlan(),
  notCancer: z.optional(notCancer()),
  histology: z.optional(histology()),
  grade: z.optional(histologicGrade()),
  staging: z.optional(staging()),
  biomarkers: z.optional(biomarkers()),
  treatmentIntent: z.optional(treatmentIntent()),
});

const CANCER_ONLY = ['icd10', 'stage', 'histology', 'grade', 'staging'] as const;

function notCancerIssues(position: ClinicalPosition): Issue[] {
  return CANCER_ONLY.filter((field) => position[field] !== undefined).map((field) => ({
    path: [field],
    message:
      field === 'icd10'
        ? "Leave icd10 out when the opinion finds no cancer; give the finding's code as notCancer.icd10"
        : `${field} applies only to a cancer`,
  }));
}

/** The stage group against the cancer type's AJCC 8th edition groups, and against an M1 category. */
function stageIssues({
  icd10: code,
  stage,
  staging: tnm,
}: Pick<ClinicalPosition, 'icd10' | 'stage' | 'staging'>): Issue[] {
  if (code === undefined || stage === undefined || stage === 'unknown') return [];
  const type = cancerTypeOf(code);
  const groups = validStageGroups(type);
  const edition = tnm?.edition ?? DEFAULT_AJCC_EDITION;
  if (groups && edition === DEFAULT_AJCC_EDITION && !groups.includes(stage)) {
    return [
      {
        path: ['stage'],
        message: `Must be an AJCC 8th edition stage group for ${type}: ${listed(groups)}, or unknown`,
      },
    ];
  }
  if (isDistantMetastasis(tnm?.m) && m1MeansStageIv(type) && !stage.startsWith('IV')) {
    return [{ path: ['stage'], message: `${tnm!.m} (distant metastasis) makes ${type} cancer stage IV` }];
  }
  return [];
}

/** A diagnosis's stage group checked against its code (the intake's `diagnosis`). */
export const diagnosisStageChecks = () =>
  issuesCheck<{ icd10: string; stage: string }>((diagnosis) => stageIssues(diagnosis));

/** The checks that need several fields: what a cancer needs, and the stage against the diagnosis. */
export function positionIssues(position: ClinicalPosition): Issue[] {
  if (position.notCancer) return notCancerIssues(position);
  const { icd10: code, stage, staging: tnm, histology: morphology } = position;
  const issues: Issue[] = [];
  if (code === undefined)
    issues.push({ path: ['icd10'], message: 'Required (or notCancer when the opinion finds no cancer)' });
  if (stage === undefined)
    issues.push({ path: ['stage'], message: 'Required (unknown when it cannot be staged)' });
  if (!position.treatmentPlan.length)
    issues.push({ path: ['treatmentPlan'], message: 'At least one step is required' });
  if (code === undefined) return issues;
  const type = cancerTypeOf(code);
  issues.push(...stageIssues({ icd10: code, stage, staging: tnm }));
  if (tnm?.s && type !== 'testicular') {
    issues.push({
      path: ['staging', 's'],
      message: 'The S category (serum tumor markers) is for testicular germ cell tumors',
    });
  }
  const [byCode, byMorphology] = [icd10Behaviour(code), morphology && icdO3Behaviour(morphology.behaviour)];
  if (byMorphology && byCode && byCode !== 'uncertain behaviour' && byCode !== byMorphology) {
    issues.push({
      path: ['histology', 'behaviour'],
      message: `Behaviour /${morphology!.behaviour} (${byMorphology}) does not match ${code} (${byCode})`,
    });
  }
  return issues;
}

export const clinicalPositionChecks = () => issuesCheck(positionIssues);
