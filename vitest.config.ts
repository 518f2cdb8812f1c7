import { defineConfig } from "vitest/config";

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
          name: "integration",
          include: ["test/integration/**/*.test.ts", "test/server/**/*.test.ts"],
          globalSetup: ["test/server/global-setup.ts"],
          // Each file starts its own Prosody; two cores, so one file at a time keeps timings honest.
          pool: "forks",
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
