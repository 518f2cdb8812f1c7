// Vitest globalSetup of the e2e-electron project. Without the Electron binary it prints the one line
// that says why the suite is skipped (the test files skip themselves). With it, it builds what the
// app runs from — the renderer (dist/renderer) and the main process and preload (dist/electron),
// which electron-builder also packs — and creates the test CA that both Prosody's certificates and
// the launched app (NODE_EXTRA_CA_CERTS) use.
import { join, resolve } from "node:path";
import { build } from "vite";
import { buildElectron } from "../../electron/build.js";
import setupTestCa from "../server/global-setup.js";
import { findElectronBinary, SKIP_LINE } from "./electron-binary.js";

const ROOT = resolve(import.meta.dirname, "../..");

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (!findElectronBinary().found) {
    console.log(SKIP_LINE);
    return undefined;
  }
  // Vite's own API rather than its command: `npx` is not spawnable without a shell on Windows.
  await build({ configFile: join(ROOT, "renderer/vite.config.ts"), logLevel: "warn" });
  await buildElectron();
  return setupTestCa();
}
