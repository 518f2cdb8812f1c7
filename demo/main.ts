// `npm run demo` (through demo/run.mjs, which trusts the test CA and provides a keyring of the
// demo's own): Warden in a browser tab, signed in to a demo account on a throwaway Prosody on
// loopback, with a phone connected, a desktop, an app token and clients not seen for weeks.
//
//   node --import tsx demo/main.ts [--port N] [--no-open] [--static-dir DIR]
//
// Ctrl-C stops the other clients, the host, the core and Prosody, and removes the demo's files.
import { randomUUID } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClientManager } from "../src/core/client-manager.js";
import { createOsKeychain } from "../src/core/credentials/keychain.js";
import { createFileRecordsBeside } from "../src/core/records/file-records.js";
import { createConfSettingsStore } from "../src/core/settings/conf-settings-store.js";
import { signInOtherClient, signOutOtherClient, type OtherClient } from "../test/server/other-client.js";
import { startTestServer, type TestServer } from "../test/server/prosody-test-server.js";
import { fail, parseLaunchOptions } from "../web/command-line.js";
import { serveInBrowser } from "../web/serve.js";

const USAGE = "Usage: npm run demo -- [--port N] [--no-open] [--static-dir DIR]";
/** Not a secret: the account lives on a server of this run's own, on loopback, gone at Ctrl-C. */
const DEMO_PASSWORD = "warden-demo";
const DAY_MS = 24 * 60 * 60 * 1000;

const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY_MS);

/** A client that signs in with the password, then is seen as `seen` says (and, unless `stay`, has signed out). */
async function seedClient(
  server: TestServer,
  account: { jid: string; password: string },
  client: { software: string; device: string; firstSeenDaysAgo: number; lastSeenDaysAgo?: number },
): Promise<OtherClient> {
  const uaId = randomUUID();
  const signedIn = await signInOtherClient(server, account, { uaId, software: client.software, device: client.device });
  const stays = client.lastSeenDaysAgo === undefined;
  if (!stays) await signOutOtherClient(signedIn);
  await server.setSeenTimes(account.jid, uaId, { firstSeen: daysAgo(client.firstSeenDaysAgo), lastSeen: daysAgo(client.lastSeenDaysAgo ?? 0) });
  return signedIn;
}

async function main(): Promise<void> {
  const options = parseLaunchOptions(USAGE, { install: false });
  if (!existsSync(join(options.staticDir, "index.html"))) {
    fail(`No built renderer in ${options.staticDir}. Run \`npm run demo\`, which builds it first.`);
  }

  const demoDir = await mkdtemp(join(tmpdir(), "warden-demo-"));
  const removeDemoDir = () => rmSync(demoDir, { recursive: true, force: true });
  process.once("exit", removeDemoDir);
  console.log("Starting a test XMPP server (Prosody) on 127.0.0.1…");
  const starting = startTestServer();
  const stayingConnected: OtherClient[] = [];
  let stopped: Promise<void> | undefined;
  // Once, whoever asks first (Ctrl-C, a failed setup); everyone waits for the same end.
  const stopServer = (): Promise<void> =>
    (stopped ??= (async () => {
      await Promise.all(stayingConnected.map((client) => signOutOtherClient(client).catch(() => {})));
      await (await starting.catch(() => undefined))?.stop();
    })());
  // Ctrl-C before the host is up: stop what has started, once it has.
  let aborting = false;
  const abortSetup = () => {
    if (aborting) return;
    aborting = true;
    void stopServer().finally(() => process.exit(1));
  };
  process.on("SIGINT", abortSetup);
  process.on("SIGTERM", abortSetup);

  const server = await starting;

  try {
    const account = await server.createAccount("demo", server.domain, DEMO_PASSWORD);
    stayingConnected.push(await seedClient(server, account, { software: "Conversations", device: "Pixel 8", firstSeenDaysAgo: 210 }));
    await seedClient(server, account, { software: "Gajim", device: "Home desktop", firstSeenDaysAgo: 380, lastSeenDaysAgo: 0.125 });
    await seedClient(server, account, { software: "Dino", device: "Old laptop", firstSeenDaysAgo: 400, lastSeenDaysAgo: 40 });
    await seedClient(server, account, { software: "Monal", device: "iPad", firstSeenDaysAgo: 500, lastSeenDaysAgo: 120 });
    await server.createGrant(account.jid, { name: "Movim", uri: "https://movim.eu/", id: "movim-web", version: "0.29.1" });

    // Settings and keychain service of the demo's own: nothing of a real install is read or changed.
    const settings = createConfSettingsStore({ cwd: join(demoDir, "settings") });
    const manager = createClientManager({ settings, keychain: createOsKeychain("Warden (demo)"), records: createFileRecordsBeside(settings.location) });
    const serverAddress = { host: server.host, port: server.starttlsPort, tls: "starttls" as const };
    // Remembered, as a user would sign in: the page opens on the account, and a reload keeps it.
    const signedIn = await manager.signIn({ jid: account.jid, password: account.password, remember: true, server: serverAddress });
    if (!signedIn.ok) {
      await manager.dispose().catch(() => {});
      throw new Error(`the demo account could not sign in (${signedIn.error.kind})`);
    }

    console.log(`Demo account: ${account.jid}, password ${DEMO_PASSWORD} (server ${server.host}, port ${server.starttlsPort}, STARTTLS).`);
    process.off("SIGINT", abortSetup);
    process.off("SIGTERM", abortSetup);
    await serveInBrowser({ manager, staticDir: options.staticDir, port: options.port, open: options.open, onStopped: stopServer });
  } catch (error) {
    await stopServer().catch(() => {});
    // After Ctrl-C, whatever failed was only cut short: nothing to report.
    if (aborting) process.exit(1);
    throw error;
  }
}

void main().catch((error: unknown) => {
  console.error(`warden demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
