import { defineConfig } from 'vite';

/** The pages' browser scripts (content-hashed, with a manifest), served by the gateway under /assets/pages/. */
export default defineConfig({
  base: './',
  publicDir: false,
  build: {
    outDir: 'dist/pages',
    emptyOutDir: true,
    manifest: true,
    target: 'es2020',
    rollupOptions: { input: { dashboard: 'src/pages/dashboard.ts', profile: 'src/pages/profile.css' } },
  },
});
