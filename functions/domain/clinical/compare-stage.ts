/** The stage dimension: stage groups by their treatment tier, TNM categories, and when staging was made. */
import { cancerTypeOf } from '../cancer-type.js';
import type { ClinicalPosition, Staging } from './position.js';
import { reasonFor, type ClinicalReason } from './rules.js';
import { stageTier } from './stage-groups.js';
import { DEFAULT_AJCC_EDITION, TNM_CATEGORIES, stagingTimepoint, tnmText } from './tnm.js';

const editionOf = (staging: Staging) => staging.edition ?? DEFAULT_AJCC_EDITION;

export function compareStage(a: ClinicalPosition, b: ClinicalPosition): ClinicalReason[] {
  // With no cancer on one side there is nothing to stage; the diagnosis carries the difference.
  if (a.notCancer || b.notCancer) return [];
  const [stagingA, stagingB] = [a.staging, b.staging];
  const reasons: ClinicalReason[] = [];
  if (stagingA && stagingB && editionOf(stagingA) !== editionOf(stagingB)) {
    const values = { a: `AJCC ${editionOf(stagingA)}`, b: `AJCC ${editionOf(stagingB)}` };
    reasons.push(reasonFor('staging-edition', values, `${values.a} against ${values.b}`));
  }
  if (stagingA && stagingB && stagingTimepoint(stagingA.prefix) !== stagingTimepoint(stagingB.prefix)) {
    const values = {
      a: `${tnmText(stagingA)} ${a.stage}`.trim(),
      b: `${tnmText(stagingB)} ${b.stage}`.trim(),
    };
    const detail = `${values.a} against ${values.b} (staged ${stagingTimepoint(stagingA.prefix)} against ${stagingTimepoint(stagingB.prefix)})`;
    return [...reasons, reasonFor('staging-timepoint', values, detail)];
  }
  const group = compareGroups(a, b);
  const tnm = group ? undefined : compareTnm(stagingA, stagingB);
  return [...reasons, ...(group ? [group] : []), ...(tnm ? [tnm] : [])];
}

function compareGroups(a: ClinicalPosition, b: ClinicalPosition): ClinicalReason | undefined {
  const [stageA, stageB] = [a.stage!, b.stage!];
  if (stageA === stageB) return undefined;
  const values = { a: stageA, b: stageB };
  const [tierA, tierB] = [
    stageTier(cancerTypeOf(a.icd10!), stageA),
    stageTier(cancerTypeOf(b.icd10!), stageB),
  ];
  // An opinion that could not stage leaves the plan to settle it; the treatment reason carries that.
  if (!tierA || !tierB) return reasonFor('stage-unknown', values, `${stageA} against ${stageB}`);
  const tnm = a.staging && b.staging ? `; ${tnmText(a.staging)} against ${tnmText(b.staging)}` : '';
  if (tierA.tier !== tierB.tier) {
    return reasonFor(
      'stage-group',
      values,
      `${stageA} against ${stageB} (groups ${tierA.tier} and ${tierB.tier}${tnm})`,
    );
  }
  if ((tierA.bulky ?? false) !== (tierB.bulky ?? false))
    return reasonFor('bulky-disease', values, `${stageA} against ${stageB}`);
  if (tierA.symptoms && tierB.symptoms && tierA.symptoms !== tierB.symptoms) {
    return reasonFor('b-symptoms', values, `${stageA} against ${stageB} (B symptoms in one)`);
  }
  // Minor even when the plans differ too: the treatment reason then carries the major.
  return reasonFor('sub-stage', values, `${stageA} against ${stageB} (same group ${tierA.tier}${tnm})`);
}

function compareTnm(a: Staging | undefined, b: Staging | undefined): ClinicalReason | undefined {
  if (!a || !b) return undefined;
  const changed = TNM_CATEGORIES.filter(
    (category) => a[category] && b[category] && a[category] !== b[category],
  );
  if (!changed.length) return undefined;
  const values = { a: tnmText(a), b: tnmText(b) };
  return reasonFor('tnm-changed', values, `${values.a} against ${values.b} (same stage group)`);
}
