import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { ApprovalPurpose, CallbackDecision, CallbackKind, CallbackRecord } from '../domain/callback.js';
import type { CaseRecord, StepChanges } from '../domain/case.js';
import { parseApprovalAnswer, PriorAuthorizationAnswerSchema } from '../schemas/decisions.js';
import { decisionBody } from '../middleware/decision-body.js';
import { wantsJson } from '../middleware/http.js';
import { json, pathParameter } from '../middleware/http.js';
import { parseOrThrow } from '../shared/validation.js';
import { approvalPage } from '../views/approval-page.js';
import { decidedPage, pageOrProblem } from '../views/callback-pages.js';
import { priorAuthorizationPage } from '../views/prior-authorization-page.js';
import { decideCallback, openCallback, openCallbackToDecide, type CallbackPorts } from './callbacks.js';
import { approvalEffects, approvalSummary } from './coverage-approval.js';
import { priorAuthorizationEffects, priorAuthorizationSummary } from './prior-authorization.js';

type Opened = { callback: CallbackRecord; caseRecord: CaseRecord };

/** What differs between kinds of signed link: the summary shown, the form, the answer, its effects. */
interface LinkKind {
  kind: CallbackKind;
  summary(opened: Opened, ports: CallbackPorts): Promise<Array<[string, string]>>;
  form(callback: CallbackRecord, summary: Array<[string, string]>, sig: string): APIGatewayProxyResult;
  parse(callback: CallbackRecord, body: unknown): Omit<CallbackDecision, 'decidedBy' | 'decidedAt'>;
  effects(decision: CallbackDecision, caseRecord: CaseRecord): StepChanges;
}

export const APPROVAL_LINK: LinkKind = {
  kind: 'approval',
  summary: approvalSummary,
  form: approvalPage,
  parse: (callback, body) => parseApprovalAnswer(callback.purpose as ApprovalPurpose, body),
  effects: approvalEffects,
};

export const PRIOR_AUTHORIZATION_LINK: LinkKind = {
  kind: 'prior-authorization',
  summary: async ({ caseRecord }) => priorAuthorizationSummary(caseRecord),
  form: priorAuthorizationPage,
  parse: (_callback, body) => parseOrThrow(PriorAuthorizationAnswerSchema, body, 'decision'),
  effects: priorAuthorizationEffects,
};

/**
 * Answers a signed link (API.md, "Emailed links"): GET and HEAD render the page, only POST decides.
 * People get HTML pages, errors included; programs asking for JSON get JSON and problem+json.
 */
export async function answerLink(
  event: APIGatewayProxyEvent,
  link: LinkKind,
  ports: CallbackPorts,
): Promise<APIGatewayProxyResult> {
  const sig = event.queryStringParameters?.sig;
  return pageOrProblem(event, async () => {
    const id = pathParameter(event, 'id');
    const opened = await (event.httpMethod === 'POST' ? openCallbackToDecide : openCallback)(
      id,
      sig,
      link.kind,
      ports,
    );
    if (event.httpMethod !== 'POST') {
      // Only the page shows the summary: a POST decides without reading it.
      const summary = await link.summary(opened, ports);
      if (!wantsJson(event)) return link.form(opened.callback, summary, sig!);
      const { callbackId, kind, purpose, status } = opened.callback;
      return json(200, { callbackId, kind, purpose, status, summary: Object.fromEntries(summary) });
    }
    const answer = link.parse(opened.callback, decisionBody(event));
    const decision = await decideCallback(opened, answer, link.effects, ports);
    return wantsJson(event) ? json(200, { status: 'recorded', ...decision }) : decidedPage(decision);
  });
}
