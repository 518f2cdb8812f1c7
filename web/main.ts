// `npm run web`: Warden in a browser tab. Runs src/core here and serves the built renderer.
//
//   tsx web/main.ts [--port N] [--no-open] [--settings-dir DIR] [--keychain-service NAME] [--static-dir DIR]
//
// Prints one line `Warden is running at <url>`; that URL works once (see web/host.ts). The browser
// is opened on a private page that redirects to it, so the URL is on no process's command line.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createClientManager } from "../src/core/client-manager.js";
import { createOsKeychain } from "../src/core/credentials/keychain.js";
import { createConfSettingsStore } from "../src/core/settings/conf-settings-store.js";
import { startWebHost } from "./host.js";
import { writeLaunchFile, type LaunchFile } from "./launch-file.js";
import { openWithDesktop } from "./opener.js";

const DEFAULT_STATIC_DIR = fileURLToPath(new URL("../dist/renderer", import.meta.url));

const USAGE = `Usage: tsx web/main.ts [--port N] [--no-open] [--settings-dir DIR] [--keychain-service NAME] [--static-dir DIR]`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function parseCommandLine() {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        port: { type: "string" },
        "no-open": { type: "boolean", default: false },
        "settings-dir": { type: "string" },
        "keychain-service": { type: "string" },
        "static-dir": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || !Number.isInteger(port) || port < 0 || port > 65535) fail(`--port: not a port number: ${values.port}`);
  }
  return {
    port,
    open: !values["no-open"],
    settingsDir: values["settings-dir"],
    // Browser mode is its own install (own settings, own client id), so its token must not overwrite the desktop app's.
    keychainService: values["keychain-service"] ?? "Warden (browser mode)",
    staticDir: values["static-dir"] ?? DEFAULT_STATIC_DIR,
  };
}

/** Best effort: the URL is printed anyway, so a page that can't be written just isn't opened. */
function openBrowser(url: string, launched: Promise<void>): void {
  let page: LaunchFile;
  try {
    page = writeLaunchFile(url);
  } catch {
    return;
  }
  // The page holds the token: gone once it's spent, or when Warden exits, whichever comes first.
  void launched.then(() => page.remove());
  process.once("exit", () => page.remove());
  openWithDesktop(page.path);
}

async function main(): Promise<void> {
  const options = parseCommandLine();
  if (!existsSync(join(options.staticDir, "index.html"))) {
    fail(`No built renderer in ${options.staticDir}. Run \`npm run web\`, which builds it first.`);
  }

  const settings = createConfSettingsStore(options.settingsDir === undefined ? {} : { cwd: options.settingsDir });
  const manager = createClientManager({ settings, keychain: createOsKeychain(options.keychainService) });
  const host = await startWebHost({
    manager,
    staticDir: options.staticDir,
    port: options.port,
    onCoreError: (method) => console.error(`warden: ${method} failed unexpectedly`),
  }).catch(async (error: unknown) => {
    await manager.dispose().catch(() => {});
    fail(`Could not listen on a loopback address${options.port ? ` with port ${options.port}` : ""}: ${error instanceof Error ? error.message : String(error)}`);
  });

  void manager.resumeRemembered();
  console.log(`Warden is running at ${host.url}`);
  console.log("The link works once, and the session it starts lasts 12 hours. Press Ctrl-C to stop.");
  if (options.open) openBrowser(host.url, host.launched);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`Received ${signal} again; exiting now.`);
      process.exit(1);
    }
    stopping = true;
    console.log("\nStopping Warden…");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void (async () => {
      await host.close().catch(() => {});
      await manager.dispose().catch(() => {});
      process.exit(0);
    })();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main().catch((error: unknown) => {
  console.error(`warden: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
