import type { APIGatewayProxyEvent } from 'aws-lambda';
import { jsonBody, type JsonEvent } from '../middleware/request-body.js';
import { IdempotencyKeySchema, IntakeSchema } from '../schemas/intake.js';
import * as deps from '../wiring/deps.js';
import { apiHandler } from '../middleware/api-handler.js';
import { header, json } from '../middleware/http.js';
import { parseOrThrow } from '../shared/validation.js';
import { createCase } from '../use-cases/create-case.js';

async function createCaseHttp(event: APIGatewayProxyEvent) {
  const intake = parseOrThrow(IntakeSchema, (event as JsonEvent).jsonBody, 'intake');
  const key = parseOrThrow(IdempotencyKeySchema, header(event, 'idempotency-key'), 'Idempotency-Key header', [
    'Idempotency-Key',
  ]);
  const created = await createCase(intake, key, deps.intakeDeps());
  return json(201, created, { Location: created.links.self });
}

export const handler = apiHandler(createCaseHttp).use(jsonBody());
