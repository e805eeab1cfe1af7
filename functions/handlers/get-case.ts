import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as deps from '../wiring/deps.js';
import { apiHandler } from '../middleware/api-handler.js';
import { bearerToken, json, pathParameter } from '../middleware/http.js';
import { getCase } from '../use-cases/get-case.js';

async function getCaseHttp(event: APIGatewayProxyEvent) {
  const token = bearerToken(event);
  return json(200, await getCase(pathParameter(event, 'caseId'), token, deps.cases()));
}

export const handler = apiHandler(getCaseHttp);
