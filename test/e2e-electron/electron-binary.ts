// Where the Electron binary is, found the way node_modules/electron/index.js finds it — but without
// its fallback of downloading the binary, so nothing here touches the network.
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export const SKIP_LINE =
  "e2e-electron: skipped — the Electron binary is not installed (Electron downloads it on first use from its release host, unreachable here)";

/** `distDir`: the folder holding Electron's runtime, which electron-builder packs as the app's (its `electronDist`). */
export type ElectronBinary = { found: true; path: string; distDir: string } | { found: false; reason: string };

export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve("electron/package.json"));
  } catch {
    return { found: false, reason: "the electron npm package is not installed" };
  }
  const pathFile = join(packageDir, "path.txt");
  const executable = existsSync(pathFile) ? readFileSync(pathFile, "utf8").trim() : undefined;
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, "dist");
  if (executable === undefined && env.ELECTRON_OVERRIDE_DIST_PATH === undefined) {
    return { found: false, reason: `${pathFile} is missing: the binary was never downloaded` };
  }
  const binary = join(distDir, executable ?? "electron");
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    return { found: false, reason: `${binary} is missing or not executable` };
  }
  return { found: true, path: binary, distDir };
}
