import { pino, type Logger } from 'pino';

export type { Logger };

// One JSON line per event on stdout (12-factor); LOG_LEVEL is validated by each service's config.
export function createLogger(name: string, level = 'info'): Logger {
  return pino({ name, level, base: { service: name } });
}

export const silentLogger: Logger = pino({ level: 'silent' });
