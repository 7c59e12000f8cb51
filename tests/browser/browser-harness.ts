import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createApp } from '../../src/app';
import { PROJECT_ROOT } from '../../src/config/config';
import { testConfig } from '../support/test-config';
import { loadSeed } from '../../src/seed/seed-loader';
import type { GraphStore } from '../../src/store/graph-store';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { WEB_DIST_DIR } from '../../src/web/web-routes';

/** Debian's Chromium, as `.ci/run` installs it. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM_PATH);

export const RESULTS_DIR = path.join(PROJECT_ROOT, 'test-results');

/**
 * Headless flags that work on a closed network: without the background-networking ones Chromium's own
 * connections are refused and it stalls. SwiftShader gives sigma its WebGL without a GPU.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--enable-unsafe-swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface RunningApp {
  baseUrl: string;
  store: GraphStore;
  close(): Promise<void>;
}

/** The real service on port 0 with the seed article loaded, as `npm start` would serve it. */
export async function startSeededApp(): Promise<RunningApp> {
  if (!fs.existsSync(path.join(WEB_DIST_DIR, 'index.html')))
    throw new Error('stancegraph/browser-tests: the page is not built; run `npm run build:web` first');
  const store = openSqliteStore({ dataDir: ':memory:' });
  await loadSeed(store, path.join(PROJECT_ROOT, 'seed'));
  const server: Server = await new Promise((resolve) => {
    const listening = createApp(store, testConfig()).listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    store,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}

/** One line, once, where there is no browser: the suite is skipped, not failed. */
export function describeWithChromium(name: string, body: () => void): void {
  if (hasChromium) {
    describe(name, body);
    return;
  }
  process.stderr.write(
    `stancegraph/browser-tests: skipped "${name}": no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)\n`,
  );
  describe.skip(name, body);
}
