import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'node/test/**/*.test.ts',
      'apps/viewer/test/**/*.test.ts',
      'tests/**/*.test.ts',
      'bench/test/**/*.test.ts',
    ],
    reporters: ['default', './tests/reporters/summary.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
