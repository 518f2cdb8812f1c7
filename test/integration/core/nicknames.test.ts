// Private nicknames synced between two Warden installs through the account's private PEP storage
// (XEP-0223) on the real Prosody, checked from independent raw connections.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AccountOptions } from "../../../src/shared/index.js";
import { signInOtherClient, signOutOtherClient, type OtherClient } from "../../server/other-client.js";
import { xml, type Element } from "../../server/xmpp-client.js";
import { nextEvent, serverAndDevices, signInWith, type Device } from "../fixtures.js";

const env = serverAndDevices();

const NODE = "urn:warden:nicknames:0";
const PUBSUB = "http://jabber.org/protocol/pubsub";

async function optionsOf(device: Device, jid: string): Promise<AccountOptions> {
  const state = await device.manager.getState();
  if (!state.ok) throw new Error(`getState failed: ${state.error.kind}`);
  const account = state.value.accounts.find((a) => a.jid === jid);
  if (!account) throw new Error(`${jid} is not on this device`);
  return account.options;
}

async function signedIn(account: { jid: string; password: string }, device?: Device): Promise<Device> {
  const warden = device ?? (await env.launch());
  expect(await warden.manager.signIn(signInWith(env.server, account))).toMatchObject({ ok: true, value: { status: "online" } });
  return warden;
}

/** One IQ from a raw connection, and the server's reply to it. */
async function rawRequest(client: OtherClient, iq: Element): Promise<Element> {
  const id = `probe-${randomUUID()}`;
  iq.attrs.id = id;
  const reply = new Promise<Element>((resolve) => {
    const onStanza = (stanza: Element) => {
      if (stanza.name !== "iq" || stanza.attrs.id !== id) return;
      client.xmpp.off("stanza", onStanza);
      resolve(stanza);
    };
    client.xmpp.on("stanza", onStanza);
  });
  await client.xmpp.send(iq);
  return reply;
}

/** What a raw connection reads from `owner`'s nickname node: the names, or the error condition. */
async function storedAt(client: OtherClient, owner?: string): Promise<Record<string, string> | { error: string }> {
  const reply = await rawRequest(client, xml("iq", { type: "get", ...(owner ? { to: owner } : {}) }, xml("pubsub", { xmlns: PUBSUB }, xml("items", { node: NODE }))));
  if (reply.attrs.type === "error") {
    const condition = reply.getChild("error")?.children.find((c): c is Element => typeof c !== "string" && c.attrs.xmlns === "urn:ietf:params:xml:ns:xmpp-stanzas");
    return { error: condition?.name ?? "?" };
  }
  const entries = reply.getChild("pubsub", PUBSUB)?.getChild("items")?.getChild("item")?.getChild("nicknames", NODE)?.getChildren("nickname") ?? [];
  return Object.fromEntries(entries.map((entry) => [entry.attrs.id as string, entry.getText()]));
}

/** The node's configuration as its owner reads it (XEP-0060 owner use case), field by field. */
async function nodeConfiguration(client: OtherClient): Promise<Record<string, string | undefined>> {
  const reply = await rawRequest(client, xml("iq", { type: "get" }, xml("pubsub", { xmlns: `${PUBSUB}#owner` }, xml("configure", { node: NODE }))));
  const fields = reply.getChild("pubsub")?.getChild("configure")?.getChild("x", "jabber:x:data")?.getChildren("field") ?? [];
  return Object.fromEntries(fields.map((field) => [field.attrs.var as string, field.getChildText("value") ?? undefined]));
}

async function rawClient(account: { jid: string; password: string }, domain?: string): Promise<OtherClient> {
  return signInOtherClient(env.server, account, { uaId: randomUUID(), software: "probe", ...(domain ? { domain } : {}) });
}

describe("nickname sync", () => {
  it("carries nicknames between two installs on the same account, and keeps them out of the logs", async () => {
    const account = await env.newAccount();
    const { jid } = account;
    const one = await signedIn(account);
    const probe = await rawClient(account);
    try {
      expect(await one.manager.setNickname({ jid, id: "client/phone", nickname: "Mum's tablet" })).toEqual({ ok: true, value: null });
      // Sync off: the name stays on this device.
      expect(await storedAt(probe)).toEqual({ error: "item-not-found" });

      expect(await one.manager.setNicknameSync({ jid, enabled: true })).toEqual({ ok: true, value: null });
      expect(await optionsOf(one, jid)).toEqual({ nicknames: { "client/phone": "Mum's tablet" }, nicknameSync: true, cleanupAfterDays: null });
      expect(await storedAt(probe)).toEqual({ "client/phone": "Mum's tablet" });
      expect(await nodeConfiguration(probe)).toMatchObject({
        "pubsub#access_model": "whitelist",
        "pubsub#persist_items": "1",
        "pubsub#max_items": "1",
        "pubsub#send_last_published_item": "never",
      });

      // A second install names another entry on its own, then turns sync on: it shows both.
      const two = await signedIn(account);
      await two.manager.setNickname({ jid, id: "client/laptop", nickname: "Work laptop" });
      expect(await storedAt(probe)).toEqual({ "client/phone": "Mum's tablet" });
      expect(await two.manager.setNicknameSync({ jid, enabled: true })).toEqual({ ok: true, value: null });
      expect((await optionsOf(two, jid)).nicknames).toEqual({ "client/phone": "Mum's tablet", "client/laptop": "Work laptop" });

      // It renames one and removes the other; the first install sees that once it is online again.
      await two.manager.setNickname({ jid, id: "client/phone", nickname: "Dad's phone" });
      await two.manager.setNickname({ jid, id: "client/laptop", nickname: null });
      expect(await storedAt(probe)).toEqual({ "client/phone": "Dad's phone" });
      await one.manager.signOut({ jid });
      const adopted = nextEvent(one.manager, "account-options-changed", (e) => e.jid === jid && e.options.nicknames["client/phone"] === "Dad's phone");
      await signedIn(account, one);
      expect((await adopted).options).toEqual({ nicknames: { "client/phone": "Dad's phone" }, nicknameSync: true, cleanupAfterDays: null });

      for (const device of [one, two]) {
        for (const name of ["Mum", "Dad", "laptop"]) expect(device.log.join("\n")).not.toContain(name);
      }
    } finally {
      await signOutOtherClient(probe);
    }
  });

  it("stops storing when sync is turned off, and keeps the names on this device", async () => {
    const account = await env.newAccount();
    const { jid } = account;
    const warden = await signedIn(account);
    const probe = await rawClient(account);
    try {
      await warden.manager.setNickname({ jid, id: "client/a", nickname: "Kitchen" });
      await warden.manager.setNicknameSync({ jid, enabled: true });
      expect(await storedAt(probe)).toEqual({ "client/a": "Kitchen" });

      const off = nextEvent(warden.manager, "account-options-changed", (e) => e.jid === jid && !e.options.nicknameSync);
      expect(await warden.manager.setNicknameSync({ jid, enabled: false })).toEqual({ ok: true, value: null });
      expect((await off).options.nicknames).toEqual({ "client/a": "Kitchen" });
      await warden.manager.setNickname({ jid, id: "client/b", nickname: "Garage" });
      // The item stays as it was (only the account can read it): nothing new reaches the server.
      expect(await storedAt(probe)).toEqual({ "client/a": "Kitchen" });
      expect((await optionsOf(warden, jid)).nicknames).toEqual({ "client/a": "Kitchen", "client/b": "Garage" });
    } finally {
      await signOutOtherClient(probe);
    }
  });

  it("keeps the stored nicknames from every other account", async () => {
    const alice = await env.newAccount();
    const warden = await signedIn(alice);
    await warden.manager.setNickname({ jid: alice.jid, id: "client/a", nickname: "Secret name" });
    await warden.manager.setNicknameSync({ jid: alice.jid, enabled: true });
    expect((await optionsOf(warden, alice.jid)).nicknameSyncProblem).toBeUndefined();

    const bob = await rawClient(await env.newAccount());
    try {
      const read = await storedAt(bob, alice.jid);
      expect(read).toEqual({ error: expect.stringMatching(/^(forbidden|item-not-found|not-authorized)$/) });
      expect(JSON.stringify(read)).not.toContain("Secret");
    } finally {
      await signOutOtherClient(bob);
    }
  });

  it("says why when the server has no private storage, and keeps the names here", async () => {
    const account = await env.newAccount(env.server.noModuleDomain);
    const { jid } = account;
    const warden = await signedIn(account);
    await warden.manager.setNickname({ jid, id: "client/a", nickname: "Hall" });
    expect(await warden.manager.setNicknameSync({ jid, enabled: true })).toEqual({ ok: true, value: null });
    const options = await optionsOf(warden, jid);
    expect(options).toMatchObject({ nicknames: { "client/a": "Hall" }, nicknameSync: true });
    expect(options.nicknameSyncProblem).toMatch(/no private storage.*stay on this device/);

    // Still refused at the next connection and the next change (which waits for the exchange
    // the connection started): the names stay.
    await warden.manager.signOut({ jid });
    await signedIn(account, warden);
    await warden.manager.setNickname({ jid, id: "client/b", nickname: "Porch" });
    expect(await optionsOf(warden, jid)).toMatchObject({ nicknames: { "client/a": "Hall", "client/b": "Porch" }, nicknameSyncProblem: options.nicknameSyncProblem });
    expect(warden.log.join("\n")).toMatch(/nickname sync: read: service-unavailable[^]*nickname sync: read: service-unavailable/);
  });
});
