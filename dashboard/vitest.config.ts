import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
    env: { APOLLO_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'silent' },
  },
});
