// What `npm run web` and `npm run demo` share once their core is set up: serve it on a loopback
// address, print the one-time launch link (and open the browser on it), and stop cleanly on Ctrl-C
// or SIGTERM.
import type { ClientManager } from "../src/core/client-manager.js";
import { startWebHost, type WebHost } from "./host.js";
import { writeLaunchFile, type LaunchFile } from "./launch-file.js";
import { openWithDesktop } from "./opener.js";

export type ServeOptions = {
  manager: ClientManager;
  staticDir: string;
  /** 0: any free port. */
  port: number;
  open: boolean;
  /** Runs on Ctrl-C once the host is closed and the core disposed, before the process exits. */
  onStopped?: () => Promise<void>;
};

/** How soon after the first signal a second one is taken for an echo rather than the user's. */
const SIGNAL_ECHO_MS = 250;

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

/**
 * Starts the host and prints `Warden is running at <url>`. When the host can't listen, disposes
 * the manager and rejects with a message for the user. Ctrl-C or SIGTERM later exits the process.
 */
export async function serveInBrowser(options: ServeOptions): Promise<WebHost> {
  const { manager, port } = options;
  const host = await startWebHost({
    manager,
    staticDir: options.staticDir,
    port,
    onCoreError: (method) => console.error(`warden: ${method} failed unexpectedly`),
  }).catch(async (error: unknown) => {
    await manager.dispose().catch(() => {});
    throw new Error(`Could not listen on a loopback address${port ? ` with port ${port}` : ""}: ${error instanceof Error ? error.message : String(error)}`);
  });

  console.log(`Warden is running at ${host.url}`);
  console.log("The link works once, and the session it starts lasts 12 hours. Press Ctrl-C to stop.");
  if (options.open) openBrowser(host.url, host.launched);

  let stoppedAt: number | undefined;
  const stop = (signal: NodeJS.Signals) => {
    if (stoppedAt !== undefined) {
      // conf's atomic writes (when-exit) also listen for the signal, and once they have cleaned up
      // they send it to this process again: that echo comes at once; a user pressing twice doesn't.
      if (Date.now() - stoppedAt < SIGNAL_ECHO_MS) return;
      console.error(`Received ${signal} again; exiting now.`);
      process.exit(1);
    }
    stoppedAt = Date.now();
    console.log("\nStopping Warden…");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void (async () => {
      await host.close().catch(() => {});
      await manager.dispose().catch(() => {});
      await options.onStopped?.().catch(() => {});
      process.exit(0);
    })();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return host;
}
