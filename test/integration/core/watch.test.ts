// The watch against the real server: what a list shows that the one before did not ends up in
// Activity, once; alerts outlive a restart until seen; the cleanup rule revokes what it may.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ActivityEntry, ClientInfo } from "../../../src/shared/index.js";
import { signInOtherClient, signOutOtherClient, type OtherClient } from "../../server/other-client.js";
import { nextEvent, nextList, serverAndDevices, signInWith, type Device } from "../fixtures.js";

const env = serverAndDevices();
const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

/** A Warden install signed in to `account`, with its first list (the baseline) compared. */
async function watching(account: { jid: string; password: string }, install?: { settingsDir: string; keychainService: string }): Promise<Device> {
  const device = await env.launch(install);
  const firstList = nextList(device.manager, account.jid);
  expect(await device.manager.signIn(signInWith(env.server, account))).toMatchObject({ ok: true, value: { status: "online" } });
  await firstList;
  return device;
}

async function activity(device: Device, jid: string): Promise<ActivityEntry[]> {
  const result = await device.manager.getActivity({ jid });
  if (!result.ok) throw new Error(`getActivity: ${result.error.kind}`);
  return result.value.entries;
}

async function alertsOf(device: Device, jid: string) {
  const state = await device.manager.getState();
  if (!state.ok) throw new Error("getState failed");
  return state.value.accounts.find((account) => account.jid === jid)?.alerts;
}

async function listed(device: Device, jid: string): Promise<ClientInfo[]> {
  const result = await device.manager.listClients({ jid });
  if (!result.ok) throw new Error(`list failed: ${result.error.kind}`);
  return result.value.clients;
}

/** The window was hidden and is visible again: the watch lists at once. Resolves with that tick's list. */
async function windowShownAgain(device: Device, jid: string) {
  const list = nextList(device.manager, jid);
  expect(await device.manager.setWindowVisible({ visible: false })).toEqual({ ok: true, value: null });
  expect(await device.manager.setWindowVisible({ visible: true })).toEqual({ ok: true, value: null });
  return list;
}

async function otherClient(account: { jid: string; password: string }, software: string, device: string): Promise<OtherClient & { id: string; uaId: string }> {
  const uaId = randomUUID();
  const client = await signInOtherClient(env.server, account, { uaId, software, device });
  return Object.assign(client, { id: `client/${uaId}`, uaId });
}

describe("the watch", () => {
  it("takes the first list as the baseline: what was already there is no alert", async () => {
    const account = await env.newAccount();
    const phone = await otherClient(account, "Conversations", "Pixel 8");
    await env.server.createGrant(account.jid, { name: "Movim" });
    try {
      const warden = await watching(account);
      expect((await listed(warden, account.jid)).length).toBe(3);
      expect(await activity(warden, account.jid)).toEqual([]);
      expect(await alertsOf(warden, account.jid)).toEqual([]);
    } finally {
      await signOutOtherClient(phone);
    }
  });

  it("alerts on a client that signs in while it watches, until the user has seen it, also after a restart", async () => {
    const account = await env.newAccount();
    const warden = await watching(account);
    const laptop = await otherClient(account, "Gajim", "laptop");
    try {
      const added = nextEvent(warden.manager, "activity-added", (e) => e.jid === account.jid);
      const alerts = nextEvent(warden.manager, "alerts-changed", (e) => e.jid === account.jid);
      await windowShownAgain(warden, account.jid);
      const { entry } = await added;
      expect(entry).toMatchObject({ kind: "new-sign-in", client: { id: laptop.id, software: "Gajim", device: "laptop", authMethods: ["password"] } });
      expect((await alerts).alerts).toEqual([entry]);

      // Listing again finds nothing new.
      await listed(warden, account.jid);
      expect(await activity(warden, account.jid)).toEqual([entry]);

      // Restarted: the alert is still unseen.
      const install = { settingsDir: warden.settingsDir, keychainService: warden.keychainService };
      await warden.manager.dispose();
      const again = await env.launch(install);
      expect(await again.manager.signIn(signInWith(env.server, { jid: account.jid }))).toMatchObject({ ok: true, value: { status: "online" } });
      expect(await alertsOf(again, account.jid)).toEqual([entry]);

      const cleared = nextEvent(again.manager, "alerts-changed", (e) => e.jid === account.jid);
      expect(await again.manager.markAlertsSeen({ jid: account.jid })).toEqual({ ok: true, value: null });
      expect((await cleared).alerts).toEqual([]);
      expect(await alertsOf(again, account.jid)).toEqual([]);
      // Seen is not forgotten: Activity keeps the entry.
      expect(await activity(again, account.jid)).toEqual([entry]);
    } finally {
      await signOutOtherClient(laptop);
    }
  });

  it("records a revoke as revoked by you, and the entry's disappearance not as gone", async () => {
    const account = await env.newAccount();
    await env.server.createGrant(account.jid, { name: "Movim" });
    const warden = await watching(account);
    const grant = (await listed(warden, account.jid)).find((c) => c.kind === "access");
    expect(grant).toBeDefined();

    const result = await warden.manager.revokeClient({ jid: account.jid, id: grant!.id });
    expect(result).toMatchObject({ ok: true, value: { outcome: "gone" } });
    expect((await listed(warden, account.jid)).some((c) => c.id === grant!.id)).toBe(false);

    const entries = await activity(warden, account.jid);
    expect(entries).toEqual([expect.objectContaining({ kind: "revoked", by: "you", client: expect.objectContaining({ id: grant!.id, kind: "access" }), result })]);
  });

  it("records as gone what was removed another way", async () => {
    const account = await env.newAccount();
    await env.server.createGrant(account.jid, { name: "Movim" });
    const warden = await watching(account);
    const other = await watching(account);
    const grant = (await listed(warden, account.jid)).find((c) => c.kind === "access");
    expect(await other.manager.revokeClient({ jid: account.jid, id: grant!.id })).toMatchObject({ ok: true, value: { outcome: "gone" } });

    // The first install's watch sees the second Warden sign in, and the grant leave.
    const gone = nextEvent(warden.manager, "activity-added", (e) => e.entry.kind === "gone");
    await listed(warden, account.jid);
    expect((await gone).entry).toMatchObject({ kind: "gone", client: { id: grant!.id, kind: "access" } });
    expect((await activity(warden, account.jid)).map((e) => e.kind)).toEqual(["new-sign-in", "gone"]);
  });

  it("runs the cleanup rule on a tick: revokes what is inactive, never a connected client nor this device", async () => {
    const account = await env.newAccount();
    const old = await otherClient(account, "Dino", "old laptop");
    await signOutOtherClient(old);
    await env.server.setSeenTimes(account.jid, old.uaId, { firstSeen: daysAgo(60), lastSeen: daysAgo(40) });
    const connected = await otherClient(account, "Conversations", "phone");
    await env.server.setSeenTimes(account.jid, connected.uaId, { firstSeen: daysAgo(60), lastSeen: daysAgo(40) });
    // A grant with a token: Prosody drops a tokenless one unused for two weeks by itself.
    await env.server.createGrantToken(account.jid, { name: "Movim" });
    await env.server.setGrantSeenTimes(account.jid, "Movim", { firstSeen: daysAgo(60), lastSeen: daysAgo(40) });
    try {
      const warden = await watching(account);
      const before = await listed(warden, account.jid);
      const grant = before.find((c) => c.kind === "access");
      expect(grant).toBeDefined();
      expect(await warden.manager.setCleanupRule({ jid: account.jid, days: 30 })).toEqual({ ok: true, value: null });

      const run = nextEvent(warden.manager, "activity-added", (e) => e.entry.kind === "cleanup-run");
      await windowShownAgain(warden, account.jid);
      expect((await run).entry).toMatchObject({ kind: "cleanup-run", days: 30, removed: 1, notRemoved: 1 });

      // The tick lists again after the run: then it is over.
      await nextList(warden.manager, account.jid);
      const entries = await activity(warden, account.jid);
      const revoked = (id: string) => entries.find((e) => e.kind === "revoked" && e.client.id === id);
      expect(entries.filter((e) => e.kind === "revoked")).toHaveLength(2);
      // It knows the password: the revoke took its tokens, only a password change removes it.
      expect(revoked(old.id)).toMatchObject({ by: "cleanup", result: { ok: true, value: { outcome: "knows-password" } } });
      expect(revoked(grant!.id)).toMatchObject({ by: "cleanup", result: { ok: true, value: { outcome: "gone" } } });
      const after = await listed(warden, account.jid);
      expect(after.some((c) => c.id === grant!.id)).toBe(false);
      expect(after.find((c) => c.id === connected.id)).toMatchObject({ connected: true });
      expect(after.find((c) => c.isCurrent)).toBeDefined();
      expect(entries.filter((e) => e.kind === "gone")).toEqual([]);

      // What it could not remove is not tried again on the next tick (the second tick starts once the first is over).
      await windowShownAgain(warden, account.jid);
      await windowShownAgain(warden, account.jid);
      expect((await activity(warden, account.jid)).filter((e) => e.kind === "revoked" || e.kind === "cleanup-run")).toHaveLength(3);
    } finally {
      await signOutOtherClient(connected);
    }
  });
});
