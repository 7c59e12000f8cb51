import { entityRoutes } from '../entities/entity-routes';

export const documentRoutes = entityRoutes('documents');
