/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

export default getViteConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration and browser files each start their own server on their own port.
    pool: 'forks',
    // TEST_ENGINE=postgres (npm run test:postgres): one throwaway cluster for the run.
    globalSetup: ['test/support/global-setup.ts'],
  },
});
