// Launches the built app (dist/electron, dist/renderer) with the real Electron binary, as a first
// run: a fresh user-data folder, a keychain service and an autostart folder of its own, all gone
// after close().
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { _electron, type ElectronApplication, type Page } from "playwright-core";
import { ELECTRON_OUT_DIR, PRELOAD_BUNDLE } from "../../electron/build-layout.js";

export const ROOT = resolve(import.meta.dirname, "../..");
export const PRELOAD_PATH = join(ROOT, ELECTRON_OUT_DIR, PRELOAD_BUNDLE);

export type LaunchedWarden = {
  app: ElectronApplication;
  /** The window's page, its DOM loaded. */
  page: Page;
  /** What Warden was started with, to start it a second time the same way. */
  executablePath: string;
  args: string[];
  env: Record<string, string>;
  /** The test's autostart folder (Linux: $XDG_CONFIG_HOME/autostart). */
  xdgConfigHome: string;
  close(): Promise<void>;
};

export async function launchWarden(executablePath: string): Promise<LaunchedWarden> {
  const userData = mkdtempSync(join(tmpdir(), "warden-e2e-electron-"));
  const xdgConfigHome = join(userData, "xdg-config");
  const args = [
    // Chromium refuses to start as root with its OS sandbox (CI containers run as root); the
    // renderer is still sandboxed in Electron's sense (sandbox: true, no Node in the preload).
    ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
    ROOT,
    `--warden-user-data-dir=${userData}`,
    `--warden-keychain-service=warden-test-${randomUUID()}`,
  ];
  // NODE_EXTRA_CA_CERTS (set by the global setup) makes the main process trust the test CA.
  const env = { ...process.env, XDG_CONFIG_HOME: xdgConfigHome } as Record<string, string>;
  let app: ElectronApplication | undefined;
  try {
    app = await _electron.launch({ executablePath, args, cwd: ROOT, env });
    const page = await app.firstWindow();
    await page.waitForLoadState("domcontentloaded");
    const launched = app;
    return {
      app: launched,
      page,
      executablePath,
      args,
      env,
      xdgConfigHome,
      close: async () => {
        await launched.close().catch(() => undefined);
        rmSync(userData, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    rmSync(userData, { recursive: true, force: true });
    throw error;
  }
}
