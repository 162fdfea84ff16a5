import pino from 'pino';

/** Structured JSON logs; one child logger per service. Level from `LOG_LEVEL` (default `info`, `silent` in tests). */
export const rootLogger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
});

export type Logger = pino.Logger;
