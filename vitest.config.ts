import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS and ESM builds side by side; Node resolves both our imports and
    // Apollo's require() to the CommonJS one, and the tests must do the same, or schemas built by
    // one copy are rejected by the other ("from another module or realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real servers on ephemeral ports; forks keep them isolated.
    pool: 'forks',
  },
});
