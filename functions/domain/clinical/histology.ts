/**
 * ICD-O-3 histology families (histology-table.ts, packed): a code belongs to the family with the narrowest
 * range holding it; a family refines the broader ones it is `within`.
 */
import { once } from '../../shared/once.js';
import { unpackJson } from '../../shared/packed-json.js';
import { PACKED_HISTOLOGY_FAMILIES } from './clinical-tables-packed.js';
import type { FamilyId, HistologyFamily, Range } from './histology-table.js';

export type { FamilyId } from './histology-table.js';

const families = /* @__PURE__ */ once(() =>
  unpackJson<Readonly<Record<FamilyId, HistologyFamily>>>(PACKED_HISTOLOGY_FAMILIES),
);

const width = ([from, to]: Range) => to - from;

/** The family of an ICD-O-3 morphology code (four digits, behaviour apart), if the table covers it. */
export function histologyFamilyOf(morphology: string): FamilyId | undefined {
  const code = Number(morphology);
  let best: { id: FamilyId; width: number } | undefined;
  for (const [id, { ranges }] of Object.entries(families()) as Array<[FamilyId, HistologyFamily]>) {
    for (const range of ranges) {
      const inside = code >= range[0] && code <= range[1];
      if (inside && (!best || width(range) < best.width)) best = { id, width: width(range) };
    }
  }
  return best?.id;
}

/** True when `broader` is `narrower` or one of the families it refines. */
export function isWithinFamily(narrower: FamilyId, broader: FamilyId): boolean {
  if (narrower === broader) return true;
  const within: readonly string[] = families()[narrower].within;
  return within.some((parent) => isWithinFamily(parent as FamilyId, broader));
}

/** Two families are the same treatment group, or one refines the other. */
export const familiesCompatible = (a: FamilyId, b: FamilyId): boolean =>
  isWithinFamily(a, b) || isWithinFamily(b, a);
