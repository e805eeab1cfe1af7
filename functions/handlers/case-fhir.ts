import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as deps from '../wiring/deps.js';
import { apiHandler } from '../middleware/api-handler.js';
import { bearerToken, json, pathParameter } from '../middleware/http.js';
import * as setting from '../shared/config.js';
import { caseFhir } from '../use-cases/case-fhir.js';
import { authorizedCase } from '../use-cases/get-case.js';

/** GET /cases/{caseId}/fhir with the case access token: PHI, so never cached (json() says no-store). */
async function caseFhirHttp(event: APIGatewayProxyEvent) {
  const token = bearerToken(event);
  const cases = deps.cases();
  const bundle = await caseFhir(pathParameter(event, 'caseId'), (id) => authorizedCase(id, token, cases), {
    assignments: deps.assignments(),
    records: deps.records(),
    directory: deps.directory(),
    publicUrl: setting.publicUrl(),
  });
  return json(200, bundle, { 'Content-Type': 'application/fhir+json' });
}

export const handler = apiHandler(caseFhirHttp);
