// The command line is an install of its own, like browser mode: its own settings folder (so its own
// client id, listed by the server as a separate entry) and its own keychain service, so running it
// while the app is open never touches the app's session or stored sign-in.
import type { ClientManagerApi, ClientManagerMethod } from "../src/shared/api.js";
import { createClientManager, type ClientManager } from "../src/core/client-manager.js";
import { createOsKeychain } from "../src/core/credentials/keychain.js";
import { createFileRecordsBeside } from "../src/core/records/file-records.js";
import { createDispatcher } from "../src/core/dispatch.js";
import { stderrLogger, type Logger } from "../src/core/log.js";
import { createConfSettingsStore } from "../src/core/settings/conf-settings-store.js";
import type { SettingsStore } from "../src/core/settings/settings-store.js";

export const CLI_SOFTWARE = "Warden command line";
export const DEFAULT_KEYCHAIN_SERVICE = "Warden (command line)";
/** The settings folder's name under the OS config directory (e.g. ~/.config/warden-cli). */
const SETTINGS_PROJECT = "warden-cli";

export interface InstallOptions {
  settingsDir?: string;
  keychainService?: string;
  /** Print what the core does (never secrets) on stderr. */
  verbose?: boolean;
}

/** A call through the core's dispatcher, typed like the API method it names. */
export type CoreCall = <M extends ClientManagerMethod>(
  method: M,
  ...argument: Parameters<ClientManagerApi[M]>
) => Promise<Awaited<ReturnType<ClientManagerApi[M]>>>;

export interface Install {
  call: CoreCall;
  settings: SettingsStore;
  manager: ClientManager;
}

const quiet: Logger = () => {};

/** Flags win over the environment (WARDEN_SETTINGS_DIR, WARDEN_KEYCHAIN_SERVICE), which wins over the defaults. */
export function openInstall(options: InstallOptions, env: NodeJS.ProcessEnv = process.env): Install {
  const settingsDir = options.settingsDir ?? (env.WARDEN_SETTINGS_DIR || undefined);
  const settings = createConfSettingsStore(settingsDir === undefined ? { projectName: SETTINGS_PROJECT } : { cwd: settingsDir });
  const keychain = createOsKeychain(options.keychainService ?? (env.WARDEN_KEYCHAIN_SERVICE || DEFAULT_KEYCHAIN_SERVICE));
  const records = createFileRecordsBeside(settings.location);
  const manager = createClientManager({ settings, keychain, records, log: options.verbose ? stderrLogger : quiet, software: CLI_SOFTWARE });
  const dispatch = createDispatcher(manager, { onCoreError: (method) => process.stderr.write(`warden: ${method} failed unexpectedly\n`) });
  // The dispatcher answers with the method's own reply, or an "internal" error every reply's error
  // union includes: the method's reply type holds for both.
  const call: CoreCall = (method, ...argument) => dispatch(method, argument[0]) as never;
  return { call, settings, manager };
}
