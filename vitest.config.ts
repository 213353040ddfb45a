import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    // A PostgreSQL server for the tests when TEST_DATABASE_URL names none.
    globalSetup: ['tests/postgres-setup.ts'],
  },
});
