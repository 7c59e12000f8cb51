import { actorRoutes } from '../actors/actor-routes';
import { analyticsRoutes } from '../analytics/analytics-routes';
import { affiliationRoutes } from '../affiliations/affiliation-routes';
import { documentRoutes } from '../documents/document-routes';
import { importRoutes } from '../imports/import-routes';
import { networkRoutes } from '../network/network-routes';
import { relationRoutes } from '../relations/relation-routes';
import { relationshipRoutes } from '../relationships/relationship-routes';
import { statementRoutes } from '../statements/statement-routes';
import { topicRoutes } from '../topics/topic-routes';
import type { RouteDefinition } from './route-definition';

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
];
