// Vitest globalSetup for the end-to-end tests: builds the renderer once per run with the same
// config `npm run web` uses (renderer/vite.config.ts).
//
// The output goes to a folder of this run's own, not to dist/renderer: other runs in the same tree
// (the Electron suite, `npm run web`) rebuild dist/renderer with emptyOutDir, and a test whose host
// serves a folder that is being emptied gets a 404 for index.html.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** Read by test/e2e/browser-mode.ts in the forked workers (they inherit this process's env). */
export const STATIC_DIR_ENV = "WARDEN_E2E_STATIC_DIR";

export default async function setup(): Promise<() => Promise<void>> {
  const outDir = await mkdtemp(join(tmpdir(), "warden-e2e-renderer-"));
  const vite = join(ROOT, "node_modules", ".bin", "vite");
  const result = spawnSync(vite, ["build", "--config", "renderer/vite.config.ts", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (result.status !== 0) throw new Error(`vite build failed (${result.error?.message ?? `exit ${result.status ?? result.signal ?? "?"}`})`);
  if (!existsSync(join(outDir, "index.html"))) throw new Error(`vite build wrote no ${join(outDir, "index.html")}`);
  process.env[STATIC_DIR_ENV] = outDir;
  return async () => {
    delete process.env[STATIC_DIR_ENV];
    await rm(outDir, { recursive: true, force: true });
  };
}
