// Command-line and environment options of the main process. Pure.
//
//   --warden-user-data-dir=DIR       settings (and Electron's own state) in DIR instead of the
//                                    OS default; unpackaged builds only (tests, development)
//   --warden-keychain-service=NAME   keychain service name instead of "Warden"; unpackaged only
//   WARDEN_DEV_SERVER_URL=http://localhost:5173/
//                                    load the UI from the Vite dev server; unpackaged only, and
//                                    only an http URL on this machine
export type LaunchOptions = {
  userDataDir?: string;
  keychainService: string;
  devServerUrl?: string;
};

export const DEFAULT_KEYCHAIN_SERVICE = "Warden";
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

function valueOf(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  let value: string | undefined;
  for (const arg of argv) if (arg.startsWith(prefix)) value = arg.slice(prefix.length);
  return value === "" ? undefined : value;
}

/** An http(s) URL on this machine, normalised to its origin plus path; anything else is undefined. */
export function loopbackDevServerUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return undefined;
  }
  if ((parsed.protocol !== "http:" && parsed.protocol !== "https:") || !LOOPBACK_HOSTS.has(parsed.hostname)) return undefined;
  if (parsed.username !== "" || parsed.password !== "") return undefined;
  return parsed.href;
}

export function parseLaunchOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, packaged: boolean): LaunchOptions {
  if (packaged) return { keychainService: DEFAULT_KEYCHAIN_SERVICE };
  const userDataDir = valueOf(argv, "warden-user-data-dir");
  const keychainService = valueOf(argv, "warden-keychain-service") ?? DEFAULT_KEYCHAIN_SERVICE;
  const devServerUrl = loopbackDevServerUrl(env.WARDEN_DEV_SERVER_URL);
  return {
    keychainService,
    ...(userDataDir === undefined ? {} : { userDataDir }),
    ...(devServerUrl === undefined ? {} : { devServerUrl }),
  };
}
