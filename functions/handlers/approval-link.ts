import type { APIGatewayProxyEvent } from 'aws-lambda';
import { CoverageApprovalAnswerSchema } from '../schemas/decisions.js';
import { callbackDeps } from '../shared/deps.js';
import { decisionBody, wantsJson } from '../shared/form.js';
import { apiHandler, json, pathParameter } from '../shared/http.js';
import { parseOrThrow } from '../shared/validation.js';
import { decideCallback, openCallback } from '../use-cases/callbacks.js';
import { coverageApprovalEffects, coverageSummary } from '../use-cases/coverage-approval.js';
import { approvalPage } from '../views/approval-page.js';
import { decidedPage, errorPage } from '../views/callback-pages.js';

/** GET/HEAD render the approval page; only POST decides (API.md, "Emailed links"). */
async function approvalLink(event: APIGatewayProxyEvent) {
  const sig = event.queryStringParameters?.sig;
  const ports = callbackDeps();
  try {
    const { callback, caseRecord } = await openCallback(pathParameter(event, 'id'), sig, 'approval', ports);
    const summary = coverageSummary(caseRecord);
    if (event.httpMethod !== 'POST') {
      if (wantsJson(event))
        return json(200, {
          callbackId: callback.callbackId,
          purpose: callback.purpose,
          status: callback.status,
          summary: Object.fromEntries(summary),
        });
      return approvalPage(callback, summary, sig!);
    }
    const answer = parseOrThrow(CoverageApprovalAnswerSchema, decisionBody(event), 'decision');
    const decision = await decideCallback(callback, answer, coverageApprovalEffects, ports);
    return wantsJson(event) ? json(200, { status: 'recorded', ...decision }) : decidedPage(decision);
  } catch (error) {
    if (wantsJson(event)) throw error;
    return errorPage(error);
  }
}

export const handler = apiHandler(approvalLink);
