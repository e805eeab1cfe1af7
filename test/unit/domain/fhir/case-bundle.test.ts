import type { Bundle, CarePlan, Condition, Observation, Resource, Task } from '@medplum/fhirtypes';
import { CASE_STATUSES, type CaseRecord } from '../../../../functions/domain/case.js';
import type { BundleOpinion } from '../../../../functions/domain/fhir/bundle-context.js';
import { buildCaseBundle, type CaseBundleInput } from '../../../../functions/domain/fhir/case-bundle.js';
import { PROFILES } from '../../../../functions/domain/fhir/mcode-profiles.js';
import type { MedicalRecord } from '../../../../functions/domain/records.js';
import { firstOpinion } from '../../../../functions/domain/first-opinion.js';
import { undeclaredOrMissing, validateFhir } from '../../../support/fhir.js';
import { caseRecord, payer, PHI } from '../../../support/case-records.js';
import { badRequiredCodes } from './required-codes.js';

const ACME = payer('acme-health', { name: 'Acme Health' });
const BASE = 'https://concord.example/cases/3f9c2b1e-7a4d-4c1b-9e0f-2a6b8c4d1e5f/fhir';
const AT = '2026-12-01T09:00:00.000Z';

/** The first opinion as intake gives it today, and two reviewers using the new fields. */
function opinions(record: CaseRecord): BundleOpinion[] {
  return [
    firstOpinion(record),
    {
      number: 2,
      author: 'Dr Rao',
      organization: 'University Cancer Center',
      submittedAt: '2026-11-20T12:00:00.000Z',
      submission: { diagnosisAssessment: 'confirmed' },
      icd10: PHI.icd10,
      histology: { morphology: '8140', behaviour: '3' },
      grade: { system: 'generic', value: 3 },
      staging: { prefix: 'c', t: 'T3', n: 'N2', m: 'M0', edition: 8 },
      stage: 'IIIB',
      biomarkers: [
        { name: 'EGFR', result: 'wild-type' },
        { name: 'KRAS-G12C', result: 'mutated' },
        { name: 'ALK', result: 'no-fusion' },
        { name: 'PD-L1-TPS', result: 'high', value: 60 },
        { name: 'CEA', result: 'elevated', value: 12.5, unit: 'ng/mL' },
        { name: 'MSI', result: 'stable' },
      ],
      treatmentIntent: 'curative',
      treatmentPlan: [
        {
          modality: 'chemotherapy',
          regimen: 'carboplatin-paclitaxel',
          timing: 'definitive',
          concurrent: [{ modality: 'radiation', radiation: { doseGy: 60, fractions: 30 } }],
        },
        { modality: 'immunotherapy', regimen: 'durvalumab', timing: 'maintenance' },
        { modality: 'palliative-care' },
      ],
    },
    {
      number: 3,
      author: 'Dr Okafor',
      organization: 'Lakeside Pathology',
      submittedAt: '2026-11-28T12:00:00.000Z',
      submission: { diagnosisAssessment: 'changed' },
      notCancer: { finding: 'Granulomatous inflammation', icd10: 'D86.0' },
      biomarkers: [{ name: 'CEA', result: 'normal', value: 2, unit: 'ng/mL' }],
      treatmentPlan: [{ modality: 'active-surveillance' }],
    },
  ];
}

function medicalRecord(
  recordId: string,
  status: MedicalRecord['status'],
  type: MedicalRecord['type'],
): MedicalRecord {
  return {
    recordId,
    caseId: '3f9c2b1e-7a4d-4c1b-9e0f-2a6b8c4d1e5f',
    type,
    key: `cases/x/records/${type}/${recordId}`,
    status,
    displayName: 'Philippa-Vanterpool-biopsy.pdf',
    contentType: 'application/pdf',
    sizeBytes: 52_311,
    createdAt: '2026-11-03T10:00:00.000Z',
    ...(status === 'received' ? { receivedAt: '2026-11-03T10:05:00.000Z' } : {}),
  };
}

const RECORDS: MedicalRecord[] = [
  medicalRecord('0b8f6a52-1c3e-4d7f-9a2b-5e6c7d8f9a01', 'received', 'pathology-report'),
  medicalRecord('0b8f6a52-1c3e-4d7f-9a2b-5e6c7d8f9a02', 'received', 'prior-treatments'),
  medicalRecord('0b8f6a52-1c3e-4d7f-9a2b-5e6c7d8f9a03', 'requested', 'imaging'),
  medicalRecord('0b8f6a52-1c3e-4d7f-9a2b-5e6c7d8f9a04', 'refused', 'lab-results'),
];

function input(overrides: Partial<CaseBundleInput> = {}): CaseBundleInput {
  const record = { ...caseRecord(ACME), status: 'awaiting-opinion' as const };
  return {
    record,
    opinions: opinions(record),
    records: RECORDS,
    claim: { payer: ACME, provider: { name: 'Concord Second Opinion Service' } },
    base: BASE,
    generatedAt: AT,
    ...overrides,
  };
}

const resourcesOf = (bundle: Bundle): Resource[] => (bundle.entry ?? []).map((entry) => entry.resource!);
const byId = <T extends Resource>(bundle: Bundle, id: string) =>
  resourcesOf(bundle).find((resource) => resource.id === `3f9c2b1e-7a4d-4c1b-9e0f-2a6b8c4d1e5f-${id}`) as T;

/** Every `reference` string anywhere in a resource. */
function references(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(references);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) =>
      key === 'reference' && typeof inner === 'string' ? [inner] : references(inner),
    );
  }
  return [];
}

describe('buildCaseBundle', () => {
  const bundle = buildCaseBundle(input());

  it('is a valid FHIR R4 collection, every resource too', () => {
    expect(bundle.type).toBe('collection');
    expect(() => validateFhir(bundle)).not.toThrow();
    for (const resource of resourcesOf(bundle)) expect(() => validateFhir(resource)).not.toThrow();
  });

  it('uses only codes from the value sets R4 requires (status, intent, priority, gender, use)', () => {
    const statuses = resourcesOf(bundle).map((resource) => (resource as { status?: string }).status);

    expect(resourcesOf(bundle).flatMap(badRequiredCodes)).toEqual([]);
    expect(
      badRequiredCodes({ resourceType: 'Task', status: 'bogus', intent: 'order' } as unknown as Resource),
    ).toEqual(['Task.status: bogus']);
    expect(statuses.filter((status) => status !== undefined).length).toBeGreaterThan(10);
  });

  it('fills, in every resource, the elements declared for its profile', () => {
    expect(resourcesOf(bundle).flatMap(undeclaredOrMissing)).toEqual([]);
    expect(undeclaredOrMissing({ resourceType: 'Task', id: 't' } as Resource)).toContain(
      'Task/t: businessStatus missing',
    );
  });

  it('claims mCODE profiles for the patient, the cancer, its staging, markers and drug therapy', () => {
    const claimed = new Set(resourcesOf(bundle).flatMap((resource) => resource.meta?.profile ?? []));

    expect([...claimed].sort()).toEqual(
      [
        PROFILES.patient,
        PROFILES.primaryCancerCondition,
        PROFILES.tnmStageGroup,
        PROFILES.tnmPrimaryTumor,
        PROFILES.tnmRegionalNodes,
        PROFILES.tnmDistantMetastases,
        PROFILES.genomicVariant,
        PROFILES.tumorMarkerTest,
        PROFILES.medicationRequest,
      ].sort(),
    );
  });

  it('names every resource once, and every reference points into the bundle', () => {
    const entries = bundle.entry ?? [];
    const urls = entries.map((entry) => entry.fullUrl);
    expect(new Set(urls).size).toBe(urls.length);
    for (const entry of entries) {
      expect(entry.resource!.id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
      expect(entry.fullUrl).toBe(`${BASE}/${entry.resource!.resourceType}/${entry.resource!.id}`);
    }
    const local = new Set(entries.map((entry) => `${entry.resource!.resourceType}/${entry.resource!.id}`));
    const dangling = resourcesOf(bundle)
      .flatMap(references)
      .filter((reference) => !reference.startsWith('#') && !local.has(reference));
    expect(dangling).toEqual([]);
  });

  it('gives the histology, the stage group with its T, N and M, and the AJCC edition', () => {
    const condition = byId<Condition>(bundle, 'op2-condition');
    const stage = byId<Observation>(bundle, 'op2-stage');

    expect(condition.extension?.[0]?.valueCodeableConcept?.coding?.[0]?.code).toBe('8140/3');
    expect(condition.stage?.[0]).toEqual({
      summary: { text: 'IIIB' },
      assessment: [{ reference: `Observation/${stage.id}` }],
    });
    expect(stage.code.coding?.[0]?.code).toBe('399537006');
    expect(stage.method?.coding?.[0]?.code).toBe('897275008');
    expect(stage.valueCodeableConcept?.text).toBe('IIIB');
    expect(stage.hasMember?.map((member) => member.reference)).toEqual(
      ['t', 'n', 'm'].map((c) => `Observation/3f9c2b1e-7a4d-4c1b-9e0f-2a6b8c4d1e5f-op2-${c}`),
    );
    expect(byId<Observation>(bundle, 'op2-n').valueCodeableConcept?.text).toBe('cN2');
  });

  it('gives gene variants as present or absent with the gene, other markers with value and unit', () => {
    const kras = byId<Observation>(bundle, 'op2-marker-KRAS-G12C');
    const egfr = byId<Observation>(bundle, 'op2-marker-EGFR');
    const pdl1 = byId<Observation>(bundle, 'op2-marker-PD-L1-TPS');
    const msi = byId<Observation>(bundle, 'op2-marker-MSI');

    expect(kras.valueCodeableConcept?.coding?.[0]?.code).toBe('LA9633-4');
    expect(
      kras.component?.map((c) => c.valueCodeableConcept?.coding?.[0]?.code ?? c.valueCodeableConcept?.text),
    ).toEqual(['HGNC:6407', 'p.G12C']);
    expect(egfr.valueCodeableConcept?.coding?.[0]?.code).toBe('LA9634-2');
    expect(pdl1.code.coding?.[0]?.code).toBe('83053-9');
    expect(pdl1.valueQuantity).toEqual({
      value: 60,
      unit: '%',
      system: 'http://unitsofmeasure.org',
      code: '%',
    });
    expect(msi.valueCodeableConcept?.text).toBe('stable');
  });

  it('gives the plan in order: chemoradiation together, then maintenance immunotherapy, then palliative care', () => {
    const plan = byId<CarePlan>(bundle, 'op2-plan');
    const activities = (plan.activity ?? []).map((activity) => activity.reference?.reference?.split('/')[0]);

    expect(plan.intent).toBe('proposal');
    expect(activities).toEqual([
      'MedicationRequest',
      'ServiceRequest',
      'MedicationRequest',
      'ServiceRequest',
    ]);
    const chemo = byId<Resource & { note?: Array<{ text: string }>; extension?: unknown[] }>(
      bundle,
      'op2-step1-1',
    );
    expect(chemo.note?.[0]?.text).toBe('Opinion 2, step 1 of 3, definitive, together with radiation');
    expect(JSON.stringify(chemo.extension)).toContain('373808002');
    expect(byId<CarePlan>(bundle, 'op1-plan').intent).toBe('plan');
  });

  it('keeps an opinion that finds no cancer out of the mCODE cancer profiles', () => {
    const finding = byId<Condition>(bundle, 'op3-condition');

    expect(finding.meta).toBeUndefined();
    expect(finding.code).toEqual({
      coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'D86.0' }],
      text: 'Granulomatous inflammation',
    });
    expect(finding.stage).toBeUndefined();
    expect(byId<Observation>(bundle, 'op3-marker-CEA').meta).toBeUndefined();
  });

  it('lists received records as metadata only: no file name, no link', () => {
    const documents = resourcesOf(bundle).filter((resource) => resource.resourceType === 'DocumentReference');

    expect(documents.map((d) => d.id)).toEqual([
      `record-${RECORDS[0]!.recordId}`,
      `record-${RECORDS[1]!.recordId}`,
    ]);
    expect(JSON.stringify(documents)).not.toContain('Philippa-Vanterpool-biopsy');
    expect(JSON.stringify(documents)).not.toContain('"url"');
  });

  it('carries the claim when an insurer pays, and none for self-pay', () => {
    const types = (b: Bundle) => resourcesOf(b).map((resource) => resource.resourceType);
    const selfPay = buildCaseBundle(input({ claim: undefined }));

    expect(types(bundle)).toContain('Claim');
    expect(types(selfPay)).not.toContain('Claim');
  });

  it('is the same for the same case (pure)', () => {
    expect(buildCaseBundle(input())).toEqual(bundle);
  });

  it.each(CASE_STATUSES)('follows case status %s in the task', (status) => {
    const record = { ...caseRecord(ACME), status };
    const built = buildCaseBundle(input({ record, opinions: opinions(record) }));
    const task = byId<Task>(built, 'task');

    expect(task.businessStatus).toEqual({
      coding: [{ system: 'urn:concord:case-status', code: status }],
      text: status,
    });
    expect(task.status).toBe(
      status === 'completed'
        ? 'completed'
        : status === 'closed'
          ? 'cancelled'
          : status === 'needs-attention'
            ? 'on-hold'
            : status === 'received'
              ? 'received'
              : status === 'awaiting-confirmation'
                ? 'requested'
                : 'in-progress',
    );
  });

  it.each([
    ['Hodgkin lymphoma', 'C81.10', 'IIB bulky', PROFILES.lymphomaStage, 'C141189'],
    ['diffuse large B-cell lymphoma', 'C83.30', 'IV', PROFILES.lymphomaStage, 'C141158'],
    ['myeloma', 'C90.00', 'II', PROFILES.myelomaStage, undefined],
  ])('stages %s by its own system', (_name, icd10, stage, profile, method) => {
    const record = caseRecord(ACME);
    const opinion: BundleOpinion = {
      number: 1,
      author: 'Dr Lee',
      organization: 'Valley',
      icd10,
      stage,
      treatmentPlan: [{ modality: 'chemotherapy' }],
    };
    const built = buildCaseBundle(input({ record, opinions: [opinion] }));
    const observation = byId<Observation>(built, 'op1-stage');

    expect(observation.meta?.profile).toEqual([profile]);
    expect(observation.method?.coding?.[0]?.code).toBe(method);
    expect(() => validateFhir(built)).not.toThrow();
  });
});
