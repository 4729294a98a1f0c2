import { defineConfig } from 'vite';

/** The embeddable widgets as one classic script, dist/widgets/widget.js, served by the gateway at /widget.js. */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/widgets',
    emptyOutDir: true,
    target: 'es2020',
    lib: {
      entry: 'src/widgets/index.ts',
      formats: ['iife'],
      name: 'HubWidgets',
      fileName: () => 'widget.js',
    },
  },
});
