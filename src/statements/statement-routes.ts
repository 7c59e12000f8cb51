import { entityRoutes } from '../entities/entity-routes';

export const statementRoutes = entityRoutes('statements');
