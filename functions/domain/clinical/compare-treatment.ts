/**
 * The treatment dimension: intent, which treatments, where they stand against the local treatment,
 * what is given together, which comes first; then each matched treatment's operation, regimen, dose
 * and role; then palliative care.
 */
import { MODALITIES, type Modality } from '../opinion-terms.js';
import { describePlan, planShape, type Phase, type PlacedEntry, type PlanShape } from './plan-shape.js';
import type { ClinicalPosition, RadiationDose } from './position.js';
import { reasonFor, type ClinicalReason, type RuleId } from './rules.js';
import { normalRegimen, rolesConflict } from './treatment.js';

export function compareTreatment(a: ClinicalPosition, b: ClinicalPosition): ClinicalReason[] {
  const [shapeA, shapeB] = [planShape(a), planShape(b)];
  const plans = { a: describePlan(a.treatmentPlan), b: describePlan(b.treatmentPlan) };
  const reasons = [compareStructure(shapeA, shapeB, plans), compareIntent(a, b)];
  for (const modality of MODALITIES) reasons.push(...compareEntries(modality, shapeA, shapeB));
  if (shapeA.supportive !== shapeB.supportive) {
    const values = { a: String(shapeA.supportive), b: String(shapeB.supportive) };
    const change = shapeB.supportive ? 'added' : 'removed';
    reasons.push(
      reasonFor('supportive-care', values, `${plans.a} against ${plans.b} (palliative care ${change})`),
    );
  }
  return reasons.filter((reason) => reason !== undefined);
}

function compareIntent(a: ClinicalPosition, b: ClinicalPosition): ClinicalReason | undefined {
  const [intentA, intentB] = [a.treatmentIntent, b.treatmentIntent];
  if (!intentA || !intentB || intentA === 'unknown' || intentB === 'unknown' || intentA === intentB)
    return undefined;
  return reasonFor('intent-changed', { a: intentA, b: intentB }, `${intentA} against ${intentB} intent`);
}

// --- Structure ---------------------------------------------------------------------------------

type Plans = { a: string; b: string };

const phaseText = (phases: readonly Phase[] | undefined, anchor: string) =>
  phases?.length ? `${phases.join(' and ')} ${anchor}` : `not around ${anchor}`;

/** The first structural difference, from the widest (another treatment) to the narrowest (order). */
function compareStructure(a: PlanShape, b: PlanShape, plans: Plans): ClinicalReason | undefined {
  const structural = (code: RuleId, why: string, subject?: string) =>
    reasonFor(code, plans, `${plans.a} against ${plans.b} (${why})`, subject);
  const added = b.kinds.filter((kind) => !a.kinds.includes(kind));
  const removed = a.kinds.filter((kind) => !b.kinds.includes(kind));
  if (added.length || removed.length) {
    const changes = [
      added.length ? `added ${added.join(', ')}` : '',
      removed.length ? `removed ${removed.join(', ')}` : '',
    ];
    return structural('modality-set', changes.filter(Boolean).join('; '));
  }
  const anchor = a.anchor ?? b.anchor;
  const moved = a.kinds.filter((kind) => String(a.phases[kind]) !== String(b.phases[kind]));
  if (anchor && moved.length) {
    const concurrency = moved.filter(
      (kind) => a.phases[kind]?.includes('with') !== b.phases[kind]?.includes('with'),
    );
    const why = moved.map(
      (kind) => `${kind} ${phaseText(a.phases[kind], anchor)} against ${phaseText(b.phases[kind], anchor)}`,
    );
    return structural(
      concurrency.length === moved.length ? 'concurrency-changed' : 'neoadjuvant-adjuvant',
      why.join('; '),
      moved[0],
    );
  }
  if (a.firstClass !== b.firstClass) {
    return structural(
      'local-systemic-first',
      `starts with ${a.firstClass} against ${b.firstClass} treatment`,
    );
  }
  if (String(a.pairs) !== String(b.pairs)) {
    const only = (x: PlanShape, y: PlanShape) => x.pairs.filter((pair) => !y.pairs.includes(pair));
    const pairs = [...only(a, b), ...only(b, a)];
    return structural('concurrency-changed', `${pairs.join(', ')} together in one plan only`);
  }
  if (!anchor && a.firstKinds !== b.firstKinds) {
    return structural('first-line-changed', `first ${a.firstKinds} against ${b.firstKinds}`);
  }
  const sequence = (shape: PlanShape) =>
    shape.steps.map((step) => step.entries.map((e) => e.modality).join('+')).join(',');
  if (sequence(a) !== sequence(b))
    return structural('order-within-phase', 'the same treatments in another order');
  return undefined;
}

// --- Each treatment ----------------------------------------------------------------------------

const doseText = (dose: RadiationDose) => `${dose.doseGy} Gy in ${dose.fractions} fractions`;

/** The n-th treatment of a modality in one plan against the n-th in the other. */
function compareEntries(modality: Modality, a: PlanShape, b: PlanShape): ClinicalReason[] {
  const [listA, listB] = [a.entries[modality] ?? [], b.entries[modality] ?? []];
  return listA.slice(0, listB.length).flatMap((placed, i) => comparePair(modality, placed, listB[i]!));
}

function comparePair(modality: Modality, a: PlacedEntry, b: PlacedEntry): ClinicalReason[] {
  const reasons: ClinicalReason[] = [];
  const differ = (code: RuleId, x: string, y: string, what: string) =>
    reasons.push(reasonFor(code, { a: x, b: y }, `${modality} ${what} ${x} against ${y}`, modality));
  const { surgery: surgeryA, regimen: regimenA, radiation: radiationA } = a.entry;
  const { surgery: surgeryB, regimen: regimenB, radiation: radiationB } = b.entry;
  if (surgeryA && surgeryB && surgeryA !== surgeryB)
    differ('operation-changed', surgeryA, surgeryB, 'operation');
  if (regimenA && regimenB && normalRegimen(regimenA) !== normalRegimen(regimenB)) {
    differ('regimen-changed', regimenA, regimenB, 'regimen');
  }
  if (radiationA && radiationB && doseText(radiationA) !== doseText(radiationB)) {
    differ('radiation-dose', doseText(radiationA), doseText(radiationB), 'dose');
  }
  if (a.timing && b.timing && a.timing !== b.timing) {
    differ(
      rolesConflict(a.timing, b.timing) ? 'timing-role-conflict' : 'timing-role',
      a.timing,
      b.timing,
      'role',
    );
  }
  return reasons;
}
