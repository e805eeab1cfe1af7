/**
 * The valid stage groups per cancer type, and the treatment tier of each: a change of tier is major,
 * a change within a tier (IIA against IIB) minor. Tiers are the Roman group (0, I, II, III, IV) unless
 * a table splits one, where the split changes treatment. Cancer types without a table accept what the
 * opinion's stage pattern (`STAGE_GROUP`) accepts. All tables are AJCC 8th edition (stage-table.ts,
 * packed); each one's chapter is in citations.ts (STAGE_TABLE_SOURCES).
 */
import type { CancerType } from '../cancer-type.js';
import { once } from '../../shared/once.js';
import { unpackJson } from '../../shared/packed-json.js';
import { STAGE_GROUP } from '../opinion-terms.js';
import { PACKED_STAGE_TABLES } from './clinical-tables-packed.js';
import type { StageTable } from './stage-table.js';

const LYMPHOMA = /^(I|II|III|IV)(E)?(A|B)?( bulky)?$/;

const tables = /* @__PURE__ */ once(() =>
  unpackJson<Partial<Record<CancerType, StageTable>>>(PACKED_STAGE_TABLES),
);

/** Every stage group of every table: what a stage may be besides the `STAGE_GROUP` pattern. */
const tableStageGroups = /* @__PURE__ */ once(
  (): ReadonlySet<string> => new Set(Object.values(tables()).flatMap((table) => table.groups)),
);

export const isStageGroup = (stage: string): boolean =>
  STAGE_GROUP.test(stage) || tableStageGroups().has(stage);

/** The groups valid for a cancer type, or undefined when it has no table. */
export const validStageGroups = (type: CancerType): readonly string[] | undefined => tables()[type]?.groups;

export const m1MeansStageIv = (type: CancerType): boolean => tables()[type]?.m1MeansStageIv ?? false;

export interface StageTier {
  /** The group's treatment tier: 0, I, II, III, IV, or a split such as 0is or IS. */
  tier: string;
  /** Lymphoma: B symptoms stated (B) or stated absent (A). */
  symptoms?: 'A' | 'B';
  /** Lymphoma: bulky disease. */
  bulky?: boolean;
}

// IV is tried before I{1,3} so that IVB is group IV, not group I with a remainder.
const ROMAN_GROUP = /^(0|IV|I{1,3})/;

/** Undefined for `unknown` and for anything that is not a stage group. */
export function stageTier(type: CancerType, stage: string): StageTier | undefined {
  if (stage === 'unknown') return undefined;
  const split = tables()[type]?.tiers?.[stage];
  if (split) return { tier: split };
  const lymphoma = type === 'lymphoma' ? LYMPHOMA.exec(stage) : null;
  if (lymphoma) {
    return {
      tier: lymphoma[1]!,
      bulky: lymphoma[4] !== undefined,
      ...(lymphoma[3] ? { symptoms: lymphoma[3] as 'A' | 'B' } : {}),
    };
  }
  const group = isStageGroup(stage) ? ROMAN_GROUP.exec(stage)?.[1] : undefined;
  return group === undefined ? undefined : { tier: group };
}
