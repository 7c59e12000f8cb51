import type { AddressInfo } from 'node:net';
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
  const server = app.listen(config.port, config.host, () => {
    // The bound port, not the configured one: with PORT=0 the system picks it, and tests read it here.
    const { port } = server.address() as AddressInfo;
    logger.info(
      { url: `http://${config.host}:${port}/`, port, store: store.backend },
      'stancegraph is listening',
    );
  });
  // A client that trickles its headers or body cannot hold a socket longer than a request may take.
  server.requestTimeout = config.requestTimeoutMs;
  server.headersTimeout = Math.min(config.requestTimeoutMs, 60_000);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    // Stop accepting; requests already running finish and get their answer. Idle keep-alive sockets are
    // closed now; busy ones close after their response. Past the deadline, whatever is left is cut.
    const deadline = setTimeout(() => {
      logger.warn(
        { timeoutMs: config.shutdownTimeoutMs },
        'shutdown deadline passed: closing open connections',
      );
      server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    deadline.unref();
    // A keep-alive socket turns idle once its last response is out; close it then, not at keepAliveTimeout.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    sweep.unref();
    server.close(() => {
      clearTimeout(deadline);
      clearInterval(sweep);
      store
        .close()
        .then(() => {
          logger.info('store closed; bye');
          process.exit(0);
        })
        .catch((error: unknown) => {
          logger.error({ err: error }, 'the store failed to close');
          process.exit(1);
        });
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
