/**
 * What an opinion says, in the richer terms opinions are compared on. A superset of the first
 * model (`{ icd10, stage, treatmentPlan: [{ modality }] }`), which stays a valid position: every new
 * field is optional. `icd10` and `stage` are absent only when the opinion finds no cancer.
 */
import type { Modality } from '../opinion-terms.js';
import type { IcdO3Behaviour } from './behaviour.js';
import type { BiomarkerName, BiomarkerResult, BiomarkerUnit } from './biomarkers.js';
import type { GradeSystemId } from './grade-systems.js';
import type { AjccEdition, StagingPrefix } from './tnm.js';
import type { SurgeryType, TimingRole, TreatmentIntent } from './treatment.js';

/** ICD-O-3 histology: morphology (four digits) and behaviour. */
export interface Histology {
  morphology: string;
  behaviour: IcdO3Behaviour;
}

/** The opinion finds no cancer: what it finds instead, in words, with its ICD-10-CM code if coded. */
export interface NotCancer {
  finding: string;
  icd10?: string;
}

/** A histologic grade on its system's scale; Gleason may also give its two patterns. */
export interface HistologicGrade {
  system: GradeSystemId;
  value: number;
  primary?: number;
  secondary?: number;
}

/** TNM categories, as strings such as T2, N1a, M0, S1 (testis), with the classification and edition. */
export interface Staging {
  prefix: StagingPrefix;
  t?: string;
  n?: string;
  m?: string;
  s?: string;
  /** 8 when absent. */
  edition?: AjccEdition;
}

export interface Biomarker {
  name: BiomarkerName;
  result: BiomarkerResult;
  value?: number;
  unit?: BiomarkerUnit;
}

export interface RadiationDose {
  /** Total dose in gray. */
  doseGy: number;
  fractions: number;
}

/** One treatment: the modality, with the operation, regimen or dose where they apply. */
export interface TreatmentEntry {
  modality: Modality;
  surgery?: SurgeryType;
  regimen?: string;
  radiation?: RadiationDose;
}

/** One step of the plan, in order; `concurrent` treatments are given at the same time. */
export interface TreatmentStep extends TreatmentEntry {
  timing?: TimingRole;
  concurrent?: readonly TreatmentEntry[];
}

export interface ClinicalPosition {
  /** An ICD-10-CM neoplasm code; absent only with `notCancer`. */
  icd10?: string;
  /** A stage group or `unknown`; absent only with `notCancer`. */
  stage?: string;
  /** Empty only with `notCancer`. */
  treatmentPlan: readonly TreatmentStep[];
  notCancer?: NotCancer;
  histology?: Histology;
  grade?: HistologicGrade;
  staging?: Staging;
  biomarkers?: readonly Biomarker[];
  treatmentIntent?: TreatmentIntent;
}

/** The clinical position a first opinion or a specialist's submission states, and nothing else. */
export const clinicalPositionOf = ({
  icd10,
  stage,
  treatmentPlan,
  notCancer,
  histology,
  grade,
  staging,
  biomarkers,
  treatmentIntent,
}: ClinicalPosition): ClinicalPosition => ({
  icd10,
  stage,
  treatmentPlan,
  notCancer,
  histology,
  grade,
  staging,
  biomarkers,
  treatmentIntent,
});
