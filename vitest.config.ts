import { defineConfig } from "vitest/config";

/**
 * Suites against a real Prosody: the test CA (NODE_EXTRA_CA_CERTS, inherited by every process a
 * test spawns), and one file at a time — each starts its own Prosody, and two cores keep timings honest.
 */
const againstTheServer = {
  globalSetup: ["test/server/global-setup.ts"],
  pool: "forks" as const,
  fileParallelism: false,
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
        },
      },
      {
        extends: "./renderer/vite.config.ts",
        test: {
          name: "renderer",
          root: ".",
          include: ["renderer/**/*.test.{ts,tsx}"],
          environment: "happy-dom",
        },
      },
      {
        test: {
          name: "web",
          include: ["test/web/**/*.test.ts"],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "electron",
          include: ["test/electron/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "e2e-electron",
          include: ["test/e2e-electron/**/*.test.ts"],
          // Says once why the suite is skipped when the Electron binary is missing; otherwise creates
          // the test CA that the launched app trusts through NODE_EXTRA_CA_CERTS.
          globalSetup: ["test/e2e-electron/global-setup.ts"],
          pool: "forks",
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts", "test/server/**/*.test.ts"],
          ...againstTheServer,
        },
      },
      {
        test: {
          name: "cli",
          include: ["test/cli/**/*.test.ts"],
          ...againstTheServer,
        },
      },
      {
        test: {
          name: "faults",
          include: ["test/faults/**/*.test.ts"],
          globalSetup: ["test/server/global-setup.ts"],
          // Each file starts its own Prosody and freezes, kills or restarts it: one file at a time.
          pool: "forks",
          fileParallelism: false,
          // Some faults are only noticed after the product's own timeouts (a 15 s request timeout).
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          // A test CA for the Prosody certificates, then one renderer build (its own folder, not dist/renderer) for every test.
          globalSetup: ["test/server/global-setup.ts", "test/e2e/build-renderer.ts"],
          // Each file starts its own Prosody and Chromium; one file at a time.
          pool: "forks",
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
