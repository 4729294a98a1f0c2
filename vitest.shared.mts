import { createRequire } from 'node:module';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * One vitest setup for every workspace: `*.test.ts` (in-process) and `*.e2e.ts` (real servers and sockets)
 * as two projects, one PostgreSQL per run (global setup), and `graphql` pinned to its single CommonJS entry so
 * vite-inlined sources and Apollo share one graphql realm.
 */
export function hubVitestConfig(options: { globalSetup?: string; timeoutMs?: number } = {}): ViteUserConfig {
  const shared = {
    testTimeout: options.timeoutMs ?? 60_000,
    hookTimeout: options.timeoutMs ?? 120_000,
  };
  return defineConfig({
    resolve: { alias: { graphql: require.resolve('graphql') } },
    test: {
      globalSetup: options.globalSetup ? [options.globalSetup] : [],
      reporters: [
        'default',
        ['json', { outputFile: `test-results/vitest-${process.env.HUB_TEST_RUN ?? 'run'}.json` }],
      ],
      projects: [
        { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], ...shared } },
        { extends: true, test: { name: 'e2e', include: ['test/**/*.e2e.ts'], ...shared } },
      ],
    },
  });
}
