// Faults of the server process itself: frozen (SIGSTOP) and killed (SIGKILL) then restarted.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../server/prosody-test-server.js";
import { installWarden, launchWarden, nextEvent, nextList, removeInstall, signInWith, stateIs, type Device } from "../integration/fixtures.js";
import type { ClientList } from "../../src/shared/index.js";

let server: TestServer;
const devices: Device[] = [];

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  await server.resume().catch(() => {});
  await Promise.all(devices.splice(0).map(removeInstall));
});

afterAll(async () => {
  await server?.stop();
});

async function signedIn(): Promise<{ device: Device; jid: string; clientId: string }> {
  const account = await server.createAccount(`user-${randomUUID().slice(0, 8)}`);
  const device = launchWarden(await installWarden());
  devices.push(device);
  expect(await device.manager.signIn(signInWith(server, account))).toMatchObject({ ok: true, value: { status: "online" } });
  expect(await device.manager.listClients({ jid: account.jid })).toMatchObject({ ok: true });
  const clientId = device.settings.read().clientId;
  if (!clientId) throw new Error("no clientId");
  return { device, jid: account.jid, clientId };
}

/** The one entry for this device: current, and under its client id. */
function expectOneEntryForThisDevice(list: ClientList, clientId: string): void {
  const mine = list.clients.filter((c) => c.isCurrent);
  expect(mine).toHaveLength(1);
  expect(mine[0]?.id).toBe(`client/${clientId}`);
  expect(list.clients.filter((c) => c.id === `client/${clientId}`)).toHaveLength(1);
}

// Fault: the server freezes (SIGSTOP; TCP stays open, nothing answers). The user sees the request
// fail with a typed timeout and the state turn "reconnecting"; after SIGCONT the app is online
// again and the list refreshes by itself. Not lost: the FAST token entry, settings, the client id.
// Bounded by the product's own 15 s request timeout + 5 s liveness ping (no test-only knob exists).
it("notices a frozen server, reconnects once it thaws, and refreshes the list by itself", async () => {
  const { device, jid, clientId } = await signedIn();
  const tokenBefore = await device.keychain.get(`fast-token:${jid}`);
  expect(tokenBefore.ok && tokenBefore.value).toBeTruthy();
  const settingsBefore = device.settings.read();

  await server.pause();
  const reconnecting = nextEvent(device.manager, "state-changed", stateIs("reconnecting"));
  const started = Date.now();
  expect(await device.manager.listClients({ jid })).toEqual({ ok: false, error: { kind: "timeout" } });
  const timedOutAfter = Date.now() - started;
  expect((await reconnecting).state).toMatchObject({ status: "reconnecting", jid, attempt: 1 });
  const noticedAfter = Date.now() - started;
  // 15 s request timeout, then at most the 5 s ping (plus scheduling slack).
  expect(timedOutAfter).toBeGreaterThanOrEqual(14_000);
  expect(noticedAfter).toBeLessThan(timedOutAfter + 7_000);
  // While frozen, calls fail typed and at once.
  expect(await device.manager.listClients({ jid })).toEqual({ ok: false, error: { kind: "disconnected" } });

  const online = nextEvent(device.manager, "state-changed", stateIs("online"));
  const refreshed = nextList(device.manager);
  await server.resume();
  expect((await online).state).toEqual({ status: "online", jid, credentials: "keychain" });
  expectOneEntryForThisDevice(await refreshed, clientId);

  expect(device.settings.read()).toEqual(settingsBefore);
  const tokenAfter = await device.keychain.get(`fast-token:${jid}`);
  expect(tokenAfter.ok && tokenAfter.value).toBeTruthy();
  expect(await device.keychain.get(`password:${jid}`)).toEqual({ ok: true, value: null });
  expect(await device.manager.listClients({ jid })).toMatchObject({ ok: true });
  console.info(`[frozen server] request timed out after ${timedOutAfter} ms; reconnecting after ${noticedAfter} ms`);
});

// Fault: the server is killed (SIGKILL, no stream close) and restarted. The user sees
// "reconnecting", then online again without typing the password: a fresh FAST sign-in (the old
// stream can't be resumed). Not lost: the token entry (still valid, or replaced), settings, the
// client id; the password was never stored; the list shows ONE entry for this device.
it("comes back with FAST after SIGKILL and restart, without the password, as the same single client", async () => {
  const { device, jid, clientId } = await signedIn();
  expect(await device.keychain.get(`password:${jid}`)).toEqual({ ok: true, value: null });
  const tokenBefore = await device.keychain.get(`fast-token:${jid}`);
  if (!tokenBefore.ok || !tokenBefore.value) throw new Error("no token stored");
  const settingsFile = device.settings.location;
  const settingsBefore = device.settings.read();
  const fileBefore = readFileSync(settingsFile, "utf8");

  const reconnecting = nextEvent(device.manager, "state-changed", stateIs("reconnecting"));
  const online = nextEvent(device.manager, "state-changed", stateIs("online"));
  const refreshed = nextList(device.manager);
  const logFrom = device.log.length;
  await server.restart({ signal: "SIGKILL" });
  await reconnecting;
  expect((await online).state).toEqual({ status: "online", jid, credentials: "keychain" });
  const list = await refreshed;

  expectOneEntryForThisDevice(list, clientId);
  // Signed in again with the token: the server saw a FAST (HT-*) authentication from this client.
  expect(list.clients.find((c) => c.isCurrent)?.authMethods).toContain("fast");
  expect(device.log.slice(logFrom).some((line) => line.includes("signing in with the FAST token"))).toBe(true);
  expect(await device.keychain.get(`password:${jid}`)).toEqual({ ok: true, value: null });
  const tokenAfter = await device.keychain.get(`fast-token:${jid}`);
  expect(tokenAfter.ok && tokenAfter.value).toBeTruthy();
  expect(device.settings.read()).toEqual(settingsBefore);
  expect(device.settings.read().clientId).toBe(clientId);
  expect(readFileSync(settingsFile, "utf8")).toBe(fileBefore);
  // The token kept works on a relaunch too (the one a real user would have after quitting now).
  await device.manager.dispose();
  const again = launchWarden({ settingsDir: device.settingsDir, keychainService: device.keychainService });
  devices.push(again);
  expect(await again.manager.signIn({ ...signInWith(server, { jid }), password: undefined })).toEqual({
    ok: true,
    value: { status: "online", jid, credentials: "keychain" },
  });
});
