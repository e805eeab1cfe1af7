import type { APIGatewayProxyResult } from 'aws-lambda';
import { json, pathParameter, wantsJson } from '../middleware/http.js';
import { caseFile, type CaseFilePorts } from '../use-cases/console/case-file.js';
import { casePage } from '../views/console/case-page.js';
import type { ConsoleEvent } from './access.js';
import { answersJson, frameOf, type ConsoleSite } from './frame.js';

/** `GET /console/cases/{caseId}`: the whole case, as a page or as JSON (API.md). */
export async function answerCase(
  event: ConsoleEvent,
  ports: CaseFilePorts & { site: ConsoleSite },
  now = new Date(),
): Promise<APIGatewayProxyResult> {
  const file = await caseFile(pathParameter(event, 'caseId'), ports, now);
  if (answersJson(event, wantsJson(event))) return json(200, file);
  // Back from a decision taken here (post, redirect, get): the page says it is recorded.
  const decided = event.queryStringParameters?.decided;
  return casePage(
    frameOf(event, ports.site),
    file,
    now,
    decided !== undefined && !file.pending.some((step) => step.callbackId === decided),
  );
}
