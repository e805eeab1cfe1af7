/**
 * The coordinator console's routes in the OpenAPI document: people by session cookie, programs by token.
 * Kept terse: the document is bundled into the openapi function, whose size has a budget.
 */

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

export const consoleSecuritySchemes = {
  consoleSession: { type: 'apiKey', in: 'cookie', name: 'concord_console' },
  consoleAccessToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
};

/** A coordinator's action on a case: JSON from programs, or the case view's form (then a 303 back to the case). */
const action = (summary: string, body: string) => ({
  post: {
    summary,
    security: [{ consoleSession: [] }, { consoleAccessToken: [] }],
    parameters: [{ $ref: '#/components/parameters/CaseId' }],
    requestBody: {
      content: {
        'application/json': { schema: { $ref: `#/components/schemas/${body}` } },
        'application/x-www-form-urlencoded': { schema: { $ref: `#/components/schemas/${body}` } },
      },
    },
    responses: { default: { $ref: '#/components/responses/CaseAction' } },
  },
});
const text = { type: 'string' };

/** What the actions share, once. */
export const consoleComponents = {
  parameters: { CaseId: { name: 'caseId', in: 'path', required: true, schema: text } },
  responses: {
    CaseAction: {
      description:
        '200 `{ caseId, ... }`; a form: 303 to the case view; 400 invalid, 401 no credential, 403 not a ' +
        'coordinator or cross-site, 404 no such case or step, 409 stale (says what happened): problem+json',
    },
  },
};

export const consolePaths = {
  '/console': {
    get: {
      summary: 'Who is signed in: a page, or `{ principal }` as JSON',
      security: [{ consoleSession: [] }, { consoleAccessToken: [] }],
      responses: {
        '200': { description: 'The page or `{ principal }`' },
        '302': { description: 'A page without a session: to sign-in' },
        '401': problem('No credential (JSON)'),
        '403': problem('Not a coordinator'),
      },
    },
  },
  '/console/cases': {
    get: {
      summary:
        'The work queue (API.md): `view` open|finished, filters `status` `waitingOn` `cancerType` `urgency` `payerId` `overdue`, `limit`, `cursor`',
      security: [{ consoleSession: [] }, { consoleAccessToken: [] }],
      responses: {
        '200': {
          description:
            '`{ items: [{ caseId, status, waitingOn, waitingSince, dueAt, overdue, ... }], next? }`',
        },
        '400': problem('Bad filter or cursor'),
        '401': problem('No credential'),
        '403': problem('Not a coordinator'),
      },
    },
  },
  '/console/cases/{caseId}': {
    get: {
      summary: 'One case whole (PHI; no-store): intake, coverage, records, opinions, `pending`, timeline',
      security: [{ consoleSession: [] }, { consoleAccessToken: [] }],
      responses: {
        '200': { description: 'The page, or the case as JSON' },
        '401': problem('No credential'),
        '403': problem('Not a coordinator'),
        '404': problem('No such case'),
      },
    },
  },
  '/console/cases/{caseId}/fhir': {
    get: {
      summary: 'The case as a FHIR R4 Bundle (as GET /cases/{caseId}/fhir answers it), for a coordinator',
      security: [{ consoleSession: [] }, { consoleAccessToken: [] }],
      responses: {
        '200': { description: 'The Bundle, as application/fhir+json, never cached' },
        '401': problem('No credential'),
        '403': problem('Not a coordinator'),
        '404': problem('No such case'),
      },
    },
  },
  '/console/cases/{caseId}/decisions': {
    post: {
      summary:
        'Decide a pending approval or prior authorization `{ callbackId, decision, basis?, reference?, comment? }` (form with `csrf`, or JSON); first decision wins',
      security: [{ consoleSession: [] }, { consoleAccessToken: [] }],
      responses: {
        '200': { description: '`{ status: recorded, callbackId, decision, decidedBy, decidedAt, via }`' },
        '303': { description: 'A form: back to the case' },
        '400': problem('Bad answer, or a step the console does not decide'),
        '403': problem('Not a coordinator, or cross-site'),
        '404': problem('No such step on this case'),
        '409': problem('Already decided (by whom, when, where)'),
        '410': problem('Expired, or the case stopped'),
      },
    },
  },
  '/console/sign-in': {
    get: {
      summary: 'Sign in at the provider (code, PKCE), or renew and go back to `returnTo`',
      responses: { '302': { description: 'To the provider, or back' } },
    },
  },
  '/console/callback': {
    get: {
      summary: "The provider's answer: opens the session",
      responses: { '200': { description: 'On to the console' }, '400': problem('Refused or expired') },
    },
  },
  '/console/sign-out': {
    get: { summary: 'Signed out', responses: { '200': { description: 'The page' } } },
    post: {
      summary: 'Sign out (same origin, field `csrf` or header X-CSRF-Token)',
      security: [{ consoleSession: [] }],
      responses: { '303': { description: "To the provider's sign-out" }, '403': problem('Cross-site') },
    },
  },
  '/console/cases/{caseId}/resume': action('Resume a needs-attention case', 'ConsoleReason'),
  '/console/cases/{caseId}/cancel': action('Cancel a case', 'ConsoleReason'),
  '/console/cases/{caseId}/resend': action("Re-send a pending step's link", 'ConsoleResend'),
  '/console/cases/{caseId}/extend': action(
    "Extend a pending step's deadline (`until` or `days`)",
    'ConsoleExtend',
  ),
  '/console/cases/{caseId}/reassign': action('Withdraw the specialist and match again', 'ConsoleReason'),
  '/console/cases/{caseId}/take-back-links': action(
    'Take back every status, report and claim link of the case (410 from the next request)',
    'ConsoleReason',
  ),
};
