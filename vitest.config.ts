import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Real processes, real Chromium and real sockets: generous, but a hang still fails.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks'
  }
})
