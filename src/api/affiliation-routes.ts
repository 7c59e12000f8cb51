import { entityRoutes } from './entity-routes';

export const affiliationRoutes = entityRoutes('affiliations');
