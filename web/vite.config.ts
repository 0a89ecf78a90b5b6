import { defineConfig } from 'vitest/config';

// The binary serves dist/ at "/" and its assets under "/assets/...".
// During `npm run dev`, API calls go to a running `supportlens serve` (SUPPORTLENS_URL).
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/v1': { target: process.env.SUPPORTLENS_URL ?? 'http://127.0.0.1:8080', changeOrigin: true },
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
