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
};
