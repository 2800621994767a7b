import {defineConfig} from 'vitest/config';

// Three projects: pure and command tests, integration tests that drive the real package
// managers (dpkg, rpm, apt, dnf, zypper) in sandbox roots, and the reliability tier (bad
// inputs, kills, contention) whose global teardown prints the figures.
//
// Time limits are there to end a test that hangs, never to measure one: a busy 2-core machine
// may take many times longer than a quiet one, so each limit is far above what any test needs
// there (bound the work a test does, not the time it takes).
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
          exclude: ['test/integration/**', 'test/reliability/**', 'node_modules/**'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 900_000,
          hookTimeout: 1_800_000,
        },
      },
      {
        test: {
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          globalSetup: ['test/reliability/global-setup.ts'],
          testTimeout: 1_800_000,
          hookTimeout: 1_800_000,
        },
      },
    ],
  },
});
