/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API binary serves dist/ (index.html for every non-/api path, /assets/* for the rest),
// so everything the page loads lives under /assets.
export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    assetsDir: 'assets',
    sourcemap: false,
  },
  server: {
    proxy: { '/api': process.env.KEYNET_API ?? 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'happy-dom',
    environmentOptions: { happyDOM: { url: 'http://localhost:5173/' } },
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});
