import fc from 'fast-check';
import type { CancerType } from '../../../functions/domain/cancer-type.js';
import {
  matchSpecialists,
  sameOrganization,
  whyExcluded,
  type Candidate,
  type Exclusion,
  type MatchRequest,
} from '../../../functions/domain/matching.js';
import { type UsState } from '../../../functions/domain/us-states.js';
import type { Dimension } from '../../../functions/domain/opinion.js';
import { DISCIPLINES } from '../../../functions/domain/disciplines.js';
import { type Specialist } from '../../../functions/schemas/directory.js';

const FIRST_OPINION_ORG = 'Valley Oncology';

function specialist(overrides: Partial<Specialist> = {}): Specialist {
  return {
    specialistId: 'sp-default',
    name: 'Dr Default',
    email: 'default@harbor.example',
    organization: 'Harbor Cancer Institute',
    disciplines: ['medical-oncology'],
    cancerTypes: ['breast'],
    licensedStates: ['CA'],
    practiceStates: [],
    languages: ['en'],
    networks: ['blue-plan'],
    virtual: true,
    inPerson: false,
    capacity: 5,
    // At the turnaround horizon, so turnaround adds nothing unless a test sets it.
    turnaroundDays: 15,
    ...overrides,
  };
}

function candidate(overrides: Partial<Specialist> = {}, activeAssignments = 0): Candidate {
  return { specialist: specialist(overrides), activeAssignments };
}

function request(overrides: Partial<MatchRequest> = {}): MatchRequest {
  return {
    cancerType: 'breast',
    patientState: 'CA',
    language: 'en',
    consultation: 'virtual',
    urgency: 'routine',
    excludedOrganizations: [FIRST_OPINION_ORG],
    excludedSpecialists: [],
    ...overrides,
  };
}

const ids = (ranked: ReturnType<typeof matchSpecialists>) => ranked.map((r) => r.specialist.specialistId);

describe('whyExcluded and matchSpecialists: hard rules', () => {
  it.each<[string, Exclusion | 'eligible', Partial<MatchRequest>, Partial<Specialist>, number]>([
    ['treats the cancer type', 'eligible', {}, { cancerTypes: ['lung', 'breast'] }, 0],
    ['does not treat the cancer type', 'cancer-type', {}, { cancerTypes: ['lung'] }, 0],
    ['virtual and licensed in the patient state', 'eligible', {}, { licensedStates: ['NY', 'CA'] }, 0],
    ['virtual but not licensed in the patient state', 'licence', {}, { licensedStates: ['NY'] }, 0],
    [
      'in person only and practising in the patient state',
      'eligible',
      {},
      { virtual: false, inPerson: true, practiceStates: ['CA'] },
      0,
    ],
    [
      'in person only, licensed but practising elsewhere',
      'licence',
      {},
      { virtual: false, inPerson: true, licensedStates: ['CA'], practiceStates: ['NV'] },
      0,
    ],
    ['neither virtual nor in person', 'licence', {}, { virtual: false, inPerson: false }, 0],
    ['from an unrelated organization', 'eligible', {}, { organization: 'Harbor Cancer Institute' }, 0],
    ['from the first opinion organization', 'independence', {}, { organization: FIRST_OPINION_ORG }, 0],
    [
      'from the first opinion organization, written differently',
      'independence',
      {},
      { organization: 'the valley oncology, Inc.' },
      0,
    ],
    ['not reviewed before', 'eligible', { excludedSpecialists: ['sp-other'] }, {}, 0],
    ['an earlier reviewer', 'reviewed-before', { excludedSpecialists: ['sp-default'] }, {}, 0],
    ['in the required network', 'eligible', { requiredNetwork: 'blue-plan' }, {}, 0],
    ['outside the required network', 'network', { requiredNetwork: 'gold-plan' }, {}, 0],
    ['in no network when none is required', 'eligible', {}, { networks: [] }, 0],
    ['with one free slot', 'eligible', {}, { capacity: 5 }, 4],
    ['at capacity', 'capacity', {}, { capacity: 5 }, 5],
    ['over capacity', 'capacity', {}, { capacity: 2 }, 3],
    ['taking no assignments', 'capacity', {}, { capacity: 0 }, 0],
  ])('a candidate %s → %s', (_label, expected, requestOverrides, specialistOverrides, active) => {
    // Arrange
    const req = request(requestOverrides);
    const cand = candidate(specialistOverrides, active);

    // Act
    const reason = whyExcluded(req, cand);
    const matched = matchSpecialists(req, [cand]);

    // Assert
    expect(reason).toBe(expected === 'eligible' ? undefined : expected);
    expect(matched).toHaveLength(expected === 'eligible' ? 1 : 0);
  });

  // A candidate breaking every rule, then fixed one rule at a time, reports the next rule each time.
  const breaksEverything: Candidate = candidate(
    {
      cancerTypes: ['lung'],
      licensedStates: ['NY'],
      organization: FIRST_OPINION_ORG,
      specialistId: 'sp-earlier',
      networks: [],
      capacity: 1,
    },
    1,
  );
  const fixes: Array<[Exclusion, (c: Candidate) => Candidate]> = [
    ['cancer-type', (c) => ({ ...c, specialist: { ...c.specialist, cancerTypes: ['breast'] } })],
    ['licence', (c) => ({ ...c, specialist: { ...c.specialist, licensedStates: ['CA'] } })],
    [
      'independence',
      (c) => ({ ...c, specialist: { ...c.specialist, organization: 'Harbor Cancer Institute' } }),
    ],
    ['reviewed-before', (c) => ({ ...c, specialist: { ...c.specialist, specialistId: 'sp-new' } })],
    ['network', (c) => ({ ...c, specialist: { ...c.specialist, networks: ['blue-plan'] } })],
    ['capacity', (c) => ({ ...c, activeAssignments: 0 })],
  ];

  it.each(fixes.map(([rule], fixed) => [rule, fixed] as const))(
    'names %s first when the earlier rules are met',
    (rule, fixedCount) => {
      // Arrange
      const req = request({ excludedSpecialists: ['sp-earlier'], requiredNetwork: 'blue-plan' });
      const cand = fixes.slice(0, fixedCount).reduce((c, [, fix]) => fix(c), breaksEverything);

      // Act
      const reason = whyExcluded(req, cand);

      // Assert
      expect(reason).toBe(rule);
    },
  );

  it('matches the candidate once every rule is met', () => {
    const req = request({ excludedSpecialists: ['sp-earlier'], requiredNetwork: 'blue-plan' });
    const cand = fixes.reduce((c, [, fix]) => fix(c), breaksEverything);

    expect(whyExcluded(req, cand)).toBeUndefined();
  });
});

describe('sameOrganization', () => {
  it.each<[string, string, boolean]>([
    ['Valley Oncology', 'valley oncology, Inc.', true],
    ['Valley Oncology', 'The Valley  Oncology', true],
    ['valley oncology, Inc.', 'The Valley  Oncology', true],
    ['Valley Oncology', 'Valley Oncology LLC', true],
    ['Valley Oncology', '  VALLEY\tONCOLOGY  ', true],
    ['Valley Oncology', 'Valley-Oncology', true],
    ['Valley Oncology', 'Ｖａｌｌｅｙ　Ｏｎｃｏｌｏｇｙ', true], // full-width letters and space (NFKC)
    ['St. Mary’s Cancer Center', "St Mary's Cancer Center", true],
    ['The Clinic', 'Clinic', true],
    ['Valley Oncology', 'Valley Hematology', false],
    ['Valley Oncology', 'North Valley Oncology', false],
    ['Theta Oncology', 'ta Oncology', false], // "the" only as a whole leading word
    ['Incline Health', 'Health', false],
    ['Inc', 'LLC', false], // a bare suffix is the whole name, not stripped to nothing
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(sameOrganization(a, b)).toBe(expected);
    expect(sameOrganization(b, a)).toBe(expected);
  });
});

describe('matchSpecialists: preferences', () => {
  // The preferred specialist has the later id, so only the preference can put it first.
  it.each<[string, Partial<MatchRequest>, Partial<Specialist>, Partial<Specialist>, string]>([
    ['same language', { language: 'es' }, { languages: ['en', 'es'] }, { languages: ['en'] }, 'language'],
    [
      'language by primary subtag (es ~ es-MX)',
      { language: 'es' },
      { languages: ['es-MX'] },
      { languages: ['en'] },
      'language',
    ],
    [
      'language by primary subtag (pt-BR ~ pt)',
      { language: 'pt-BR' },
      { languages: ['pt'] },
      { languages: ['en'] },
      'language',
    ],
    [
      'in-person visit offered in the patient state',
      { consultation: 'in-person' },
      { inPerson: true, practiceStates: ['CA'] },
      { inPerson: true, practiceStates: ['NV'] },
      'mode',
    ],
    [
      'virtual visit offered in the patient state',
      { consultation: 'virtual' },
      { virtual: true },
      { virtual: false, inPerson: true, practiceStates: ['CA'] },
      'mode',
    ],
    ['shorter turnaround', {}, { turnaroundDays: 5 }, { turnaroundDays: 20 }, 'turnaround'],
    [
      'pathology for a disputed diagnosis',
      { disputed: ['diagnosis'] },
      { disciplines: ['pathology'] },
      { disciplines: ['medical-oncology'] },
      'discipline',
    ],
    [
      'radiology, a lesser match, for a disputed diagnosis',
      { disputed: ['diagnosis'] },
      { disciplines: ['radiology'] },
      { disciplines: ['medical-oncology'] },
      'related-discipline',
    ],
    [
      'radiology for a disputed stage',
      { disputed: ['stage'] },
      { disciplines: ['radiology'] },
      { disciplines: ['hematology'] },
      'discipline',
    ],
    [
      'pathology for a disputed stage',
      { disputed: ['stage'] },
      { disciplines: ['pathology'] },
      { disciplines: ['medical-oncology'] },
      'discipline',
    ],
    [
      'a treating oncologist for a disputed treatment',
      { disputed: ['treatment'] },
      { disciplines: ['radiation-oncology'] },
      { disciplines: ['pathology'] },
      'discipline',
    ],
  ])('prefers %s', (_label, requestOverrides, preferred, other, code) => {
    // Arrange
    const candidates = [
      candidate({ ...other, specialistId: 'sp-a' }),
      candidate({ ...preferred, specialistId: 'sp-b' }),
    ];

    // Act
    const ranked = matchSpecialists(request(requestOverrides), candidates);

    // Assert
    expect(ids(ranked)).toEqual(['sp-b', 'sp-a']);
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
    expect(ranked[0]!.preferences).toContain(code);
    expect(ranked[1]!.preferences).not.toContain(code);
  });

  // Speaking the language beats a faster turnaround, unless the case is expedited.
  it.each<[MatchRequest['urgency'], string]>([
    ['routine', 'sp-speaks-spanish'],
    ['expedited', 'sp-fast'],
  ])('weighs turnaround by urgency: %s → %s first', (urgency, first) => {
    // Arrange
    const candidates = [
      candidate({ specialistId: 'sp-speaks-spanish', languages: ['es'], turnaroundDays: 14 }),
      candidate({ specialistId: 'sp-fast', languages: ['en'], turnaroundDays: 2 }),
    ];

    // Act
    const ranked = matchSpecialists(request({ language: 'es', urgency }), candidates);

    // Assert
    expect(ids(ranked)[0]).toBe(first);
  });

  it('prefers a pathologist for a disputed diagnosis over a radiologist who meets every other preference', () => {
    // Arrange
    const pathologist = candidate({
      specialistId: 'sp-z-pathologist',
      disciplines: ['pathology'],
      languages: ['zh'],
      virtual: false,
      inPerson: true,
      practiceStates: ['CA'],
      turnaroundDays: 30,
    });
    const radiologist = candidate({
      specialistId: 'sp-a-radiologist',
      disciplines: ['radiology', 'medical-oncology'],
      languages: ['es-MX'],
      turnaroundDays: 1,
      capacity: 10,
    });
    const req = request({ language: 'es', urgency: 'expedited', disputed: ['diagnosis'] });

    // Act
    const ranked = matchSpecialists(req, [radiologist, pathologist]);

    // Assert
    expect(ids(ranked)).toEqual(['sp-z-pathologist', 'sp-a-radiologist']);
    expect(ranked[1]!.preferences).toEqual(['language', 'mode', 'turnaround', 'related-discipline']);
  });
});

describe('matchSpecialists: ties and edge cases', () => {
  it.each<[string, Candidate[], string[]]>([
    [
      'more free capacity first, whatever the id',
      [
        candidate({ specialistId: 'sp-a', capacity: 3 }, 2),
        candidate({ specialistId: 'sp-b', capacity: 5 }, 1),
      ],
      ['sp-b', 'sp-a'],
    ],
    [
      'free capacity, not total capacity',
      [
        candidate({ specialistId: 'sp-a', capacity: 9 }, 8),
        candidate({ specialistId: 'sp-b', capacity: 2 }, 0),
      ],
      ['sp-b', 'sp-a'],
    ],
    [
      'the lower id when free capacity is equal too',
      [
        candidate({ specialistId: 'sp-b', capacity: 4 }, 1),
        candidate({ specialistId: 'sp-a', capacity: 3 }, 0),
      ],
      ['sp-a', 'sp-b'],
    ],
  ])('breaks equal scores by %s', (_label, candidates, expected) => {
    // Act
    const forwards = matchSpecialists(request(), candidates);
    const backwards = matchSpecialists(request(), [...candidates].reverse());

    // Assert
    expect(forwards[0]!.score).toBe(forwards[1]!.score);
    expect(ids(forwards)).toEqual(expected);
    expect(ids(backwards)).toEqual(expected);
  });

  it.each<[string, Candidate[]]>([
    ['no candidates', []],
    ['only excluded candidates', [candidate({ cancerTypes: ['lung'] }), candidate({}, 5)]],
  ])('returns an empty list for %s', (_label, candidates) => {
    expect(matchSpecialists(request(), candidates)).toEqual([]);
  });
});

describe('matchSpecialists: properties', () => {
  // Small pools and loose limits, so that most generated directories hold several eligible
  // candidates: a property over an empty result proves nothing.
  const STATES: UsState[] = ['CA', 'NY'];
  const CANCERS: CancerType[] = ['breast', 'lung'];
  const NETWORKS = ['blue-plan', 'gold-plan', 'green-plan'];
  const LANGUAGES = ['en', 'es', 'es-MX', 'pt-BR', 'zh'];
  const ORGANIZATIONS = [
    'Valley Oncology',
    'Harbor Cancer Institute',
    'Summit Health',
    'Lakeside Medical Group',
    'Pine Ridge Hematology',
  ];
  const DIMENSIONS: Dimension[] = ['diagnosis', 'stage', 'treatment'];
  const MAX_CANDIDATES = 16;
  const idAt = (index: number) => `sp-${index}`;
  const ID_POOL = Array.from({ length: MAX_CANDIDATES }, (_, i) => idAt(i));

  /** The same name with random letter case, runs of spaces between the words and space around it. */
  const respelled = (organization: string) => {
    // One edge and one gap between each pair of words.
    const words = organization.split(' ');
    return fc
      .tuple(
        fc.array(fc.boolean(), { minLength: organization.length, maxLength: organization.length }),
        fc.array(fc.constantFrom(' ', '  ', ' \t '), {
          minLength: words.length,
          maxLength: words.length,
        }),
      )
      .map(([upper, spaces]) => {
        const cased = [...organization]
          .map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase()))
          .join('');
        const [edge, ...between] = spaces;
        return edge + cased.split(' ').reduce((name, word, i) => name + between[i - 1] + word) + edge;
      });
  };
  const organizationArb = fc.constantFrom(...ORGANIZATIONS).chain(respelled);

  /** Every value half the time, else a non-empty subset: keeps most candidates eligible. */
  const mostOf = <T>(values: T[]) => fc.oneof(fc.constant(values), fc.subarray(values, { minLength: 1 }));

  const specialistArb = fc.record({
    organization: organizationArb,
    disciplines: fc.subarray([...DISCIPLINES], { minLength: 1 }),
    cancerTypes: mostOf(CANCERS),
    licensedStates: mostOf(STATES),
    practiceStates: fc.subarray(STATES),
    languages: fc.subarray(LANGUAGES, { minLength: 1 }),
    networks: mostOf(NETWORKS),
    virtual: fc.boolean(),
    inPerson: fc.boolean(),
    capacity: fc.integer({ min: 0, max: 4 }),
    turnaroundDays: fc.integer({ min: 1, max: 30 }),
  });
  const directoryArb = fc
    .array(fc.tuple(specialistArb, fc.integer({ min: 0, max: 2 })), {
      minLength: 6,
      maxLength: MAX_CANDIDATES,
    })
    .map((rows) =>
      rows.map(([fields, active], i): Candidate => candidate({ ...fields, specialistId: idAt(i) }, active)),
    );
  const requestArb: fc.Arbitrary<MatchRequest> = fc.record(
    {
      cancerType: fc.constantFrom(...CANCERS),
      patientState: fc.constantFrom(...STATES),
      language: fc.constantFrom(...LANGUAGES),
      consultation: fc.constantFrom('virtual', 'in-person'),
      urgency: fc.constantFrom('routine', 'expedited'),
      requiredNetwork: fc.constantFrom(...NETWORKS),
      excludedOrganizations: fc.array(organizationArb, { maxLength: 2 }),
      excludedSpecialists: fc.subarray(ID_POOL, { maxLength: 3 }),
      disputed: fc.subarray(DIMENSIONS),
    },
    // Sometimes without a required network or a dispute.
    {
      requiredKeys: [
        'cancerType',
        'patientState',
        'language',
        'consultation',
        'urgency',
        'excludedOrganizations',
        'excludedSpecialists',
      ],
    },
  );

  // Written independently of sameOrganization: only case and spacing.
  const looseKey = (organization: string) => organization.toLowerCase().replace(/\s+/g, ' ').trim();

  it('returns only candidates that meet every hard rule', () => {
    fc.assert(
      fc.property(requestArb, directoryArb, (req, directory) => {
        const active = new Map(directory.map((c) => [c.specialist.specialistId, c.activeAssignments]));

        for (const { specialist: s } of matchSpecialists(req, directory)) {
          expect(s.cancerTypes).toContain(req.cancerType);
          const servesVirtually = s.virtual && s.licensedStates.includes(req.patientState);
          const servesInPerson = s.inPerson && s.practiceStates.includes(req.patientState);
          expect(servesVirtually || servesInPerson).toBe(true);
          expect(req.excludedOrganizations.some((org) => sameOrganization(org, s.organization))).toBe(false);
          expect(req.excludedSpecialists).not.toContain(s.specialistId);
          if (req.requiredNetwork !== undefined) expect(s.networks).toContain(req.requiredNetwork);
          expect(active.get(s.specialistId)!).toBeLessThan(s.capacity);
        }
      }),
    );
  });

  it('never returns a candidate of an excluded organization however its case and spacing differ', () => {
    fc.assert(
      fc.property(requestArb, directoryArb, (req, directory) => {
        const excluded = new Set(req.excludedOrganizations.map(looseKey));

        const ranked = matchSpecialists(req, directory);

        for (const { specialist } of ranked) {
          expect(excluded.has(looseKey(specialist.organization))).toBe(false);
        }
      }),
    );
  });

  it('returns exactly the candidates whyExcluded lets through', () => {
    fc.assert(
      fc.property(requestArb, directoryArb, (req, directory) => {
        const eligible = directory
          .filter((c) => whyExcluded(req, c) === undefined)
          .map((c) => c.specialist.specialistId);

        const returned = ids(matchSpecialists(req, directory));

        expect([...returned].sort()).toEqual([...eligible].sort());
      }),
    );
  });

  it('sorts by score descending, then free capacity, then id', () => {
    fc.assert(
      fc.property(requestArb, directoryArb, (req, directory) => {
        const free = new Map(
          directory.map((c) => [c.specialist.specialistId, c.specialist.capacity - c.activeAssignments]),
        );

        const ranked = matchSpecialists(req, directory);

        for (let i = 1; i < ranked.length; i++) {
          const [before, after] = [ranked[i - 1]!, ranked[i]!];
          const [idBefore, idAfter] = [before.specialist.specialistId, after.specialist.specialistId];
          expect(before.score).toBeGreaterThanOrEqual(after.score);
          if (before.score === after.score) {
            expect(free.get(idBefore)!).toBeGreaterThanOrEqual(free.get(idAfter)!);
            if (free.get(idBefore) === free.get(idAfter)) expect(idBefore < idAfter).toBe(true);
          }
        }
      }),
    );
  });

  it('ranks every eligible pathologist above every other candidate when the diagnosis is disputed', () => {
    fc.assert(
      fc.property(requestArb, directoryArb, (generated, directory) => {
        const req: MatchRequest = { ...generated, disputed: ['diagnosis'] };

        const isPathologist = matchSpecialists(req, directory).map((r) =>
          r.specialist.disciplines.includes('pathology'),
        );

        // Once a non-pathologist appears, no pathologist follows.
        const firstOther = isPathologist.indexOf(false);
        if (firstOther >= 0) expect(isPathologist.slice(firstOther)).not.toContain(true);
      }),
    );
  });
});
