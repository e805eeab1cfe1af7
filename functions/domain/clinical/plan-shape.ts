/**
 * A treatment plan in the terms plans are compared on: palliative care set apart, repeated steps
 * merged, and each treatment placed before, with or after the local treatment that anchors the plan
 * (the last operation; the first radiation when there is no operation).
 */
import { MODALITIES, type Modality } from '../opinion-terms.js';
import type { ClinicalPosition, TreatmentEntry, TreatmentStep } from './position.js';
import { SUPPORTIVE_MODALITIES, modalityClass, normalRegimen, type TimingRole } from './treatment.js';

export type Phase = 'before' | 'with' | 'after';

export interface PlacedEntry {
  entry: TreatmentEntry;
  timing?: TimingRole;
}

interface NormalStep {
  /** In MODALITIES order. */
  entries: TreatmentEntry[];
  timing?: TimingRole;
}

export interface PlanShape {
  steps: NormalStep[];
  /** Every modality of the plan once, in MODALITIES order, palliative care aside. */
  kinds: Modality[];
  supportive: boolean;
  anchor?: 'surgery' | 'radiation';
  /** Where each modality stands against the anchor, other than the anchor step's own modality. */
  phases: Partial<Record<Modality, Phase[]>>;
  /** Modalities given in one step together, as "chemotherapy+radiation". */
  pairs: string[];
  /** The first step's classes (local, systemic, other) and modalities, joined with "+". */
  firstClass: string;
  firstKinds: string;
  /** Each modality's entries in plan order, with the step's timing. */
  entries: Partial<Record<Modality, PlacedEntry[]>>;
}

const byModality = (a: TreatmentEntry, b: TreatmentEntry) =>
  MODALITIES.indexOf(a.modality) - MODALITIES.indexOf(b.modality);

const entriesOf = (step: TreatmentStep): TreatmentEntry[] =>
  [step, ...(step.concurrent ?? [])].map(({ modality, surgery, regimen, radiation }) => ({
    modality,
    ...(surgery ? { surgery } : {}),
    ...(regimen ? { regimen } : {}),
    ...(radiation ? { radiation } : {}),
  }));

const same = <T>(a: T | undefined, b: T | undefined, key: (value: T) => string = String) =>
  a === undefined || b === undefined || key(a) === key(b);

const doseKey = (dose: { doseGy: number; fractions: number }) => `${dose.doseGy}/${dose.fractions}`;

/** Two entries of one modality that a repeated step may merge: no detail contradicts. */
const compatible = (a: TreatmentEntry, b: TreatmentEntry): boolean =>
  a.modality === b.modality &&
  same(a.surgery, b.surgery) &&
  same(a.regimen, b.regimen, normalRegimen) &&
  same(a.radiation, b.radiation, doseKey);

const mergeEntries = (a: TreatmentEntry, b: TreatmentEntry): TreatmentEntry => ({ ...b, ...a });

/** A step that repeats the one before it (same treatments, nothing contradicting) adds nothing. */
function mergeRepeats(steps: NormalStep[]): NormalStep[] {
  return steps.reduce<NormalStep[]>((merged, step) => {
    const previous = merged[merged.length - 1];
    const repeats =
      previous !== undefined &&
      same(previous.timing, step.timing) &&
      previous.entries.length === step.entries.length &&
      previous.entries.every((entry, i) => compatible(entry, step.entries[i]!));
    if (!repeats) return [...merged, step];
    const timing = previous.timing ?? step.timing;
    const entries = previous.entries.map((entry, i) => mergeEntries(entry, step.entries[i]!));
    return [...merged.slice(0, -1), { entries, ...(timing ? { timing } : {}) }];
  }, []);
}

const kindsOf = (step: NormalStep): Modality[] => step.entries.map((entry) => entry.modality);

function anchorOf(steps: readonly NormalStep[]): { anchor?: 'surgery' | 'radiation'; index: number } {
  const surgery = steps.findLastIndex((step) => kindsOf(step).includes('surgery'));
  if (surgery !== -1) return { anchor: 'surgery', index: surgery };
  const radiation = steps.findIndex((step) => kindsOf(step).includes('radiation'));
  return radiation === -1 ? { index: -1 } : { anchor: 'radiation', index: radiation };
}

const uniqueSorted = <T extends string>(values: T[], order: readonly T[]): T[] =>
  [...new Set(values)].sort((x, y) => order.indexOf(x) - order.indexOf(y));

const PHASES: readonly Phase[] = ['before', 'with', 'after'];

export function planShape(position: ClinicalPosition): PlanShape {
  const raw = position.treatmentPlan.map((step) => ({
    entries: entriesOf(step).sort(byModality),
    ...(step.timing ? { timing: step.timing } : {}),
  }));
  const supportive = raw.some((step) => step.entries.some((e) => SUPPORTIVE_MODALITIES.includes(e.modality)));
  const steps = mergeRepeats(
    raw
      .map((step) => ({
        ...step,
        entries: step.entries.filter((e) => !SUPPORTIVE_MODALITIES.includes(e.modality)),
      }))
      .filter((step) => step.entries.length > 0),
  );
  const { anchor, index } = anchorOf(steps);
  const phases: Partial<Record<Modality, Phase[]>> = {};
  const entries: Partial<Record<Modality, PlacedEntry[]>> = {};
  const pairs: string[] = [];
  steps.forEach((step, i) => {
    const kinds = kindsOf(step);
    kinds.forEach((kind, k) => kinds.slice(k + 1).forEach((other) => pairs.push(`${kind}+${other}`)));
    for (const entry of step.entries) {
      (entries[entry.modality] ??= []).push({ entry, ...(step.timing ? { timing: step.timing } : {}) });
      if (anchor === undefined || (i === index && entry.modality === anchor)) continue;
      const phase: Phase = i < index ? 'before' : i === index ? 'with' : 'after';
      phases[entry.modality] = uniqueSorted([...(phases[entry.modality] ?? []), phase], PHASES);
    }
  });
  const first = steps[0] ? kindsOf(steps[0]) : [];
  return {
    steps,
    kinds: uniqueSorted(steps.flatMap(kindsOf), MODALITIES),
    supportive,
    ...(anchor ? { anchor } : {}),
    phases,
    pairs: [...new Set(pairs)].sort(),
    firstClass: [...new Set(first.map(modalityClass))].sort().join('+'),
    firstKinds: first.join('+'),
    entries,
  };
}

/** "chemotherapy + radiation → surgery": the plan as given, concurrent treatments joined with "+". */
export function describePlan(plan: readonly TreatmentStep[]): string {
  if (!plan.length) return 'no treatment';
  return plan
    .map((step) => [step, ...(step.concurrent ?? [])].map((e) => e.modality).join(' + '))
    .join(' → ');
}
