// `npm run web`: Warden in a browser tab. Runs src/core here and serves the built renderer.
//
//   tsx web/main.ts [--port N] [--no-open] [--settings-dir DIR] [--keychain-service NAME] [--static-dir DIR]
//
// Prints one line `Warden is running at <url>`; that URL works once (see web/host.ts). The browser
// is opened on a private page that redirects to it, so the URL is on no process's command line.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createClientManager } from "../src/core/client-manager.js";
import { createOsKeychain } from "../src/core/credentials/keychain.js";
import { createFileRecordsBeside } from "../src/core/records/file-records.js";
import { createConfSettingsStore } from "../src/core/settings/conf-settings-store.js";
import { fail, parseLaunchOptions } from "./command-line.js";
import { serveInBrowser } from "./serve.js";

const USAGE = `Usage: tsx web/main.ts [--port N] [--no-open] [--settings-dir DIR] [--keychain-service NAME] [--static-dir DIR]`;

async function main(): Promise<void> {
  const parsed = parseLaunchOptions(USAGE, { install: true });
  // Browser mode is its own install (own settings, own client id), so its token must not overwrite the desktop app's.
  const options = { ...parsed, keychainService: parsed.keychainService ?? "Warden (browser mode)" };
  if (!existsSync(join(options.staticDir, "index.html"))) {
    fail(`No built renderer in ${options.staticDir}. Run \`npm run web\`, which builds it first.`);
  }

  const settings = createConfSettingsStore(options.settingsDir === undefined ? {} : { cwd: options.settingsDir });
  const records = createFileRecordsBeside(settings.location);
  const manager = createClientManager({ settings, keychain: createOsKeychain(options.keychainService), records });
  await serveInBrowser({ manager, staticDir: options.staticDir, port: options.port, open: options.open }).catch((error: unknown) =>
    fail(error instanceof Error ? error.message : String(error)),
  );
  void manager.resumeRemembered();
}

void main().catch((error: unknown) => {
  console.error(`warden: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
