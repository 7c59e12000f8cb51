import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { registerRoutes, type RouteDefinition } from './route-definition';

export function buildOpenApiDocument(routes: RouteDefinition[]) {
  const registry = new OpenAPIRegistry();
  registerRoutes(registry, routes);
  registry.registerPath({
    method: 'get',
    path: '/health',
    summary: 'Whether the service and its store answer',
    tags: ['Service'],
    responses: { 200: { description: 'Healthy' }, 503: { description: 'The store does not answer' } },
  });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Stancegraph API',
      version: '0.1.0',
      description:
        'Who takes which stance on which proposition, who opposes whom, which coalitions form, and the quote and source behind every edge.',
    },
    servers: [{ url: '/' }],
  });
}
