import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `root` is this folder whatever the working directory: Vite resolves import.meta.dirname to the
// config file's own folder. The root vitest.config.ts extends this file (with its own test.root).
export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  plugins: [react()],
  build: {
    outDir: "../dist/renderer",
    emptyOutDir: true,
  },
});
