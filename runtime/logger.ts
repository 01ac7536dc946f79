import { pino, type DestinationStream, type Logger } from 'pino';

export type { DestinationStream, Logger };

// One JSON line per event on stdout (12-factor); LOG_LEVEL is validated by each service's config.
// `destination` is for tests that read the lines (a stream of their own); stdout otherwise.
export function createLogger(name: string, level = 'info', destination?: DestinationStream): Logger {
  const options = { name, level, base: { service: name } };
  return destination ? pino(options, destination) : pino(options);
}

export const silentLogger: Logger = pino({ level: 'silent' });
