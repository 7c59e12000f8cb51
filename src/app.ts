import express from 'express';
import swaggerUi from 'swagger-ui-express';
import type { Config } from './config/config';
import { API_ROUTES } from './api/api-routes';
import { buildOpenApiDocument } from './http/openapi-document';
import {
  JSON_BODY_TYPES,
  notFoundRoute,
  problemMiddleware,
  requireJsonBody,
} from './http/problem-middleware';
import { mountRoutes } from './http/route-definition';
import { apiGuards, requestTimeout, securityHeaders } from './http/security';
import { createLogger, requestLogger, type Logger } from './shared/logger';
import type { GraphStore } from './store/graph-store';
import { webRoutes } from './web/web-routes';

/** Builds the HTTP application around a store; starting it (and closing the store) is `main.ts`'s job. */
export function createApp(store: GraphStore, config: Config, logger: Logger = createLogger(config.logLevel)) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders(), requestLogger(logger), requestTimeout(config.requestTimeoutMs));

  app.get('/health', async (_req, res) => {
    const health = await store.health();
    res.status(health.ok ? 200 : 503).json({ status: health.ok ? 'ok' : 'unavailable', store: health });
  });

  const openApiDocument = buildOpenApiDocument(API_ROUTES, config);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  app.use(
    '/api/docs',
    swaggerUi.serve,
    swaggerUi.setup(openApiDocument, { customSiteTitle: 'Stancegraph API' }),
  );

  // The API description stays public; everything below needs to pass CORS, the rate limit and the key.
  const guards = apiGuards(config);
  if (guards.length > 0) app.use('/api', ...guards);
  app.use('/api', requireJsonBody);
  // Documents carry whole articles; everything else is small, so a large body elsewhere is refused early.
  app.use('/api/documents', express.json({ limit: config.documentBodyLimit, type: JSON_BODY_TYPES }));
  app.use('/api', express.json({ limit: config.jsonBodyLimit, type: JSON_BODY_TYPES }));

  const api = express.Router();
  mountRoutes(api, API_ROUTES, { store, config });
  app.use('/api', api);

  // The interactive map, bundled by esbuild; after the API so that nothing it serves can shadow a route.
  app.use(webRoutes());

  app.use(notFoundRoute);
  app.use(
    problemMiddleware((error, req) => {
      logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    }),
  );
  return app;
}
