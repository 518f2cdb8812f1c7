// Child process of keychain-lost.test.ts, run under its own D-Bus session with its own
// gnome-keyring-daemon (pid in KEYRING_PID). Prints one JSON line per step; waits for a line on
// stdin before the steps that need the parent (restart the server).
import { createInterface } from "node:readline";
import { createClientManager } from "../../src/core/client-manager.js";
import { createOsKeychain } from "../../src/core/credentials/index.js";
import { createFileRecordsBeside } from "../../src/core/records/file-records.js";
import { createConfSettingsStore } from "../../src/core/settings/index.js";
import type { AccountState } from "../../src/shared/index.js";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`missing ${name}`);
  return value;
};
const say = (step: string, data: Record<string, unknown> = {}) => process.stdout.write(`${JSON.stringify({ step, ...data })}\n`);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const waitForParent = async () => void (await lines.next());

const keychain = createOsKeychain(env("SERVICE"), { timeoutMs: 5_000 });
const jid = env("JID");
const server = JSON.parse(env("SERVER")) as { host: string; port: number; tls: "starttls" };

// The daemon needs a moment to claim its bus name.
for (let i = 0; ; i++) {
  if ((await keychain.set("probe", "x")).ok) break;
  if (i > 100) throw new Error("keyring never came up");
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await keychain.delete("probe");

const settings = createConfSettingsStore({ cwd: env("SETTINGS_DIR") });
const manager = createClientManager({ settings, keychain, records: createFileRecordsBeside(settings.location), log: () => {} });
const states: AccountState[] = [];
manager.on("state-changed", ({ state }) => states.push(state));
const stateWhere = (predicate: (s: AccountState) => boolean): Promise<AccountState> =>
  new Promise((resolve) => {
    const off = manager.on("state-changed", ({ state }) => {
      if (!predicate(state)) return;
      off();
      resolve(state);
    });
  });

const stateOf = async () => {
  const result = await manager.getState();
  return result.ok ? result.value.accounts.find((account) => account.jid === jid)?.state : undefined;
};

const signIn = await manager.signIn({ jid, password: env("PASSWORD"), remember: true, server });
const stored = await keychain.get(`fast-token:${jid}`);
const token = stored.ok && stored.value ? (JSON.parse(stored.value) as { token: string }).token : undefined;
say("signed-in", { signIn, token });

process.kill(Number(env("KEYRING_PID")), "SIGKILL");
for (let i = 0; ; i++) {
  const probe = await keychain.get(`fast-token:${jid}`);
  if (!probe.ok) {
    say("keyring-gone", { error: probe.error.kind });
    break;
  }
  if (i > 100) throw new Error("keyring still answers");
  await new Promise((resolve) => setTimeout(resolve, 100));
}

// Mid-session: the parent restarts the server; the session reconnects with FAST and gets a new token.
const reconnecting = stateWhere((s) => s.status === "reconnecting");
const online = stateWhere((s) => s.status === "online");
say("restart-server");
await waitForParent();
await reconnecting;
const afterReconnect = await online;
const list = await manager.listClients({ jid });
say("reconnected", { state: afterReconnect, current: await stateOf(), listed: list.ok });

// A password change: the new FAST token can't be saved either.
const changed = await manager.changePassword({ jid, currentPassword: env("PASSWORD"), newPassword: env("NEW_PASSWORD") });
say("password-changed", { changed, current: await stateOf(), listed: (await manager.listClients({ jid })).ok });

await manager.dispose();
say("done", { states });
process.exit(0);
