import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn the built CLI; two cores leave little room for more workers.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Tests never see the developer's real environment by accident.
    env: { NO_COLOR: '1' },
  },
});
