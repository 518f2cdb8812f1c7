// Several accounts in one Warden: each on its own connection, its own token and memory; one
// failing never blocks another; removing one leaves nothing of it on this device.
import { randomUUID } from "node:crypto";
import { findCredentialsAsync } from "@napi-rs/keyring";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAccount } from "../../../src/core/settings/index.js";
import type { ClientInfo } from "../../../src/shared/index.js";
import { signInOtherClient, signOutOtherClient } from "../../server/other-client.js";
import { startTestServer, type TestServer } from "../../server/prosody-test-server.js";
import { nextEvent, serverAndDevices, signInWith, stateIs, stateOf, type Device } from "../fixtures.js";

const env = serverAndDevices();
/** A second, separate server, so that one account's server can die while the other's runs. */
let otherServer: TestServer;

beforeAll(async () => {
  otherServer = await startTestServer();
});
afterAll(async () => {
  await otherServer?.stop();
});

/** The account's clients, by id: the server's order is not stable within a second. */
async function listed(device: Device, jid: string): Promise<ClientInfo[]> {
  const result = await device.manager.listClients({ jid });
  if (!result.ok) throw new Error(`list of ${jid} failed: ${result.error.kind}`);
  return result.value.clients.sort((a, b) => a.id.localeCompare(b.id));
}

/** Every keychain entry this install's service holds, by key. */
async function keychainKeys(device: Device): Promise<string[]> {
  return (await findCredentialsAsync(device.keychainService)).map((credential) => credential.account).sort();
}

describe("several accounts", () => {
  it("keeps two accounts on two hosts online at once, each with its own list, token and memory", async () => {
    const personal = await env.newAccount();
    const work = await env.newAccount(env.server.camDomain);
    const device = await env.launch();
    expect(await device.manager.signIn(signInWith(env.server, personal))).toMatchObject({ ok: true, value: { status: "online" } });
    expect(await device.manager.signIn(signInWith(env.server, work))).toMatchObject({ ok: true, value: { status: "online" } });

    const state = await device.manager.getState();
    expect(state.ok && state.value.accounts.map((account) => [account.jid, account.state.status])).toEqual([
      [personal.jid, "online"],
      [work.jid, "online"],
    ]);
    expect((await listed(device, personal.jid)).filter((c) => c.isCurrent)).toHaveLength(1);
    expect(await device.manager.listClients({ jid: work.jid })).toMatchObject({ ok: true, value: { protocol: "xep-0494" } });
    expect(await keychainKeys(device)).toEqual([`fast-token:${personal.jid}`, `fast-token:${work.jid}`].sort());
    expect(getAccount(device.settings, work.jid)?.protocol).toBe("xep-0494");
    expect(getAccount(device.settings, personal.jid)?.protocol).toBe("prosody");
  });

  it("revokes on one account and leaves the other untouched", async () => {
    const personal = await env.newAccount();
    const work = await env.newAccount();
    const device = await env.launch();
    await device.manager.signIn(signInWith(env.server, personal));
    await device.manager.signIn(signInWith(env.server, work));
    await env.server.createGrant(personal.jid, { name: "Movim", id: "movim-web" });
    await env.server.createGrant(work.jid, { name: "Movim", id: "movim-web" });
    const workBefore = await listed(device, work.jid);

    const grant = (await listed(device, personal.jid)).find((c) => c.kind === "access");
    expect(await device.manager.revokeClient({ jid: personal.jid, id: grant!.id })).toEqual({ ok: true, value: { outcome: "gone", removed: ["grant"] } });
    // The other account's own grant for the same app is still there, and so is everything else.
    expect(await listed(device, work.jid)).toEqual(workBefore);
    expect(workBefore.some((c) => c.kind === "access")).toBe(true);
    expect(await stateOf(device.manager, work.jid)).toMatchObject({ status: "online" });
    // Revoking a client of one account under the other account's name finds nothing there.
    const phone = await signInOtherClient(env.server, personal, { uaId: randomUUID(), software: "Conversations" });
    await signOutOtherClient(phone);
    const entry = (await listed(device, personal.jid)).find((c) => c.userAgent.software === "Conversations");
    expect(await device.manager.revokeClient({ jid: work.jid, id: entry!.id })).toEqual({ ok: true, value: { outcome: "already-gone" } });
    expect((await listed(device, personal.jid)).some((c) => c.id === entry!.id)).toBe(true);
  });

  it("keeps one account working while the other account's server is down, and brings that one back by itself", async () => {
    const here = await env.newAccount();
    const there = await otherServer.createAccount(`user-${randomUUID().slice(0, 8)}`);
    const device = await env.launch();
    await device.manager.signIn(signInWith(env.server, here));
    await device.manager.signIn(signInWith(otherServer, there));

    const reconnecting = nextEvent(device.manager, "state-changed", stateIs("reconnecting", there.jid));
    const back = nextEvent(device.manager, "state-changed", stateIs("online", there.jid));
    // Killed without a goodbye, then started again.
    const restarted = otherServer.restart({ signal: "SIGKILL" });
    await reconnecting;
    // While that account reconnects, this one lists and stays online.
    expect((await listed(device, here.jid)).some((c) => c.isCurrent)).toBe(true);
    expect(await stateOf(device.manager, here.jid)).toMatchObject({ status: "online" });
    await restarted;
    // "Retry now": the next attempt at once rather than after the backoff; refused for an account that is online.
    expect(await device.manager.reconnectNow({ jid: here.jid })).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
    const retried = await device.manager.reconnectNow({ jid: there.jid });
    // Already back by itself is fine too: then there was nothing to retry.
    if (!retried.ok) expect(await stateOf(device.manager, there.jid)).toMatchObject({ status: "online" });
    await back;
    expect(await stateOf(device.manager, here.jid)).toMatchObject({ status: "online" });
  });

  it("removes an account: signed out, nothing of it left in settings or the keychain, the other account untouched", async () => {
    const kept = await env.newAccount();
    const removed = await env.newAccount();
    const device = await env.launch();
    await device.manager.signIn(signInWith(env.server, kept));
    await device.manager.signIn(signInWith(env.server, removed));
    const removedEvent = nextEvent(device.manager, "account-removed", (event) => event.jid === removed.jid);

    expect(await device.manager.removeAccount({ jid: removed.jid })).toEqual({ ok: true, value: null });
    await removedEvent;
    const state = await device.manager.getState();
    expect(state.ok && state.value.accounts.map((account) => account.jid)).toEqual([kept.jid]);
    expect(JSON.stringify(device.settings.read())).not.toContain(removed.jid);
    expect(await keychainKeys(device)).toEqual([`fast-token:${kept.jid}`]);
    expect(await stateOf(device.manager, kept.jid)).toMatchObject({ status: "online" });
    expect(await device.manager.listClients({ jid: removed.jid })).toEqual({ ok: false, error: { kind: "not-signed-in" } });
  });
});
