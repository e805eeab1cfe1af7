import { openApiDocument } from '../../functions/schemas/openapi.js';
import { ROUTES } from '../../infra/routes.js';

describe('GET /openapi.json', () => {
  it('documents every route the API serves, with its method', () => {
    // Arrange
    const paths = openApiDocument('http://127.0.0.1:3000').paths as Record<string, Record<string, unknown>>;

    // Act
    const missing = ROUTES.filter((route) => route.path !== '/openapi.json')
      .filter((route) => !paths[route.path]?.[route.method.toLowerCase()])
      .map((route) => `${route.method} ${route.path}`);

    // Assert
    expect(missing).toEqual([]);
  });
});
