// The sync rules where timing matters (a change made while the server answers), which the real
// server cannot be made to hold still for: against a fake PEP service, named as such. The plain
// flows run against the real Prosody in test/integration/core/nicknames.test.ts.
import type { Element } from "ltx";
import { describe, expect, it } from "vitest";
import { NICKNAMES_NODE, type Nicknames } from "../../../src/core/nicknames/nickname-storage.js";
import { createNicknameSync, type NicknameSync } from "../../../src/core/nicknames/nickname-sync.js";
import { xml, type XmlElement } from "../../../src/core/protocol/xml.js";
import { getAccount, upsertAccount } from "../../../src/core/settings/index.js";
import type { RequestError } from "../../../src/shared/errors.js";
import { err, ok, type Result } from "../../../src/shared/result.js";
import { createMemorySettingsStore } from "../../doubles/memory-settings-store.js";
import { parseXml } from "../protocol/golden-loader.js";

const JID = "alice@example.org";
const PUBSUB = "http://jabber.org/protocol/pubsub";

/** Fake PEP service: one stored map; each request can be held until the test lets it through. */
function fakePepService(stored: Nicknames | undefined) {
  const service = {
    stored,
    refuse: undefined as string | undefined,
    failWith: undefined as RequestError | undefined,
    held: undefined as { release: () => void } | undefined,
    hold: false,
    requests: [] as string[],
    async request(iq: Element): Promise<Result<XmlElement, RequestError>> {
      const publish = iq.getChild("pubsub", PUBSUB)?.getChild("publish");
      service.requests.push(publish ? "publish" : "retrieve");
      if (service.hold) {
        service.hold = false;
        await new Promise<void>((release) => (service.held = { release }));
      }
      if (service.failWith) return err(service.failWith);
      if (service.refuse) {
        return ok(parseXml(`<iq type="error"><error type="cancel"><${service.refuse} xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`));
      }
      if (publish) {
        const entries = publish.getChild("item")?.getChild("nicknames", NICKNAMES_NODE)?.getChildren("nickname") ?? [];
        service.stored = Object.fromEntries(entries.map((e) => [e.attrs.id as string, e.getText()]));
        return ok(parseXml(`<iq type="result"/>`));
      }
      if (service.stored === undefined) return ok(parseXml(`<iq type="error"><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`));
      const entries = Object.entries(service.stored).map(([id, name]) => xml("nickname", { id }, name));
      const item = xml("item", { id: "current" }, xml("nicknames", { xmlns: NICKNAMES_NODE }, ...entries));
      return ok(xml("iq", { type: "result" }, xml("pubsub", { xmlns: PUBSUB }, xml("items", { node: NICKNAMES_NODE }, item))));
    },
  };
  return service;
}

function setUp(local: Nicknames, stored: Nicknames | undefined, sync = false) {
  const settings = createMemorySettingsStore();
  upsertAccount(settings, JID, { nicknames: local, nicknameSync: sync });
  const server = fakePepService(stored);
  const connection = { online: true };
  const changes: string[] = [];
  const log: string[] = [];
  const nicknames: NicknameSync = createNicknameSync({
    settings,
    requester: () => (connection.online ? server.request : undefined),
    changed: (jid) => changes.push(jid),
    log: (level, message) => log.push(`${level} ${message}`),
  });
  /** What the client manager's setNickname does, then tells the sync. */
  const nameHere = (id: string, name: string | null) => {
    const { [id]: _previous, ...others } = getAccount(settings, JID)?.nicknames ?? {};
    upsertAccount(settings, JID, { nicknames: name === null ? others : { ...others, [id]: name } });
    return nicknames.changedHere(JID);
  };
  const localNow = () => getAccount(settings, JID)?.nicknames;
  return { settings, server, connection, changes, log, nicknames, nameHere, localNow };
}

/** Resolves once the fake service holds a request. */
async function untilHeld(server: ReturnType<typeof fakePepService>): Promise<{ release: () => void }> {
  for (let turn = 0; turn < 100 && !server.held; turn++) await Promise.resolve();
  if (!server.held) throw new Error("no request was held");
  return server.held;
}

describe("turning sync on", () => {
  it("merges: both maps, this device's name winning, stored and kept here", async () => {
    const t = setUp({ a: "here A", c: "here C" }, { a: "there A", b: "there B" });
    await t.nicknames.setEnabled(JID, true);
    const merged = { a: "here A", b: "there B", c: "here C" };
    expect(t.localNow()).toEqual(merged);
    expect(t.server.stored).toEqual(merged);
    expect(t.nicknames.problemOf(JID)).toBeUndefined();
  });

  it("waits for the account to be online, then merges", async () => {
    const t = setUp({ a: "here" }, { b: "there" });
    t.connection.online = false;
    await t.nicknames.setEnabled(JID, true);
    expect(t.server.requests).toEqual([]);
    t.connection.online = true;
    await t.nicknames.online(JID);
    expect(t.server.stored).toEqual({ a: "here", b: "there" });
  });
});

describe("with sync on", () => {
  it("takes what is stored when the account comes online: a name removed elsewhere goes", async () => {
    const t = setUp({ a: "old", b: "removed elsewhere" }, { a: "renamed elsewhere" }, true);
    await t.nicknames.online(JID);
    expect(t.localNow()).toEqual({ a: "renamed elsewhere" });
    expect(t.changes).toEqual([JID]);
  });

  it("stores this device's whole map on each change: a name removed here stays removed", async () => {
    const t = setUp({ a: "A", b: "B" }, { a: "A", b: "B" }, true);
    await t.nameHere("b", null);
    expect(t.server.stored).toEqual({ a: "A" });
    expect(t.server.requests).toEqual(["publish"]);
  });

  it("keeps a change made while the server answers, and stores it", async () => {
    const t = setUp({ a: "A" }, { a: "A", b: "from elsewhere" }, true);
    t.server.hold = true;
    const coming = t.nicknames.online(JID);
    const held = await untilHeld(t.server);
    const naming = t.nameHere("c", "named meanwhile");
    held.release();
    await Promise.all([coming, naming]);
    expect(t.localNow()).toEqual({ a: "A", c: "named meanwhile" });
    expect(t.server.stored).toEqual({ a: "A", c: "named meanwhile" });
  });

  it("stores a change made offline at the next connection instead of replacing it", async () => {
    const t = setUp({ a: "A" }, { a: "A" }, true);
    t.connection.online = false;
    await t.nameHere("a", "renamed offline");
    t.connection.online = true;
    await t.nicknames.online(JID);
    expect(t.server.requests).toEqual(["publish"]);
    expect(t.server.stored).toEqual({ a: "renamed offline" });
    expect(t.localNow()).toEqual({ a: "renamed offline" });
  });

  it("stores this device's names when nothing is stored any more", async () => {
    const t = setUp({ a: "A" }, undefined, true);
    await t.nicknames.online(JID);
    expect(t.server.stored).toEqual({ a: "A" });
  });
});

describe("when the server fails", () => {
  it("says why, keeps every name here, and clears the problem once it works", async () => {
    const t = setUp({ a: "A" }, { b: "B" });
    t.server.refuse = "service-unavailable";
    await t.nicknames.setEnabled(JID, true);
    expect(t.localNow()).toEqual({ a: "A" });
    expect(t.nicknames.problemOf(JID)).toMatch(/no private storage.*stay on this device/);
    expect(t.log.join("\n")).toContain("nickname sync: read: service-unavailable");
    expect(t.log.join("\n")).not.toMatch(/"A"|\bB\b/);

    t.server.refuse = undefined;
    await t.nicknames.online(JID);
    // The merge was still owed: both names, stored.
    expect(t.localNow()).toEqual({ a: "A", b: "B" });
    expect(t.server.stored).toEqual({ a: "A", b: "B" });
    expect(t.nicknames.problemOf(JID)).toBeUndefined();
  });

  it("names a timeout, and forgets the problem when sync is turned off", async () => {
    const t = setUp({ a: "A" }, { a: "A" }, true);
    t.server.failWith = { kind: "timeout" };
    await t.nameHere("a", "B");
    expect(t.nicknames.problemOf(JID)).toMatch(/did not answer in time/);
    await t.nicknames.setEnabled(JID, false);
    expect(t.nicknames.problemOf(JID)).toBeUndefined();
    expect(t.localNow()).toEqual({ a: "B" });
  });

  it("never sends a map too large for one stanza", async () => {
    const many = Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`client/${"x".repeat(100)}${i}`, "n".repeat(64)]));
    const t = setUp(many, undefined, true);
    await t.nicknames.online(JID);
    expect(t.server.requests).toEqual(["retrieve"]);
    expect(t.nicknames.problemOf(JID)).toMatch(/too many nicknames/);
    expect(Object.keys(t.localNow() ?? {})).toHaveLength(1500);
  });
});
