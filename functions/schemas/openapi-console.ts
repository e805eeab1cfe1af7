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
};
