import { defineConfig } from 'vite';

/**
 * The playground as static files for the gateway to serve: one entry script (src/main.tsx) and its
 * stylesheet, lazily loaded chunks (Monaco's GraphQL mode, prettier), Monaco's three workers as files, every
 * name content-hashed. dist/.vite/manifest.json tells the gateway which files the page loads.
 */
export default defineConfig({
  // relative URLs between the files: the page works under whatever path the gateway serves it from
  base: './',
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    // fonts, icons and images stay files (nothing inlined as data: URLs by Vite; GraphiQL's own fonts already are)
    assetsInlineLimit: 0,
    // Monaco alone is ~3 MB; the gateway gzips and caches every file
    chunkSizeWarningLimit: 5000,
    rollupOptions: {
      input: 'src/main.tsx',
      onwarn(warning, warn) {
        // React Server Components' "use client" markers in framer-motion and Radix mean nothing in a bundle
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
