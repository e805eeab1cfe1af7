import { OPENAPI_DOCUMENT } from '../../functions/schemas/openapi-document.js';
import { openApiDocument } from '../../functions/schemas/openapi.js';
import { ROUTES } from '../../infra/routes.js';

describe('GET /openapi.json', () => {
  it('documents every route the API serves, with its method', () => {
    // Arrange
    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;

    // Act
    const missing = ROUTES.filter((route) => route.path !== '/openapi.json')
      .filter((route) => !paths[route.path]?.[route.method.toLowerCase()])
      .map((route) => `${route.method} ${route.path}`);

    // Assert
    expect(missing).toEqual([]);
  });

  it('gives every request body a schema reference per media type', () => {
    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;
    const bodies = Object.values(paths).flatMap((item) =>
      Object.values(item).flatMap((operation) => {
        const body = (operation as { requestBody?: { content: Record<string, { schema: unknown }> } })
          .requestBody;
        return body ? Object.entries(body.content) : [];
      }),
    );
    expect(bodies.length).toBeGreaterThan(5);
    for (const [mediaType, { schema }] of bodies) {
      expect(mediaType).toMatch(/^application\/(json|x-www-form-urlencoded)$/);
      expect(schema).toEqual({ $ref: expect.stringMatching(/^#\/components\/schemas\/\w+$/) });
    }
  });

  it('states the clinical fields both opinions share once, as components both refer to', () => {
    const document = openApiDocument() as {
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const { schemas } = document.components;
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)];
    for (const [, name] of refs) expect(Object.keys(schemas)).toContain(name);
    const firstOpinion = schemas.Intake!.properties!.firstOpinion as { properties: Record<string, unknown> };
    for (const field of ['histology', 'grade', 'staging', 'biomarkers', 'treatmentPlan', 'notCancer']) {
      expect(firstOpinion.properties[field]).toEqual(schemas.Opinion!.properties![field]);
      expect(schemas.Opinion!.properties![field]).toEqual({
        $ref: expect.stringMatching(/^#\/components\/schemas\//),
      });
    }
  });

  it('is served as generated from the zod schemas (run `npm run openapi` after changing them)', () => {
    expect(OPENAPI_DOCUMENT).toEqual(openApiDocument());
  });
});
