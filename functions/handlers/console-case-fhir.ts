import { consoleAccess, type ConsoleEvent } from '../console/access.js';
import { consoleHandler } from '../console/handler.js';
import { json, pathParameter } from '../middleware/http.js';
import { caseFhir } from '../use-cases/case-fhir.js';
import { requireCase } from '../use-cases/require-case.js';
import * as deps from '../wiring/deps.js';
import * as wiring from '../wiring/console.js';

/** GET /console/cases/{caseId}/fhir: the case as a FHIR R4 Bundle for a coordinator (or a program), never cached. */
async function consoleCaseFhir(event: ConsoleEvent) {
  const cases = deps.cases();
  const bundle = await caseFhir(pathParameter(event, 'caseId'), (id) => requireCase(cases, id), {
    assignments: deps.assignments(),
    records: deps.records(),
    directory: deps.directory(),
    publicUrl: wiring.publicUrl(),
  });
  return json(200, bundle, { 'Content-Type': 'application/fhir+json' });
}

export const handler = consoleHandler(consoleCaseFhir, {
  publicUrl: wiring.publicUrl,
  door: consoleAccess({ role: 'coordinator', publicUrl: wiring.publicUrl }),
});
