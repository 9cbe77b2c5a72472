import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'server/src/**/*.test.ts',
      'server/test/**/*.test.ts',
      'contracts/src/**/*.test.ts',
      'e2e/**/*.test.ts',
    ],
    globalSetup: ['server/test/global-setup.ts'],
    // PGlite holds ~0.5 GB per open database: two files at a time fit a 2-core machine.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
