import type { APIGatewayProxyEvent } from 'aws-lambda';
import { jsonBody, type JsonEvent } from '../middleware/request-body.js';
import { RecordRequestSchema } from '../schemas/records.js';
import * as setting from '../shared/config.js';
import * as deps from '../wiring/deps.js';
import { apiHandler } from '../middleware/api-handler.js';
import { bearerToken, json, pathParameter } from '../middleware/http.js';
import { parseOrThrow } from '../shared/validation.js';
import { authorizedCase } from '../use-cases/get-case.js';
import { requestUpload } from '../use-cases/records.js';

async function createRecordHttp(event: APIGatewayProxyEvent) {
  const record = await authorizedCase(pathParameter(event, 'caseId'), bearerToken(event), deps.cases());
  const request = parseOrThrow(RecordRequestSchema, (event as JsonEvent).jsonBody, 'record');
  const grant = await requestUpload(record, request, {
    records: deps.records(),
    files: deps.files(),
    secrets: deps.secrets(),
    settings: { recordMaxBytes: setting.recordMaxBytes(), uploadUrlSeconds: setting.uploadUrlSeconds() },
  });
  return json(201, grant);
}

export const handler = apiHandler(createRecordHttp).use(jsonBody());
