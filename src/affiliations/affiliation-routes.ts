import { entityRoutes } from '../entities/entity-routes';

export const affiliationRoutes = entityRoutes('affiliations');
