/**
 * api/: every route under /api, declared with its schemas next to the use case it calls. Uses the features
 * and the HTTP framework pieces in http/; src/app.ts mounts them.
 */
import { actorRoutes } from './actor-routes';
import { analyticsRoutes } from './measure-routes';
import { affiliationRoutes } from './affiliation-routes';
import { documentRoutes } from './document-routes';
import { importRoutes } from './import-routes';
import { jobRoutes } from './job-routes';
import { reviewRoutes } from './review-routes';
import { searchRoutes } from './search-routes';
import { networkRoutes } from './network-routes';
import { relationRoutes } from './relation-routes';
import { relationshipRoutes } from './counterpart-routes';
import { statementRoutes } from './statement-routes';
import { topicRoutes } from './topic-routes';
import type { RouteDefinition } from '../http/route-definition';

/** Every route under /api, in the order they are matched. */
export const API_ROUTES: RouteDefinition[] = [
  ...actorRoutes,
  ...topicRoutes,
  ...documentRoutes,
  ...statementRoutes,
  ...relationRoutes,
  ...affiliationRoutes,
  ...relationshipRoutes,
  ...networkRoutes,
  ...analyticsRoutes,
  ...importRoutes,
  ...jobRoutes,
  ...searchRoutes,
  ...reviewRoutes,
];
