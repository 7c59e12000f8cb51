/**
 * web/: serving the bundled stance map page. Uses config.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { PROJECT_ROOT } from '../config/config';

/** Where `npm run build:web` puts the page (see web/build-web.mjs). */
export const WEB_DIST_DIR = path.join(PROJECT_ROOT, 'dist', 'web');

/**
 * The page's content-security policy: only this service's own scripts run, so that even a quote that
 * slipped into the DOM as markup could not execute. Styles may be inline because sigma sets them.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built page at `/`. Hashed assets are cached for a year; index.html is revalidated on every
 * load so that a new build is picked up at once. Without a build, `/` says how to make one.
 */
export function webRoutes(distDir: string = WEB_DIST_DIR): Router {
  const router = express.Router();
  const index = path.join(distDir, 'index.html');
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  router.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d' }));
  router.get('/', (_req, res) => {
    if (!fs.existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send('stancegraph/web: the page is not built; run `npm run build` (or `npm start`).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
