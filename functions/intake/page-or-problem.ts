import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { wantsJson } from '../middleware/http.js';
import { errorPage } from '../views/callback-pages.js';

/** People get pages, refusals included; a program asking for JSON gets problem+json. */
export async function pageOrProblem(
  event: APIGatewayProxyEvent,
  answer: () => Promise<APIGatewayProxyResult>,
): Promise<APIGatewayProxyResult> {
  try {
    return await answer();
  } catch (error) {
    if (wantsJson(event)) throw error;
    return errorPage(error);
  }
}
