import {
  BIOMARKER_SOURCES,
  GRADE_SYSTEM_SOURCES,
  STAGE_TABLE_SOURCES,
} from '../../../../functions/domain/clinical/citations.js';
import {
  BIOMARKER_NAMES,
  biomarkerSpec,
  decidesTherapy,
} from '../../../../functions/domain/clinical/biomarkers.js';
import {
  biomarkerLabel,
  diseaseLabel,
  familyLabel,
} from '../../../../functions/domain/clinical/clinical-terms.js';
import { DISTINCT_DISEASES } from '../../../../functions/domain/clinical/distinct-disease-table.js';
import { distinctDiseaseOf } from '../../../../functions/domain/clinical/distinct-diseases.js';
import {
  GRADE_SYSTEMS,
  GRADE_SYSTEM_IDS,
  gleasonGradeGroup,
} from '../../../../functions/domain/clinical/grade-systems.js';
import { HISTOLOGY_FAMILIES } from '../../../../functions/domain/clinical/histology-table.js';
import {
  familiesCompatible,
  histologyFamilyOf,
  type FamilyId,
} from '../../../../functions/domain/clinical/histology.js';
import { stageTier } from '../../../../functions/domain/clinical/stage-groups.js';
import { STAGE_TABLES } from '../../../../functions/domain/clinical/stage-table.js';
import { CANCER_TYPES } from '../../../../functions/domain/cancer-type.js';

describe('histology families', () => {
  it('refine only families that exist, without a cycle', () => {
    const ids = Object.keys(HISTOLOGY_FAMILIES) as FamilyId[];
    const depth = (id: FamilyId, seen: readonly FamilyId[] = []): number => {
      expect(seen).not.toContain(id);
      const within: readonly string[] = HISTOLOGY_FAMILIES[id].within;
      return (
        1 +
        Math.max(
          0,
          ...within.map(
            (parent) => (expect(ids).toContain(parent), depth(parent as FamilyId, [...seen, id])),
          ),
        )
      );
    };
    for (const id of ids) expect(depth(id)).toBeGreaterThan(0);
  });

  it('put each morphology code in one family: no two ranges of the same width hold it', () => {
    for (let code = 8000; code <= 9999; code++) {
      const widths = Object.values(HISTOLOGY_FAMILIES)
        .flatMap((family) => family.ranges as ReadonlyArray<readonly [number, number]>)
        .filter(([from, to]) => code >= from && code <= to)
        .map(([from, to]) => to - from);
      expect({ code, ties: widths.length - new Set(widths).size }).toEqual({ code, ties: 0 });
    }
  });

  it('have a name for every family and every distinct disease', () => {
    for (const id of Object.keys(HISTOLOGY_FAMILIES)) expect(familyLabel(id)).toBeDefined();
    for (const { disease } of DISTINCT_DISEASES) expect(diseaseLabel(disease)).toBeDefined();
    expect(diseaseLabel('no-such-disease')).toBeUndefined();
  });

  it.each([
    ['8041', 'small-cell-carcinoma'],
    ['8046', 'non-small-cell-carcinoma'],
    ['8140', 'adenocarcinoma'],
    ['8070', 'squamous-cell-carcinoma'],
    ['8500', 'ductal-carcinoma'],
    ['8520', 'lobular-carcinoma'],
    ['8522', 'adenocarcinoma'],
    ['8246', 'neuroendocrine-carcinoma'],
    ['8240', 'neuroendocrine-tumor'],
    ['8170', 'hepatocellular-carcinoma'],
    ['9061', 'seminoma'],
    ['9070', 'non-seminomatous-germ-cell-tumor'],
    ['9085', 'non-seminomatous-germ-cell-tumor'],
    ['8936', 'gastrointestinal-stromal-tumor'],
    ['8890', 'soft-tissue-sarcoma'],
    ['9680', 'diffuse-large-b-cell-lymphoma'],
    ['9679', 'primary-mediastinal-large-b-cell-lymphoma'],
    ['9673', 'mantle-cell-lymphoma'],
    ['9687', 'burkitt-lymphoma'],
    ['9659', 'nodular-lymphocyte-predominant-hodgkin'],
    ['9663', 'classical-hodgkin-lymphoma'],
    ['9866', 'acute-promyelocytic-leukemia'],
    ['9863', 'chronic-myeloid-leukemia'],
    ['9861', 'acute-myeloid-leukemia'],
    ['9440', 'glioblastoma'],
    ['9450', 'oligodendroglioma'],
  ])('puts %s in %s', (morphology, family) => {
    expect(histologyFamilyOf(morphology)).toBe(family);
  });

  it.each<[FamilyId, FamilyId, boolean]>([
    ['small-cell-carcinoma', 'non-small-cell-carcinoma', false],
    ['adenocarcinoma', 'squamous-cell-carcinoma', false],
    ['ductal-carcinoma', 'lobular-carcinoma', false],
    ['seminoma', 'non-seminomatous-germ-cell-tumor', false],
    ['carcinoma-nos', 'small-cell-carcinoma', true],
    ['non-small-cell-carcinoma', 'adenocarcinoma', true],
    ['neuroendocrine-carcinoma', 'small-cell-carcinoma', true],
    ['acute-leukemia-nos', 'acute-myeloid-leukemia', true],
    ['neoplasm-nos', 'melanoma', true],
  ])('%s and %s compatible: %s', (a, b, compatible) => {
    expect(familiesCompatible(a, b)).toBe(compatible);
    expect(familiesCompatible(b, a)).toBe(compatible);
  });
});

describe('distinct diseases', () => {
  it.each([
    ['C91.00', 'acute-lymphoblastic-leukemia'],
    ['C91.11', 'chronic-lymphocytic-leukemia'],
    ['C92.02', 'acute-myeloid-leukemia'],
    ['C92.50', 'acute-myeloid-leukemia'],
    ['C92.40', 'acute-promyelocytic-leukemia'],
    ['C83.18', 'mantle-cell-lymphoma'],
    ['C83.70', 'burkitt-lymphoma'],
    ['C90.30', 'solitary-plasmacytoma'],
    ['C44.311', 'basal-cell-carcinoma-of-skin'],
    ['C44.02', 'squamous-cell-carcinoma-of-skin'],
    ['C22.0', 'hepatocellular-carcinoma'],
  ])('names %s %s', (code, disease) => {
    expect(distinctDiseaseOf(code)?.disease).toBe(disease);
  });

  it.each(['C91.90', 'C83.90', 'C50.911', 'C44.90', 'C92.Z0'])('leaves %s to the category', (code) => {
    expect(distinctDiseaseOf(code)).toBeUndefined();
  });
});

describe('stage tables', () => {
  it('hold only real cancer types and name a source', () => {
    expect(Object.keys(STAGE_TABLE_SOURCES)).toEqual(Object.keys(STAGE_TABLES));
    for (const [type, table] of Object.entries(STAGE_TABLES)) {
      expect(CANCER_TYPES).toContain(type);
      expect(table.groups.length).toBeGreaterThan(2);
      expect(STAGE_TABLE_SOURCES[type as keyof typeof STAGE_TABLE_SOURCES]).toMatch(/AJCC 8th ed\./);
    }
  });

  it.each([
    ['bladder', '0a', { tier: '0a' }],
    ['bladder', '0is', { tier: '0is' }],
    ['testicular', 'IS', { tier: 'IS' }],
    ['testicular', 'IB', { tier: 'I' }],
    ['melanoma', 'IIID', { tier: 'III' }],
    ['prostate', 'IVB', { tier: 'IV' }],
    ['lymphoma', 'IIEB', { tier: 'II', symptoms: 'B', bulky: false }],
    ['lymphoma', 'IIA bulky', { tier: 'II', symptoms: 'A', bulky: true }],
    ['lymphoma', 'III', { tier: 'III', bulky: false }],
    ['gynecologic', 'IIIC1', { tier: 'III' }],
  ] as const)('%s %s is tier %j', (type, stage, tier) => {
    expect(stageTier(type, stage)).toEqual(tier);
  });

  it('has no tier for unknown', () => {
    expect(stageTier('breast', 'unknown')).toBeUndefined();
  });
});

describe('grade systems', () => {
  it('put every grade of a system in exactly one tier', () => {
    for (const id of GRADE_SYSTEM_IDS) {
      const { min, max, tiers } = GRADE_SYSTEMS[id];
      const all = tiers.flat().sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: max - min + 1 }, (_, i) => min + i));
      expect(GRADE_SYSTEM_SOURCES[id].length).toBeGreaterThan(10);
    }
  });

  it.each([
    [3, 3, 1],
    [3, 4, 2],
    [4, 3, 3],
    [4, 4, 4],
    [3, 5, 4],
    [4, 5, 5],
    [5, 5, 5],
  ])('Gleason %i+%i is grade group %i', (primary, secondary, group) => {
    expect(gleasonGradeGroup(primary, secondary)).toBe(group);
  });
});

describe('biomarkers', () => {
  it('each have results, a source, and decide therapy only in real cancer types', () => {
    for (const name of BIOMARKER_NAMES) {
      const spec = biomarkerSpec(name);
      expect(spec.results.length).toBeGreaterThan(1);
      expect(BIOMARKER_SOURCES[name].length).toBeGreaterThan(10);
      expect(biomarkerLabel(name)?.length).toBeGreaterThan(2);
      for (const type of spec.decidesTherapyIn) expect(CANCER_TYPES).toContain(type);
    }
  });

  it.each([
    ['ER', 'breast', true],
    ['ER', 'lung', false],
    ['EGFR', 'lung', true],
    ['KRAS-G12C', 'lung', true],
    ['KRAS', 'lung', false],
    ['MSI', 'stomach', true],
    ['MSI', 'lymphoma', false],
    ['NTRK', 'thyroid', true],
    ['BRCA2', 'prostate', true],
    ['Ki-67', 'breast', false],
    ['AFP', 'testicular', true],
  ] as const)('%s decides therapy in %s: %s', (name, type, decides) => {
    expect(decidesTherapy(name, type)).toBe(decides);
  });
});
