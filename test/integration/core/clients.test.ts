import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ClientInfo } from "../../../src/shared/index.js";
import { signInOtherClient, signOutOtherClient } from "../../server/other-client.js";
import { nextSecond } from "../../server/server-clock.js";
import { startTestServer, type TestServer } from "../../server/prosody-test-server.js";
import { installWarden, launchWarden, removeInstall, signInWith, stateOf, type Device } from "../fixtures.js";

let server: TestServer;
let warden: Device | undefined;

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  if (warden) await removeInstall(warden);
  warden = undefined;
});

afterAll(async () => {
  await server?.stop();
});

async function signedIn(domain = server.domain, options: { role?: string } = {}) {
  const account = await server.createAccount(`user-${randomUUID().slice(0, 8)}`, domain);
  if (options.role) await server.setRole(account.jid, options.role);
  warden = launchWarden(await installWarden());
  const result = await warden.manager.signIn(signInWith(server, account));
  expect(result).toMatchObject({ ok: true, value: { status: "online" } });
  return { account, manager: warden.manager };
}

async function listed(manager: Device["manager"], jid: string): Promise<ClientInfo[]> {
  const result = await manager.listClients({ jid });
  if (!result.ok) throw new Error(`list failed: ${JSON.stringify(result.error)}`);
  return result.value.clients;
}

const bySoftware = (clients: ClientInfo[], software: string) => clients.filter((c) => c.userAgent.software === software);

describe("listing", () => {
  it("shows another client connected while it is, and offline after it stops", async () => {
    const { account, manager } = await signedIn();
    const phone = await signInOtherClient(server, account, { uaId: randomUUID(), software: "Conversations", device: "Pixel 8" });
    expect(bySoftware(await listed(manager, account.jid), "Conversations")).toMatchObject([
      { kind: "session", connected: true, isCurrent: false, authMethods: ["password"], userAgent: { device: "Pixel 8" } },
    ]);
    await signOutOtherClient(phone);
    expect(bySoftware(await listed(manager, account.jid), "Conversations")).toMatchObject([{ connected: false }]);
  });

  it("keeps one entry for this device across relaunches", async () => {
    const { account, manager } = await signedIn();
    const install = { settingsDir: warden!.settingsDir, keychainService: warden!.keychainService };
    await manager.dispose();
    warden = launchWarden(install);
    expect(await warden.manager.signIn(signInWith(server, { jid: account.jid }))).toMatchObject({ ok: true });
    const ours = bySoftware(await listed(warden.manager, account.jid), "Warden");
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ isCurrent: true, connected: true });
  });

  it("reports a server without the module as unsupported", async () => {
    const { account, manager } = await signedIn(server.noModuleDomain);
    expect(await manager.listClients({ jid: account.jid })).toEqual({ ok: false, error: { kind: "unsupported" } });
  });

  it("falls back to XEP-0494 and remembers it", async () => {
    const { account, manager } = await signedIn(server.camDomain);
    const result = await manager.listClients({ jid: account.jid });
    expect(result).toMatchObject({ ok: true, value: { protocol: "xep-0494" } });
    expect(result.ok && result.value.clients.find((c) => c.isCurrent)).toMatchObject({ permission: expect.any(String), connected: true });
    expect(warden!.settings.read().accounts.find((a) => a.jid === account.jid)?.protocol).toBe("xep-0494");
  });

  it("reports forbidden for a role without the permission", async () => {
    const { account, manager } = await signedIn(server.domain, { role: "prosody:guest" });
    expect(await manager.listClients({ jid: account.jid })).toMatchObject({ ok: false, error: { kind: "forbidden" } });
  });
});

describe("revoking", () => {
  it("revokes a grant: gone from the list", async () => {
    const { account, manager } = await signedIn();
    await server.createGrant(account.jid, { name: "Movim", id: "movim-web", version: "0.29.1", uri: "https://movim.eu/" });
    const [grant] = (await listed(manager, account.jid)).filter((c) => c.kind === "access");
    expect(grant).toMatchObject({ authMethods: ["token"], userAgent: { software: "Movim", softwareId: "movim-web", softwareVersion: "0.29.1" } });
    expect(await manager.revokeClient({ jid: account.jid, id: grant!.id })).toEqual({ ok: true, value: { outcome: "gone", removed: ["grant"] } });
    expect((await listed(manager, account.jid)).some((c) => c.id === grant!.id)).toBe(false);
  });

  it("says an offline client that used the password still knows it", async () => {
    const { account, manager } = await signedIn();
    const phone = await signInOtherClient(server, account, { uaId: randomUUID(), software: "Conversations" });
    await signOutOtherClient(phone);
    const [entry] = bySoftware(await listed(manager, account.jid), "Conversations");
    expect(await manager.revokeClient({ jid: account.jid, id: entry!.id })).toEqual({ ok: true, value: { outcome: "knows-password", removed: [] } });
    expect(bySoftware(await listed(manager, account.jid), "Conversations")).toMatchObject([{ connected: false, authMethods: ["password"] }]);
  });

  it("leaves a connected FAST client unable to sign in with its token, within the close timeout plus 2 s", async () => {
    const { account, manager } = await signedIn();
    const laptopId = randomUUID();
    const first = await signInOtherClient(server, account, { uaId: laptopId, software: "Gajim" });
    await signOutOtherClient(first);
    // Back with its FAST token only, as a phone does after a restart: now the server lists <fast/>.
    const laptop = await signInOtherClient(server, { jid: account.jid, password: "" }, { uaId: laptopId, software: "Gajim", fastToken: first.fastToken });
    const [entry] = bySoftware(await listed(manager, account.jid), "Gajim");
    expect(entry).toMatchObject({ connected: true, authMethods: ["password", "fast"] });

    const started = performance.now();
    const result = await manager.revokeClient({ jid: account.jid, id: entry!.id });
    const elapsed = performance.now() - started;
    console.info(`[revoke connected FAST client] outcome after ${Math.round(elapsed)} ms`);
    expect(elapsed).toBeLessThanOrEqual(server.closeTimeoutSeconds * 1000 + 2000);
    const after = bySoftware(await listed(manager, account.jid), "Gajim");
    // It signed in with the password once: the list keeps it, and says so.
    const expected = after.length === 0 ? "gone" : "knows-password";
    expect(result).toEqual({ ok: true, value: { outcome: expected, removed: ["session", "fast-tokens"] } });
    expect(after.every((c) => !c.connected && !c.authMethods.includes("fast"))).toBe(true);
    await laptop.disconnected;
    // The same client id with a token and no password: the server must refuse each it ever had.
    for (const fastToken of new Set([laptop.fastToken, first.fastToken])) {
      await expect(signInOtherClient(server, { jid: account.jid, password: "" }, { uaId: laptopId, fastToken })).rejects.toThrow();
    }
  });

  it("says a connected password client is signed out but only a password change locks it out", async () => {
    const { account, manager } = await signedIn();
    const phone = await signInOtherClient(server, account, { uaId: randomUUID(), software: "Conversations" });
    const [entry] = bySoftware(await listed(manager, account.jid), "Conversations");
    expect(entry).toMatchObject({ connected: true, authMethods: ["password"] });
    expect(await manager.revokeClient({ jid: account.jid, id: entry!.id })).toEqual({ ok: true, value: { outcome: "knows-password", removed: ["session"] } });
    await phone.disconnected;
    const back = await signInOtherClient(server, account, { uaId: randomUUID(), software: "Conversations" });
    expect(back.xmpp.status).toBe("online");
    await signOutOtherClient(back);
  });

  it("ends a revoke of a stale id after a password change in 3 s at most: already has no access", async () => {
    const { account, manager } = await signedIn();
    const phone = await signInOtherClient(server, account, { uaId: randomUUID(), software: "Conversations" });
    await signOutOtherClient(phone);
    const [entry] = bySoftware(await listed(manager, account.jid), "Conversations");
    // A client that used the password in the same second as the change stays listed for a moment.
    await nextSecond();
    expect(await manager.changePassword({ jid: account.jid, currentPassword: account.password, newPassword: `n3w-${randomUUID()}` })).toMatchObject({ ok: true });

    const started = performance.now();
    const result = await manager.revokeClient({ jid: account.jid, id: entry!.id });
    const elapsed = performance.now() - started;
    expect(result).toEqual({ ok: true, value: { outcome: "already-gone" } });
    expect(elapsed).toBeLessThanOrEqual(3000);
  });

  it("says an id the server does not know already has no access", async () => {
    const { account, manager } = await signedIn();
    expect(await manager.revokeClient({ jid: account.jid, id: "client/does-not-exist" })).toEqual({ ok: true, value: { outcome: "already-gone" } });
  });

  it("asks for confirmation before revoking this device, then signs out", async () => {
    const { account, manager } = await signedIn();
    const self = (await listed(manager, account.jid)).find((c) => c.isCurrent)!;
    expect(await manager.revokeClient({ jid: account.jid, id: self.id })).toEqual({ ok: false, error: { kind: "confirmation-required" } });
    expect(await manager.revokeClient({ jid: account.jid, id: self.id, confirmSignOut: true })).toEqual({ ok: true, value: { outcome: "signed-out-self" } });
    expect(await stateOf(manager, account.jid)).toEqual({ status: "signed-out" });
  });
});
