/**
 * The keys opinions agree on, one per dimension, for a majority among three or more opinions: two
 * positions with equal keys never differ majorly on that dimension (a test checks it). A position
 * that leaves something out (a histology, a biomarker) keys differently from one that states it.
 */
import { cancerTypeOf } from '../cancer-type.js';
import { behaviourOf } from './compare-diagnosis.js';
import { icd10Category } from './behaviour.js';
import { BIOMARKER_NAMES, decidesTherapy } from './biomarkers.js';
import { distinctDiseaseOf } from './distinct-diseases.js';
import { gradeTier } from './grade-systems.js';
import { histologyFamilyOf } from './histology.js';
import { planShape } from './plan-shape.js';
import type { ClinicalPosition } from './position.js';
import { stageTier } from './stage-groups.js';

const NOT_CANCER = 'not-cancer';

/** Behaviour, category, distinct disease, histology family, grade tier and deciding biomarkers. */
export function diagnosisKey(position: ClinicalPosition): string {
  if (position.notCancer || position.icd10 === undefined) return NOT_CANCER;
  const icd10 = position.icd10;
  const type = cancerTypeOf(icd10);
  const { histology, grade } = position;
  const markers = BIOMARKER_NAMES.filter((name) => decidesTherapy(name, type)).flatMap((name) => {
    const marker = position.biomarkers?.find((m) => m.name === name);
    return marker ? [`${name}=${marker.result}`] : [];
  });
  return [
    behaviourOf({ ...position, icd10 }) ?? '',
    icd10Category(icd10),
    distinctDiseaseOf(icd10)?.disease ?? '',
    histology ? (histologyFamilyOf(histology.morphology) ?? histology.morphology) : '',
    grade ? `${grade.system}:${gradeTier(grade.system, grade.value)}` : '',
    markers.join(','),
  ].join('|');
}

/** The stage group's treatment tier (with lymphoma symptoms and bulk); undefined when not staged. */
export function stageKey(position: ClinicalPosition): string | undefined {
  if (position.notCancer || position.icd10 === undefined || position.stage === undefined) return undefined;
  const tier = stageTier(cancerTypeOf(position.icd10), position.stage);
  if (!tier) return undefined;
  return `${tier.tier}${tier.symptoms ?? ''}${tier.bulky ? ' bulky' : ''}`;
}

/** Intent, treatments, where each stands against the local treatment, concurrency, operations, roles. */
export function planKey(position: ClinicalPosition): string {
  const shape = planShape(position);
  const intent = position.treatmentIntent === 'unknown' ? undefined : position.treatmentIntent;
  return JSON.stringify({
    intent,
    kinds: shape.kinds,
    anchor: shape.anchor,
    phases: shape.kinds.map((kind) => shape.phases[kind] ?? []),
    pairs: shape.pairs,
    first: shape.firstClass,
    line: shape.anchor ? undefined : shape.firstKinds,
    surgery: shape.entries.surgery?.map((placed) => placed.entry.surgery ?? ''),
    roles: shape.kinds.map((kind) => (shape.entries[kind] ?? []).map((placed) => placed.timing ?? '')),
  });
}
