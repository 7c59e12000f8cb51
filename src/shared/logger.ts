import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs on stdout. Never log document text, request bodies or credentials. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'stancegraph' },
    redact: ['password', '*.password', 'authorization'],
  });
}
