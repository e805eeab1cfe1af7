import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as deps from '../shared/deps.js';
import { apiHandler, bearerToken, json, pathParameter } from '../shared/http.js';
import { getCase } from '../use-cases/get-case.js';

async function getCaseHttp(event: APIGatewayProxyEvent) {
  const token = bearerToken(event);
  return json(200, await getCase(pathParameter(event, 'caseId'), token, deps.cases()));
}

export const handler = apiHandler(getCaseHttp);
