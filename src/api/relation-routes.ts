import { entityRoutes } from './entity-routes';

export const relationRoutes = entityRoutes('relations');
