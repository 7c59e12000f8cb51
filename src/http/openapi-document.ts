import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { Config } from '../config/config';
import { API_KEY_SCHEME, registerRoutes, type ApiAccess, type RouteDefinition } from './route-definition';

/**
 * The OpenAPI document of this service as configured: which operations need the API key, and whether
 * the rate limit can answer 429, follow the settings the guards in `security.ts` run with.
 */
export function buildOpenApiDocument(routes: RouteDefinition[], config: Config) {
  const access: ApiAccess = {
    apiKey: config.apiKey !== undefined || config.apiKeys.length > 0,
    apiKeyReads: config.apiKeyReads,
    rateLimited: config.rateLimitMax > 0,
  };
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', API_KEY_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    description: [
      'The API key, sent as `Authorization: Bearer <API_KEY>` (no other header is read).',
      'When the service is started with API_KEY, every POST, PUT, PATCH and DELETE under /api needs it;',
      'with API_KEY_READS=true, reads under /api need it too. /health, /api/openapi.json and /api/docs',
      'stay open. A missing or wrong key is answered 401 with a WWW-Authenticate header.',
      `On this service: ${accessSummary(access)}.`,
    ].join(' '),
  });
  registerRoutes(registry, routes, access);
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

function accessSummary(access: ApiAccess): string {
  if (!access.apiKey) return 'no API key is configured, so no operation needs one';
  return access.apiKeyReads
    ? 'a key is configured and reads are protected: every operation under /api needs it'
    : 'a key is configured: mutating operations need it, reads do not';
}
