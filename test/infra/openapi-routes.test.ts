import { OPENAPI_PACKED } from '../../functions/schemas/openapi-document.js';
import { unpackJson } from '../../functions/shared/packed-json.js';
import { openApiDocument } from '../../functions/schemas/openapi.js';
import { ROUTES } from '../../infra/routes.js';

type PathItems = Record<string, Record<string, unknown>>;

/** The document's paths, each path item reference ($ref, OpenAPI 3.1) replaced by the item it names. */
function resolvedPaths(): PathItems {
  const document = openApiDocument() as { paths: PathItems; components: { pathItems?: PathItems } };
  return Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => {
      const ref = typeof item.$ref === 'string' ? /^#\/components\/pathItems\/(\w+)$/.exec(item.$ref) : null;
      return [path, ref ? document.components.pathItems![ref[1]!]! : item];
    }),
  );
}

describe('GET /openapi.json', () => {
  it('documents every route the API serves, with its method', () => {
    // Arrange
    const paths = resolvedPaths();

    // Act
    const missing = ROUTES.filter((route) => route.path !== '/openapi.json')
      .filter((route) => !paths[route.path]?.[route.method.toLowerCase()])
      .map((route) => `${route.method} ${route.path}`);

    // Assert
    expect(missing).toEqual([]);
  });

  it('gives every request body a schema reference per media type', () => {
    const paths = resolvedPaths();
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
    expect(unpackJson(OPENAPI_PACKED)).toEqual(openApiDocument());
  });
});
