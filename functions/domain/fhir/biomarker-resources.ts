/**
 * One opinion's biomarkers: gene variants as mCODE GenomicVariant (present or absent, with the gene
 * studied), every other marker as mCODE TumorMarkerTest (a value with its UCUM unit, else the result).
 * An opinion that finds no cancer has no cancer condition to focus on: its markers claim no profile.
 */
import type { Condition, Observation, Reference } from '@medplum/fhirtypes';
import { BIOMARKER_CODES } from '../clinical/biomarker-codes.js';
import { biomarkerLabel } from '../clinical/clinical-terms.js';
import { biomarkerSpec } from '../clinical/biomarkers.js';
import type { Biomarker } from '../clinical/position.js';
import type { OpinionContext } from './bundle-context.js';
import {
  AMINO_ACID_CHANGE,
  GENE_STUDIED,
  HGNC,
  LOINC,
  OBSERVATION_CATEGORY,
  UCUM,
  UCUM_UNITS,
  VARIANT_ABSENT,
  VARIANT_ASSESSMENT,
  VARIANT_PRESENT,
  coding,
} from './codes.js';
import { PROFILES } from './mcode-profiles.js';

const PRESENT: readonly string[] = ['mutated', 'fusion'];

type Gene = NonNullable<(typeof BIOMARKER_CODES)[keyof typeof BIOMARKER_CODES]['gene']>;

function variantParts(
  marker: Biomarker,
  gene: Gene,
): Pick<Observation, 'code' | 'valueCodeableConcept' | 'component'> {
  const change =
    'aminoAcidChange' in gene
      ? [{ code: { coding: [AMINO_ACID_CHANGE] }, valueCodeableConcept: { text: gene.aminoAcidChange } }]
      : [];
  return {
    code: { coding: [VARIANT_ASSESSMENT] },
    valueCodeableConcept: {
      coding: [PRESENT.includes(marker.result) ? VARIANT_PRESENT : VARIANT_ABSENT],
      text: marker.result,
    },
    component: [
      {
        code: { coding: [GENE_STUDIED] },
        valueCodeableConcept: {
          ...(gene.hgnc ? { coding: [coding(HGNC, gene.hgnc, gene.symbol)] } : {}),
          text: gene.symbol,
        },
      },
      ...change,
    ],
  };
}

function markerParts(
  marker: Biomarker,
): Pick<Observation, 'code' | 'valueQuantity' | 'valueCodeableConcept' | 'interpretation'> {
  const spec = biomarkerSpec(marker.name);
  const { loinc } = BIOMARKER_CODES[marker.name];
  const label = biomarkerLabel(marker.name) ?? marker.name;
  const code = loinc ? { coding: [coding(LOINC, loinc.code, loinc.display)], text: label } : { text: label };
  if (marker.value === undefined) return { code, valueCodeableConcept: { text: marker.result } };
  const unit: string = marker.unit ?? spec.units[0] ?? '';
  const ucum = UCUM_UNITS[unit];
  return {
    code,
    valueQuantity: { value: marker.value, unit, ...(ucum ? { system: UCUM, code: ucum } : {}) },
    interpretation: [{ text: marker.result }],
  };
}

export function biomarkerResources(context: OpinionContext, condition: Reference<Condition>): Observation[] {
  const { opinion, patient, prefix, at } = context;
  return (opinion.biomarkers ?? []).map((marker) => {
    const { gene } = BIOMARKER_CODES[marker.name];
    const profile = gene ? PROFILES.genomicVariant : PROFILES.tumorMarkerTest;
    return {
      resourceType: 'Observation',
      id: `${prefix}-marker-${marker.name}`,
      ...(opinion.notCancer ? {} : { meta: { profile: [profile] } }),
      status: 'final',
      category: [{ coding: [coding(OBSERVATION_CATEGORY, 'laboratory')] }],
      subject: patient,
      ...(opinion.notCancer ? {} : { focus: [condition] }),
      effectiveDateTime: at,
      ...(gene ? variantParts(marker, gene) : markerParts(marker)),
    } satisfies Observation;
  });
}
