/**
 * Grades how far two opinions differ, as second-opinion review grades it: major would change treatment
 * or prognosis, minor would not (see GRADING_RULES). Something one opinion states and the other leaves
 * out (a histology, a biomarker, an intent) is not a difference. Pure: no I/O, no clock.
 */
import type { Dimension, DiscordanceGrade, DiscordanceLevel } from '../opinion.js';
import { compareDiagnosis } from './compare-diagnosis.js';
import { compareStage } from './compare-stage.js';
import { compareTreatment } from './compare-treatment.js';
import type { ClinicalPosition } from './position.js';
import type { ClinicalReason } from './rules.js';

export interface ClinicalGrade extends DiscordanceGrade {
  reasons: ClinicalReason[];
}

const DIMENSIONS: readonly Dimension[] = ['diagnosis', 'stage', 'treatment'];

export function gradeOpinions(a: ClinicalPosition, b: ClinicalPosition): ClinicalGrade {
  const reasons = [...compareDiagnosis(a, b), ...compareStage(a, b), ...compareTreatment(a, b)];
  const majors = reasons.filter((reason) => reason.level === 'major');
  const level: DiscordanceLevel = majors.length ? 'major' : reasons.length ? 'minor' : 'none';
  return {
    level,
    reasons,
    disputed: DIMENSIONS.filter((dimension) => majors.some((reason) => reason.dimension === dimension)),
  };
}
