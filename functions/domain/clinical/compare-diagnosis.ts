/** The diagnosis dimension: cancer or not, behaviour, site, disease, histology, grade, biomarkers. */
import { cancerTypeOf } from '../cancer-type.js';
import {
  icd10Behaviour,
  icd10Category,
  icdO3Behaviour,
  isCancerBehaviour,
  type Behaviour,
} from './behaviour.js';
import { BIOMARKER_NAMES, biomarkerValueText, decidesTherapy } from './biomarkers.js';
import { distinctDiseaseOf } from './distinct-diseases.js';
import { gradeText, gradeTier } from './grade-systems.js';
import { familiesCompatible, histologyFamilyOf } from './histology.js';
import type { ClinicalPosition, HistologicGrade, Histology } from './position.js';
import { reasonFor, type ClinicalReason } from './rules.js';

/** A cancer position: `icd10` is present whenever `notCancer` is not. */
type CancerPosition = ClinicalPosition & { icd10: string };

export function behaviourOf(position: CancerPosition): Behaviour | undefined {
  return position.histology ? icdO3Behaviour(position.histology.behaviour) : icd10Behaviour(position.icd10);
}

export function compareDiagnosis(a: ClinicalPosition, b: ClinicalPosition): ClinicalReason[] {
  if (a.notCancer || b.notCancer) return present([compareFindings(a, b)]);
  const [x, y] = [a as CancerPosition, b as CancerPosition];
  return present([
    compareCodes(x, y),
    compareHistology(x.histology, y.histology),
    compareGrades(x.grade, y.grade),
  ]).concat(compareBiomarkers(x, y));
}

const present = (reasons: ReadonlyArray<ClinicalReason | undefined>): ClinicalReason[] =>
  reasons.filter((reason) => reason !== undefined);

// --- Not cancer --------------------------------------------------------------------------------

const findingCode = (position: ClinicalPosition): string | undefined =>
  position.notCancer ? position.notCancer.icd10 : position.icd10;

const findingText = (position: ClinicalPosition): string =>
  position.notCancer
    ? `not cancer${position.notCancer.icd10 ? ` (${position.notCancer.icd10})` : ''}`
    : position.icd10!;

function compareFindings(a: ClinicalPosition, b: ClinicalPosition): ClinicalReason | undefined {
  const values = { a: a.notCancer ? 'not-cancer' : a.icd10!, b: b.notCancer ? 'not-cancer' : b.icd10! };
  const other = a.notCancer ? b : a;
  const behaviour = other.notCancer ? 'benign' : behaviourOf(other as CancerPosition);
  const detail = `${findingText(a)} against ${findingText(b)}`;
  if (isCancerBehaviour(behaviour)) return reasonFor('not-cancer', values, `${detail} (${behaviour})`);
  if (behaviour === 'uncertain behaviour')
    return reasonFor('behaviour-changed', values, `${detail} (${behaviour})`);
  const [codeA, codeB] = [findingCode(a), findingCode(b)];
  if (codeA === undefined || codeB === undefined || codeA === codeB) return undefined;
  return reasonFor('alternative-finding', { a: codeA, b: codeB }, detail);
}

// --- Codes -------------------------------------------------------------------------------------

const codeText = (position: CancerPosition): string =>
  position.histology
    ? `${position.icd10} ${position.histology.morphology}/${position.histology.behaviour}`
    : position.icd10;

function compareCodes(a: CancerPosition, b: CancerPosition): ClinicalReason | undefined {
  const [behaviourA, behaviourB] = [behaviourOf(a), behaviourOf(b)];
  // A different kind of neoplasm changes treatment even when the categories sit side by side.
  if (behaviourA && behaviourB && behaviourA !== behaviourB) {
    return reasonFor(
      'behaviour-changed',
      { a: behaviourA, b: behaviourB },
      `${codeText(a)} (${behaviourA}) against ${codeText(b)} (${behaviourB})`,
    );
  }
  if (a.icd10 === b.icd10) return undefined;
  const codes = { a: a.icd10, b: b.icd10 };
  const [categoryA, categoryB] = [icd10Category(a.icd10), icd10Category(b.icd10)];
  if (categoryA !== categoryB) {
    return reasonFor(
      'different-category',
      codes,
      `${a.icd10} against ${b.icd10} (categories ${categoryA} and ${categoryB})`,
    );
  }
  const [diseaseA, diseaseB] = [distinctDiseaseOf(a.icd10), distinctDiseaseOf(b.icd10)];
  if (diseaseA && diseaseB && diseaseA.disease !== diseaseB.disease) {
    return reasonFor(
      'distinct-disease',
      { a: diseaseA.disease, b: diseaseB.disease },
      `${a.icd10} (${diseaseA.disease}) against ${b.icd10} (${diseaseB.disease})`,
    );
  }
  return reasonFor('refined-code', codes, `${a.icd10} against ${b.icd10} (same category ${categoryA})`);
}

// --- Histology ---------------------------------------------------------------------------------

function compareHistology(a: Histology | undefined, b: Histology | undefined): ClinicalReason | undefined {
  if (!a || !b || a.morphology === b.morphology) return undefined;
  const [familyA, familyB] = [histologyFamilyOf(a.morphology), histologyFamilyOf(b.morphology)];
  const codes = `${a.morphology}/${a.behaviour} against ${b.morphology}/${b.behaviour}`;
  if (familyA && familyB && !familiesCompatible(familyA, familyB)) {
    return reasonFor(
      'histology-family',
      { a: familyA, b: familyB },
      `${codes} (${familyA} against ${familyB})`,
    );
  }
  const why =
    familyA && familyB
      ? familyA === familyB
        ? `both ${familyA}`
        : `${familyA} and ${familyB}, one within the other`
      : 'a morphology outside the family table';
  return reasonFor('histology-refined', { a: a.morphology, b: b.morphology }, `${codes} (${why})`);
}

// --- Grade -------------------------------------------------------------------------------------

function compareGrades(
  a: HistologicGrade | undefined,
  b: HistologicGrade | undefined,
): ClinicalReason | undefined {
  if (!a || !b) return undefined;
  const [textA, textB] = [gradeText(a), gradeText(b)];
  if (textA === textB) return undefined;
  const values = { a: textA, b: textB };
  if (a.system !== b.system)
    return reasonFor('grade-changed', values, `${textA} against ${textB} (different systems)`);
  if (gradeTier(a.system, a.value) !== gradeTier(b.system, b.value)) {
    return reasonFor('grade-tier', values, `${textA} against ${textB}`);
  }
  return reasonFor('grade-changed', values, `${textA} against ${textB} (same treatment tier)`);
}

// --- Biomarkers --------------------------------------------------------------------------------

function compareBiomarkers(a: CancerPosition, b: CancerPosition): ClinicalReason[] {
  const types = [cancerTypeOf(a.icd10), cancerTypeOf(b.icd10)];
  return BIOMARKER_NAMES.flatMap((name): ClinicalReason[] => {
    const [markerA, markerB] = [
      a.biomarkers?.find((m) => m.name === name),
      b.biomarkers?.find((m) => m.name === name),
    ];
    if (!markerA || !markerB) return [];
    if (markerA.result !== markerB.result) {
      const deciding = types.some((type) => decidesTherapy(name, type));
      const detail = `${name} ${markerA.result} against ${markerB.result}`;
      const values = { a: markerA.result, b: markerB.result };
      return [reasonFor(deciding ? 'biomarker-therapy' : 'biomarker-changed', values, detail, name)];
    }
    const [valueA, valueB] = [biomarkerValueText(markerA), biomarkerValueText(markerB)];
    if (valueA === undefined || valueB === undefined || valueA === valueB) return [];
    const detail = `${name} ${valueA} against ${valueB} (both ${markerA.result})`;
    return [reasonFor('biomarker-changed', { a: valueA, b: valueB }, detail, name)];
  });
}
