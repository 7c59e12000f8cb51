import { entityRoutes } from './entity-routes';

export const statementRoutes = entityRoutes('statements');
