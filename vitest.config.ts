import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dashboard/**'],
    environment: 'node',
    globalSetup: ['packages/platform/src/testing/pglite-templates.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One fork per core: the suites wait on HTTP between in-process servers as much as they compute,
    // and Vitest's default leaves a core idle (on 2 cores the PGlite suite took 527 s, now 366 s).
    maxWorkers: availableParallelism(),
    env: { APOLLO_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'silent' },
  },
});
