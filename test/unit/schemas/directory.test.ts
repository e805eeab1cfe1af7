import fs from 'node:fs';
import path from 'node:path';
import { CANCER_TYPES } from '../../../functions/domain/cancer-type.js';
import { ValidationError, type FieldError } from '../../../functions/shared/errors.js';
import { parseOrThrow } from '../../../functions/shared/validation.js';
import { SeedFileSchema, type SeedFile } from '../../../functions/schemas/directory.js';

const SEED_PATH = path.join(process.cwd(), 'infra/local/demo-seed.json');

function loadDemoSeed(): unknown {
  return JSON.parse(fs.readFileSync(SEED_PATH, 'utf8'));
}

function errorsOf(body: unknown): FieldError[] {
  try {
    parseOrThrow(SeedFileSchema, body, 'seed file');
  } catch (error) {
    if (error instanceof ValidationError) return error.errors;
    throw error;
  }
  throw new Error('Expected the seed file to be rejected');
}

const VALID_PAYER = {
  payerId: 'acme-health',
  name: 'Acme Health',
  coversSecondOpinion: true,
  requiresPriorAuth: false,
  mandatesSecondOpinion: false,
  inNetworkOnly: false,
  claimsEmail: 'claims@acme.example',
  priorAuthEmail: 'pa@acme.example',
};

const VALID_SPECIALIST = {
  specialistId: 's-001',
  name: 'Dr. Rao',
  email: 'rao@uni.example',
  organization: 'University Cancer Center',
  disciplines: ['medical-oncology'],
  cancerTypes: ['breast'],
  licensedStates: ['CA', 'NY'],
  languages: ['en'],
  networks: ['acme-health'],
  virtual: true,
  inPerson: false,
  capacity: 5,
  turnaroundDays: 5,
};

describe('the demo seed file', () => {
  let seed: SeedFile;

  beforeAll(() => {
    seed = parseOrThrow(SeedFileSchema, loadDemoSeed(), 'seed file');
  });

  it('parses with SeedFileSchema', () => {
    // Act
    const act = () => parseOrThrow(SeedFileSchema, loadDemoSeed(), 'seed file');

    // Assert
    expect(act).not.toThrow();
  });

  it('contains the API.md example payer exactly', () => {
    expect(seed.payers.find((p) => p.payerId === 'acme-health')).toEqual(VALID_PAYER);
  });

  it('has at least 3 payers whose rule combinations are pairwise different', () => {
    // Act
    const rules = seed.payers.map((p) =>
      [p.coversSecondOpinion, p.requiresPriorAuth, p.mandatesSecondOpinion, p.inNetworkOnly].join(','),
    );

    // Assert
    expect(seed.payers.length).toBeGreaterThanOrEqual(3);
    expect(new Set(rules).size).toBe(rules.length);
  });

  it('has a payer for each kind of rule', () => {
    const has = (predicate: (p: SeedFile['payers'][number]) => boolean) => seed.payers.some(predicate);

    expect(
      has(
        (p) => p.coversSecondOpinion && !p.requiresPriorAuth && !p.mandatesSecondOpinion && !p.inNetworkOnly,
      ),
    ).toBe(true);
    expect(has((p) => p.coversSecondOpinion && p.requiresPriorAuth)).toBe(true);
    expect(has((p) => p.mandatesSecondOpinion && p.inNetworkOnly)).toBe(true);
    expect(has((p) => !p.coversSecondOpinion && !p.mandatesSecondOpinion)).toBe(true);
  });

  it('has unique payer and specialist ids', () => {
    const payerIds = seed.payers.map((p) => p.payerId);
    const specialistIds = seed.specialists.map((s) => s.specialistId);

    expect(new Set(payerIds).size).toBe(payerIds.length);
    expect(new Set(specialistIds).size).toBe(specialistIds.length);
  });

  it('is a realistic directory: ≥20 specialists, ≥6 cancer types, ≥3 states, ≥4 organizations', () => {
    // Act
    const cancerTypes = new Set(seed.specialists.flatMap((s) => s.cancerTypes));
    const states = new Set(seed.specialists.flatMap((s) => s.licensedStates));
    const organizations = new Set(seed.specialists.map((s) => s.organization));

    // Assert
    expect(seed.specialists.length).toBeGreaterThanOrEqual(20);
    expect(cancerTypes.size).toBeGreaterThanOrEqual(6);
    expect(states.size).toBeGreaterThanOrEqual(3);
    expect(organizations.size).toBeGreaterThanOrEqual(4);
  });

  it('covers the common cancer types and every discipline used in matching', () => {
    const cancerTypes = new Set(seed.specialists.flatMap((s) => s.cancerTypes));
    const disciplines = new Set(seed.specialists.flatMap((s) => s.disciplines));

    for (const type of ['breast', 'prostate', 'lung', 'colorectal', 'melanoma', 'lymphoma'] as const) {
      expect(CANCER_TYPES).toContain(type);
      expect(cancerTypes).toContain(type);
    }
    for (const discipline of ['medical-oncology', 'surgical-oncology', 'radiation-oncology', 'pathology']) {
      expect(disciplines).toContain(discipline);
    }
  });

  it('only references payers that exist in its networks', () => {
    const payerIds = new Set(seed.payers.map((p) => p.payerId));

    for (const specialist of seed.specialists) {
      for (const network of specialist.networks) expect(payerIds).toContain(network);
    }
  });

  it('has consistent availability: in-person practice within licensed states, capacity 1–8, turnaround 3–14 days', () => {
    for (const s of seed.specialists) {
      expect(s.virtual || s.inPerson).toBe(true);
      expect(s.practiceStates.length > 0).toBe(s.inPerson);
      for (const state of s.practiceStates) expect(s.licensedStates).toContain(state);
      expect(s.capacity).toBeGreaterThanOrEqual(1);
      expect(s.capacity).toBeLessThanOrEqual(8);
      expect(s.turnaroundDays).toBeGreaterThanOrEqual(3);
      expect(s.turnaroundDays).toBeLessThanOrEqual(14);
    }
  });

  it('offers several independent breast specialists for California besides Valley Oncology', () => {
    // Act
    const breastInCa = seed.specialists.filter(
      (s) => s.cancerTypes.includes('breast') && s.licensedStates.includes('CA'),
    );
    const independent = breastInCa.filter((s) => s.organization !== 'Valley Oncology');

    // Assert
    expect(breastInCa.some((s) => s.organization === 'Valley Oncology')).toBe(true);
    expect(new Set(independent.map((s) => s.organization)).size).toBeGreaterThanOrEqual(2);
    expect(independent.length).toBeGreaterThanOrEqual(3);
    expect(independent.some((s) => s.networks.includes('acme-health'))).toBe(true);
  });
});

describe('SeedFileSchema', () => {
  it('accepts the API.md example and defaults practiceStates to none', () => {
    // Act
    const seed = parseOrThrow(
      SeedFileSchema,
      { payers: [VALID_PAYER], specialists: [VALID_SPECIALIST] },
      'seed file',
    );

    // Assert
    expect(seed.specialists[0]!.practiceStates).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    [
      'an unknown discipline',
      { payers: [], specialists: [{ ...VALID_SPECIALIST, disciplines: ['medical-oncology', 'astrology'] }] },
      ['specialists.0.disciplines.1'],
    ],
    [
      'an unknown cancer type',
      { payers: [], specialists: [{ ...VALID_SPECIALIST, cancerTypes: ['heartbreak'] }] },
      ['specialists.0.cancerTypes.0'],
    ],
    [
      'an unknown specialist field',
      {
        payers: [],
        specialists: [VALID_SPECIALIST, { ...VALID_SPECIALIST, specialistId: 's-002', rating: 5 }],
      },
      ['specialists.1.rating'],
    ],
    [
      'an unknown payer field',
      { payers: [{ ...VALID_PAYER, copay: 20 }], specialists: [] },
      ['payers.0.copay'],
    ],
    ['an unknown top-level field', { payers: [], specialists: [], hospitals: [] }, ['hospitals']],
    [
      'a payer rule that is not a boolean',
      { payers: [{ ...VALID_PAYER, requiresPriorAuth: 'yes' }], specialists: [] },
      ['payers.0.requiresPriorAuth'],
    ],
    [
      'a bad claims email',
      { payers: [{ ...VALID_PAYER, claimsEmail: 'claims' }], specialists: [] },
      ['payers.0.claimsEmail'],
    ],
    [
      'an upper-case payer id',
      { payers: [{ ...VALID_PAYER, payerId: 'Acme' }], specialists: [] },
      ['payers.0.payerId'],
    ],
    [
      'an unknown licensed state',
      { payers: [], specialists: [{ ...VALID_SPECIALIST, licensedStates: ['CA', 'ZZ'] }] },
      ['specialists.0.licensedStates.1'],
    ],
    [
      'no disciplines',
      { payers: [], specialists: [{ ...VALID_SPECIALIST, disciplines: [] }] },
      ['specialists.0.disciplines'],
    ],
    [
      'a fractional capacity',
      { payers: [], specialists: [{ ...VALID_SPECIALIST, capacity: 2.5 }] },
      ['specialists.0.capacity'],
    ],
    [
      'a turnaround of zero days',
      { payers: [], specialists: [{ ...VALID_SPECIALIST, turnaroundDays: 0 }] },
      ['specialists.0.turnaroundDays'],
    ],
    ['missing specialists', { payers: [] }, ['specialists']],
  ])('rejects %s with its path', (_description, body, expectedPaths) => {
    // Act
    const errors = errorsOf(body);

    // Assert
    expect(errors.map((e) => e.path).sort()).toEqual([...expectedPaths].sort());
  });
});
