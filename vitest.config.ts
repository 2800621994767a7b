import {defineConfig} from 'vitest/config';

// Two projects: fast pure tests, and integration tests that drive the real
// package managers (dpkg, rpm, apt, dnf, zypper) in sandbox roots.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // ink switches to its CI mode (no intermediate frames, only a final write on unmount)
          // whenever CI is set, as it is when .ci/run runs; the prompt tests read frames with
          // ink-testing-library, so they need ink's terminal behaviour. Nothing else reads CI.
          env: {CI: 'false'},
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/integration/**', 'node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
