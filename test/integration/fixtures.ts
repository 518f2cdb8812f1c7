// What the core's integration tests share: a real Prosody per file, a Warden client manager with
// its own settings folder and its own service name in the real Secret Service.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClientManager, type ClientManager } from "../../src/core/client-manager.js";
import { createOsKeychain, type Keychain } from "../../src/core/credentials/index.js";
import { createFileRecordsBeside } from "../../src/core/records/file-records.js";
import { createConfSettingsStore, type SettingsStore } from "../../src/core/settings/index.js";
import type { AccountState, ClientList, ClientManagerEvents, ServerAddress, SignInRequest } from "../../src/shared/index.js";
import { afterAll, afterEach, beforeAll } from "vitest";
import { startTestServer, type TestServer } from "../server/prosody-test-server.js";

export interface Device {
  manager: ClientManager;
  /** Everything the core logged. */
  log: string[];
  settings: SettingsStore;
  keychain: Keychain;
  settingsDir: string;
  keychainService: string;
}

/** A Warden install: settings folder and keychain service name survive `relaunch`. */
export async function installWarden(): Promise<{ settingsDir: string; keychainService: string }> {
  return { settingsDir: await mkdtemp(join(tmpdir(), "warden-settings-")), keychainService: `warden-test-${randomUUID()}` };
}

export function launchWarden(install: { settingsDir: string; keychainService: string }): Device {
  const settings = createConfSettingsStore({ cwd: install.settingsDir });
  const keychain = createOsKeychain(install.keychainService);
  const log: string[] = [];
  const records = createFileRecordsBeside(settings.location);
  const manager = createClientManager({ settings, keychain, records, log: (level, message) => log.push(`${level} ${message}`) });
  return { manager, log, settings, keychain, settingsDir: install.settingsDir, keychainService: install.keychainService };
}

export async function removeInstall(device: Device): Promise<void> {
  await device.manager.dispose();
  await rm(device.settingsDir, { recursive: true, force: true });
}

export function starttls(server: TestServer): ServerAddress {
  return { host: server.host, port: server.starttlsPort, tls: "starttls" };
}

export function directTls(server: TestServer): ServerAddress {
  return { host: server.host, port: server.directTlsPort, tls: "direct" };
}

export function signInWith(server: TestServer, account: { jid: string; password?: string }, extra: Partial<SignInRequest> = {}): SignInRequest {
  return { jid: account.jid, password: account.password, remember: true, server: starttls(server), ...extra };
}

/** Resolves with the first event payload that satisfies `predicate`. */
export function nextEvent<E extends keyof ClientManagerEvents>(
  manager: ClientManager,
  event: E,
  predicate: (payload: ClientManagerEvents[E]) => boolean = () => true,
): Promise<ClientManagerEvents[E]> {
  return new Promise((resolve) => {
    const off = manager.on(event, (payload) => {
      if (!predicate(payload)) return;
      off();
      resolve(payload);
    });
  });
}

/** The next list the core pushes by itself (for `jid`, when given) that satisfies `predicate`. */
export async function nextList(manager: ClientManager, jid?: string, predicate: (list: ClientList) => boolean = () => true): Promise<ClientList> {
  const event = await nextEvent(manager, "clients-changed", (e) => "list" in e && (jid === undefined || e.jid === jid) && predicate(e.list));
  if (!("list" in event)) throw new Error("not a list");
  return event.list;
}

/** A state-changed predicate: the account (any, when `jid` is omitted) reached `status`. */
export function stateIs(status: AccountState["status"], jid?: string) {
  return (event: ClientManagerEvents["state-changed"]) => event.state.status === status && (jid === undefined || event.jid === jid);
}

/** One account's state as getState reports it; signed-out when the device does not know it. */
export async function stateOf(manager: ClientManager, jid: string): Promise<AccountState> {
  const result = await manager.getState();
  if (!result.ok) throw new Error(`getState failed: ${result.error.kind}`);
  return result.value.accounts.find((account) => account.jid === jid)?.state ?? { status: "signed-out" };
}

/**
 * A test file's usual set-up: one Prosody for the file, and Warden installs launched with
 * `launch` that are removed after each test. Call at the top level of the file.
 */
export function serverAndDevices() {
  let server: TestServer | undefined;
  const devices: Device[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await Promise.all(devices.splice(0).map(removeInstall));
  });
  afterAll(async () => {
    await server?.stop();
  });
  const env = {
    get server(): TestServer {
      if (!server) throw new Error("the test server starts in beforeAll");
      return server;
    },
    async launch(install?: { settingsDir: string; keychainService: string }): Promise<Device> {
      const device = launchWarden(install ?? (await installWarden()));
      devices.push(device);
      return device;
    },
    newAccount: (domain?: string) => env.server.createAccount(`user-${randomUUID().slice(0, 8)}`, domain),
  };
  return env;
}
