// The command line of a browser-mode launch (`npm run web`, and `npm run demo`, which has no
// install of the user's to point at): port, opening the browser, where the built renderer is.
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const DEFAULT_STATIC_DIR = fileURLToPath(new URL("../dist/renderer", import.meta.url));

export interface LaunchOptions {
  port: number;
  open: boolean;
  staticDir: string;
  /** Only with `install`: browser mode's own settings folder and keychain service. */
  settingsDir?: string | undefined;
  keychainService?: string | undefined;
}

/** Says what is wrong on stderr and exits 2 (a usage error). */
export function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

export function parseLaunchOptions(usage: string, { install }: { install: boolean }): LaunchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        port: { type: "string" },
        "no-open": { type: "boolean", default: false },
        "static-dir": { type: "string" },
        ...(install ? { "settings-dir": { type: "string" }, "keychain-service": { type: "string" } } : {}),
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const port = Number(values.port ?? 0);
  if (values.port !== undefined && (!/^\d+$/.test(values.port) || !Number.isInteger(port) || port > 65535)) fail(`--port: not a port number: ${values.port}`);
  const pick = (name: string): string | undefined => {
    const value = (values as Record<string, unknown>)[name];
    return typeof value === "string" ? value : undefined;
  };
  return {
    port,
    open: !values["no-open"],
    staticDir: values["static-dir"] ?? DEFAULT_STATIC_DIR,
    settingsDir: pick("settings-dir"),
    keychainService: pick("keychain-service"),
  };
}
