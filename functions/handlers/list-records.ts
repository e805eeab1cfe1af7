import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as deps from '../wiring/deps.js';
import { apiHandler } from '../middleware/api-handler.js';
import { bearerToken, json, pathParameter } from '../middleware/http.js';
import { authorizedCase } from '../use-cases/get-case.js';
import { recordChecklist } from '../use-cases/records.js';

async function listRecordsHttp(event: APIGatewayProxyEvent) {
  const record = await authorizedCase(pathParameter(event, 'caseId'), bearerToken(event), deps.cases());
  return json(200, await recordChecklist(record.caseId, deps.records()));
}

export const handler = apiHandler(listRecordsHttp);
