import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['cases/**/*.test.ts'],
    globalSetup: ['setup/global-setup.ts'],
    testTimeout: 30000,
    hookTimeout: 30000,
  },
});
