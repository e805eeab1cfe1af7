import { z } from 'zod/mini';
import { CaseViewSchema, ProblemSchema } from './case-view.js';
import { CreatedCaseSchema, IntakeSchema } from './intake.js';

function schemaOf(schema: z.ZodMiniType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** The OpenAPI 3.1 document, generated from the same zod schemas the handlers validate with. */
export function openApiDocument(serverUrl: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'Concord', version: '0.1.0', description: 'Cancer second-opinion workflow' },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { caseAccessToken: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Intake: schemaOf(IntakeSchema, 'input'),
        CreatedCase: schemaOf(CreatedCaseSchema),
        CaseView: schemaOf(CaseViewSchema),
        Problem: schemaOf(ProblemSchema),
      },
    },
    paths: {
      '/health': {
        get: { summary: 'Liveness', responses: { '200': { description: 'Serving' } } },
      },
      '/cases': {
        post: {
          summary: 'Submit an intake',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description: 'The same key with the same body within 24 h returns the first answer',
              schema: { type: 'string', maxLength: 255 },
            },
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Intake' } } },
          },
          responses: {
            '201': {
              description: 'Case created; the access token is shown only here',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/CreatedCase' } } },
            },
            '400': problem('Invalid intake; `errors` names each bad field'),
            '413': problem('Body over 1 MiB'),
            '415': problem('Not application/json'),
            '422': problem('Idempotency-Key reused with a different body'),
          },
        },
      },
      '/cases/{caseId}': {
        get: {
          summary: 'Case status and timeline',
          security: [{ caseAccessToken: [] }],
          parameters: [{ name: 'caseId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'The case',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/CaseView' } } },
            },
            '401': problem('No bearer token'),
            '404': problem('Unknown case or wrong token'),
          },
        },
      },
    },
  };
}
