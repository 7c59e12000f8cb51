import type { Server } from 'node:http';
import { createApp } from './app';
import { loadConfig } from './config/config';
import { isEmpty, loadSeed } from './seed/seed-loader';
import { createLogger } from './shared/logger';
import { openStore } from './store/store-factory';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const store = await openStore(config);
  if (config.seedOnStart && (await isEmpty(store))) {
    const counts = await loadSeed(store, config.seedDir);
    logger.info({ counts }, 'store was empty: seed loaded');
  }
  const app = createApp(store, config, logger);
  const server: Server = app.listen(config.port, config.host, () => {
    logger.info(
      { url: `http://${config.host}:${config.port}/`, store: store.backend },
      'stancegraph is listening',
    );
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close(() => {
      store.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
