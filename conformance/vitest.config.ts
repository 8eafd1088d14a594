import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['cases/**/*.test.ts'],
    globalSetup: ['setup/global-setup.ts'],
    testTimeout: 30000,
    hookTimeout: 30000,
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: new URL('../.vitest-results/conformance.json', import.meta.url).pathname },
  },
});
