import type { Express } from 'express';
import { API_ROUTES } from '../../../src/api/api-routes';

export interface MountedRoute {
  method: string;
  /** Express style, `/api/actors/:id`. */
  path: string;
}

interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every route the running Express app would answer, read from its router (not from a list kept by
 * hand), so routes another feature adds later are covered by the same tests.
 */
export function mountedRoutes(app: Express): MountedRoute[] {
  const found: MountedRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route && typeof layer.route.path === 'string') {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && method !== '_all') found.push({ method, path: `${prefix}${layer.route.path}` });
        }
      } else if (layer.handle?.stack) {
        walk(
          layer.handle.stack,
          `${prefix}${typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''}`,
        );
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found;
}

/** The API routes as declared, in Express path style, for checking the router holds all of them. */
export function declaredRoutes(): MountedRoute[] {
  return API_ROUTES.map((route) => ({
    method: route.method,
    path: `/api${route.path.replace(/\{(\w+)\}/g, ':$1')}`,
  }));
}

export const MUTATING = new Set(['post', 'put', 'patch', 'delete']);

/** A concrete URL for an Express path, each `:param` filled by `fill`. */
export function concretePath(path: string, fill: (param: string) => string): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(fill(name)));
}
