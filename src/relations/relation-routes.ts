import { entityRoutes } from '../entities/entity-routes';

export const relationRoutes = entityRoutes('relations');
