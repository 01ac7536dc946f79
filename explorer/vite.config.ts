import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Two pages from one build: the explorer (index.html, Preact) and GraphiQL (graphiql.html, React,
// its own bundle so the explorer's first load stays small). The gateway serves dist/explorer/
// (gateway/explorer/serve-explorer.ts); nothing is loaded from anywhere else.

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: here('../dist/explorer'),
    emptyOutDir: true,
    target: 'es2022',
    // No inlined assets: data: URLs in scripts or styles would need a laxer Content-Security-Policy.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 6000,
    rollupOptions: {
      input: { index: here('index.html'), graphiql: here('graphiql.html') },
      // GraphiQL's dependencies mark React server-component boundaries, which mean nothing in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
