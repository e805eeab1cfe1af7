import fc from 'fast-check';
import { consensus, gradeDiscordance, worstLevel } from '../../../functions/domain/discordance.js';
import type { Dimension, DiscordanceLevel, Opinion } from '../../../functions/domain/opinion.js';
import type { ClinicalPosition } from '../../../functions/domain/clinical/position.js';
import type { Modality } from '../../../functions/domain/opinion-terms.js';
import { legacyPosition, notCancer, plan, position } from '../../support/positions.js';

function opinion(number: number, icd10: string, stage: string, plan: Modality[]): Opinion {
  return { ...position(icd10, stage, plan), number, author: `Dr ${number}`, organization: 'Concord' };
}

const ADJUVANT: Modality[] = ['surgery', 'chemotherapy'];
const NEOADJUVANT: Modality[] = ['chemotherapy', 'surgery'];
const PROSTATE_RT: Modality[] = ['radiation', 'hormone-therapy'];

type ExpectedReason = [Dimension, Exclude<DiscordanceLevel, 'none'>, string];

describe('gradeDiscordance', () => {
  it.each<{ name: string; a: ClinicalPosition; b: ClinicalPosition; reasons: ExpectedReason[] }>([
    {
      name: 'identical positions',
      a: position('C50.911', 'IIA', ADJUVANT),
      b: position('C50.911', 'IIA', ADJUVANT),
      reasons: [],
    },
    // Diagnosis
    {
      name: 'right against left breast (C50.911 vs C50.912)',
      a: position('C50.911', 'IIA', ADJUVANT),
      b: position('C50.912', 'IIA', ADJUVANT),
      reasons: [['diagnosis', 'minor', 'refined-code']],
    },
    {
      name: 'unspecified breast site refined to a subcode (C50.9 vs C50.911)',
      a: position('C50.9', 'IIA', ADJUVANT),
      b: position('C50.911', 'IIA', ADJUVANT),
      reasons: [['diagnosis', 'minor', 'refined-code']],
    },
    {
      name: 'breast against lung primary (C50.911 vs C34.90)',
      a: position('C50.911', 'IIA', ADJUVANT),
      b: position('C34.90', 'IIA', ADJUVANT),
      reasons: [['diagnosis', 'major', 'different-category']],
    },
    {
      name: 'invasive breast cancer against DCIS (C50.911 vs D05.10)',
      a: position('C50.911', 'IIA', ADJUVANT),
      b: position('D05.10', 'IIA', ADJUVANT),
      reasons: [['diagnosis', 'major', 'behaviour-changed']],
    },
    {
      name: 'benign breast neoplasm against breast cancer (D24 vs C50.911)',
      a: position('D24', 'IIA', ADJUVANT),
      b: position('C50.911', 'IIA', ADJUVANT),
      reasons: [['diagnosis', 'major', 'behaviour-changed']],
    },
    {
      name: 'uncertain behaviour against malignant soft tissue (D48.1 vs C49.9)',
      a: position('D48.1', 'unknown', ['surgery']),
      b: position('C49.9', 'unknown', ['surgery']),
      reasons: [['diagnosis', 'major', 'behaviour-changed']],
    },
    {
      name: 'benign carcinoid against uncertain behaviour (D3A.00 vs D37.1)',
      a: position('D3A.00', 'unknown', ['surgery']),
      b: position('D37.1', 'unknown', ['surgery']),
      reasons: [['diagnosis', 'major', 'behaviour-changed']],
    },
    // Stage
    {
      name: 'prostate IIA against IIB on the same plan',
      a: position('C61', 'IIA', PROSTATE_RT),
      b: position('C61', 'IIB', PROSTATE_RT),
      reasons: [['stage', 'minor', 'sub-stage']],
    },
    {
      name: 'cervix IA1 against IA2 on the same plan',
      a: position('C53.9', 'IA1', ['surgery']),
      b: position('C53.9', 'IA2', ['surgery']),
      reasons: [['stage', 'minor', 'sub-stage']],
    },
    {
      name: 'IIA against IIIA',
      a: position('C50.911', 'IIA', ADJUVANT),
      b: position('C50.911', 'IIIA', ADJUVANT),
      reasons: [['stage', 'major', 'stage-group']],
    },
    {
      name: 'IVB against IB (IV is not read as I)',
      a: position('C34.90', 'IVB', ['chemotherapy']),
      b: position('C34.90', 'IB', ['chemotherapy']),
      reasons: [['stage', 'major', 'stage-group']],
    },
    {
      // Issue 24: an opinion that could not stage changes no treatment by itself; the plans are graded apart.
      name: 'unknown against IIA on the same plan',
      a: position('C50.911', 'unknown', ADJUVANT),
      b: position('C50.911', 'IIA', ADJUVANT),
      reasons: [['stage', 'minor', 'stage-unknown']],
    },
    // Treatment
    {
      name: 'adjuvant against neoadjuvant chemotherapy (surgery → chemotherapy vs chemotherapy → surgery)',
      a: position('C50.911', 'IIA', ADJUVANT),
      b: position('C50.911', 'IIA', NEOADJUVANT),
      reasons: [['treatment', 'major', 'neoadjuvant-adjuvant']],
    },
    {
      name: 'radiation added after surgery and chemotherapy',
      a: position('C50.911', 'IIA', ADJUVANT),
      b: position('C50.911', 'IIA', [...ADJUVANT, 'radiation']),
      reasons: [['treatment', 'major', 'modality-set']],
    },
    {
      name: 'perioperative chemotherapy against neoadjuvant only (a chemotherapy step removed)',
      a: position('C16.9', 'IIB', ['chemotherapy', 'surgery', 'chemotherapy']),
      b: position('C16.9', 'IIB', ['chemotherapy', 'surgery']),
      // Still major: chemotherapy after surgery in one plan only. A repeated step is no new treatment.
      reasons: [['treatment', 'major', 'neoadjuvant-adjuvant']],
    },
    {
      name: 'perioperative against neoadjuvant-only chemotherapy with the same steps',
      a: position('C16.9', 'IIB', ['chemotherapy', 'surgery', 'chemotherapy']),
      b: position('C16.9', 'IIB', ['chemotherapy', 'chemotherapy', 'surgery']),
      reasons: [['treatment', 'major', 'neoadjuvant-adjuvant']],
    },
    // Several dimensions at once
    {
      name: 'sub-stage changes along with the plan: the stage stays minor, the plan is major',
      a: position('C50.911', 'IIA', ['surgery', 'radiation']),
      b: position('C50.911', 'IIB', ['chemotherapy', 'surgery', 'radiation']),
      reasons: [
        ['stage', 'minor', 'sub-stage'],
        ['treatment', 'major', 'modality-set'],
      ],
    },
    {
      name: 'different cancer, stage group and plan',
      a: position('C50.911', 'IIA', ADJUVANT),
      b: position('C34.90', 'IIIA', ['chemotherapy', 'radiation']),
      reasons: [
        ['diagnosis', 'major', 'different-category'],
        ['stage', 'major', 'stage-group'],
        ['treatment', 'major', 'modality-set'],
      ],
    },
  ])('$name', ({ a, b, reasons }) => {
    const grade = gradeDiscordance(a, b);

    expect(grade.reasons.map((r) => [r.dimension, r.level, r.code])).toEqual(reasons);
    expect(grade.level).toBe(worstLevel(reasons.map(([, level]) => level)));
    expect(grade.disputed).toEqual(reasons.filter(([, level]) => level === 'major').map(([d]) => d));
  });

  it.each<[string, ClinicalPosition, ClinicalPosition, string]>([
    [
      'names both codes and the shared category',
      position('C50.911', 'IIA', ADJUVANT),
      position('C50.912', 'IIA', ADJUVANT),
      'C50.911 against C50.912 (same category C50)',
    ],
    [
      'names the behaviour of each code',
      position('D24', 'IIA', ADJUVANT),
      position('C50.911', 'IIA', ADJUVANT),
      'D24 (benign) against C50.911 (malignant)',
    ],
    [
      'names both stages and their groups',
      position('C50.911', 'IIA', ADJUVANT),
      position('C50.911', 'IIIA', ADJUVANT),
      'IIA against IIIA (groups II and III)',
    ],
    [
      'names both plans in order',
      position('C50.911', 'IIA', ADJUVANT),
      position('C50.911', 'IIA', NEOADJUVANT),
      'surgery → chemotherapy against chemotherapy → surgery (chemotherapy after surgery against before surgery)',
    ],
    [
      'names the modalities added and removed',
      position('C50.911', 'IIA', ADJUVANT),
      position('C50.911', 'IIA', ['surgery', 'radiation']),
      'surgery → chemotherapy against surgery → radiation (added radiation; removed chemotherapy)',
    ],
  ])('detail %s', (_name, a, b, detail) => {
    const [reason] = gradeDiscordance(a, b).reasons;

    expect(reason.detail).toBe(detail);
  });

  describe('properties', () => {
    const clinicalPosition = legacyPosition({ unknown: true, palliativeCare: true });

    it('grades a against b as b against a', () => {
      fc.assert(
        fc.property(clinicalPosition, clinicalPosition, (a, b) => {
          const [ab, ba] = [gradeDiscordance(a, b), gradeDiscordance(b, a)];

          expect(ab.level).toBe(ba.level);
          expect(ab.disputed).toEqual(ba.disputed);
          expect(ab.reasons.map((r) => r.code)).toEqual(ba.reasons.map((r) => r.code));
        }),
      );
    });

    it('finds nothing between a position and a copy of itself', () => {
      fc.assert(
        fc.property(clinicalPosition, (a) => {
          expect(gradeDiscordance(a, a)).toEqual({ level: 'none', reasons: [], disputed: [] });
          expect(gradeDiscordance(a, structuredClone(a)).level).toBe('none');
        }),
      );
    });
  });
});

describe('worstLevel', () => {
  it.each<[DiscordanceLevel[], DiscordanceLevel]>([
    [[], 'none'],
    [['none', 'none'], 'none'],
    [['none', 'minor'], 'minor'],
    [['minor', 'major', 'none'], 'major'],
    [['major', 'minor'], 'major'],
  ])('%j → %s', (levels, worst) => {
    expect(worstLevel(levels)).toBe(worst);
  });
});

describe('consensus', () => {
  it('takes the position two of three opinions hold on each dimension', () => {
    const opinions = [
      opinion(1, 'C50.911', 'IIA', ADJUVANT),
      opinion(2, 'C50.911', 'IIIA', NEOADJUVANT),
      opinion(3, 'C34.90', 'IIA', NEOADJUVANT),
    ];

    const result = consensus(opinions);

    expect(result).toEqual({
      diagnosis: { value: 'C50.911', agreeing: [1, 2], split: false },
      stage: { value: 'IIA', agreeing: [1, 3], split: false },
      treatment: { value: plan(...NEOADJUVANT), agreeing: [2, 3], split: false },
    });
  });

  it('is split on every dimension when all three opinions differ', () => {
    const opinions = [
      opinion(1, 'C50.911', 'IIA', ADJUVANT),
      opinion(2, 'C34.90', 'IIIB', NEOADJUVANT),
      opinion(3, 'C61', 'IVA', PROSTATE_RT),
    ];

    const result = consensus(opinions);

    const split = { value: undefined, agreeing: [], split: true };
    expect(result).toEqual({ diagnosis: split, stage: split, treatment: split });
  });

  // Before issue 24 these fell back to the ICD-10 category (C50) and the stage group (II); the keys
  // already hold a refined code and a sub-stage as the same position, and the value is what the first
  // opinion holding it says.
  it("holds a refined code and a sub-stage as the same position, with the first holder's value", () => {
    const opinions = [
      opinion(1, 'C50.911', 'IIA', ADJUVANT),
      opinion(2, 'C50.912', 'IIB', ADJUVANT),
      opinion(3, 'C34.90', 'unknown', ADJUVANT),
    ];

    const result = consensus(opinions);

    expect(result.diagnosis).toEqual({ value: 'C50.911', agreeing: [1, 2], split: false });
    expect(result.stage).toEqual({ value: 'IIA', agreeing: [1, 2], split: false });
  });

  it('counts an opinion that differs only in minor ways among those agreeing', () => {
    const opinions = [
      opinion(1, 'C50.911', 'IIA', ['surgery', 'chemotherapy', 'radiation']),
      opinion(2, 'C50.911', 'IIA', ['surgery', 'chemotherapy', 'radiation']),
      opinion(3, 'C50.912', 'IIB', ['surgery', 'radiation', 'chemotherapy']),
    ];

    const result = consensus(opinions);

    expect(result.diagnosis).toEqual({ value: 'C50.911', agreeing: [1, 2, 3], split: false });
    expect(result.stage).toEqual({ value: 'IIA', agreeing: [1, 2, 3], split: false });
    expect(result.treatment.agreeing).toEqual([1, 2, 3]);
  });

  it('keeps distinct diseases of one category apart (acute against chronic lymphocytic leukemia)', () => {
    const opinions = [
      opinion(1, 'C91.00', 'unknown', ['chemotherapy']),
      opinion(2, 'C91.10', 'unknown', ['chemotherapy']),
      opinion(3, 'C91.02', 'unknown', ['chemotherapy']),
    ];

    const result = consensus(opinions);

    expect(result.diagnosis).toEqual({ value: 'C91.00', agreeing: [1, 3], split: false });
    expect(result.stage.split).toBe(true);
  });

  it('holds a not-cancer finding as one diagnosis', () => {
    const opinions: Opinion[] = [
      opinion(1, 'C50.911', 'IIA', ADJUVANT),
      { ...notCancer('Fibroadenoma', 'D24.1'), number: 2, author: 'Dr 2', organization: 'Concord' },
      { ...notCancer('Fibroadenoma', undefined), number: 3, author: 'Dr 3', organization: 'Concord' },
    ];

    expect(consensus(opinions).diagnosis).toEqual({ value: 'not-cancer', agreeing: [2, 3], split: false });
  });

  it('needs a strict majority: one of two is a split', () => {
    const opinions = [opinion(1, 'C50.911', 'IIA', ADJUVANT), opinion(2, 'C50.911', 'IIIA', NEOADJUVANT)];

    const result = consensus(opinions);

    expect(result.diagnosis).toEqual({ value: 'C50.911', agreeing: [1, 2], split: false });
    expect(result.stage.split).toBe(true);
    expect(result.treatment.split).toBe(true);
  });

  it('takes a single opinion as the consensus and lists agreeing opinions by number', () => {
    expect(consensus([opinion(1, 'C61', 'IIB', PROSTATE_RT)]).treatment).toEqual({
      value: plan(...PROSTATE_RT),
      agreeing: [1],
      split: false,
    });
    expect(
      consensus([opinion(3, 'C61', 'IIB', PROSTATE_RT), opinion(1, 'C61', 'IIB', PROSTATE_RT)]).diagnosis
        .agreeing,
    ).toEqual([1, 3]);
  });
});
