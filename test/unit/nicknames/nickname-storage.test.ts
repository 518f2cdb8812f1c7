import { describe, expect, it } from "vitest";
import {
  MAX_SYNCED_NICKNAMES,
  NICKNAMES_NODE,
  buildNicknamesPublish,
  buildNicknamesRetrieve,
  classifyNicknamesReply,
  classifyPublishReply,
} from "../../../src/core/nicknames/nickname-storage.js";
import type { XmlElement } from "../../../src/core/protocol/xml.js";
import { NICKNAME_MAX_LENGTH } from "../../../src/shared/preferences.js";
import { parseXml } from "../protocol/golden-loader.js";

const PUBSUB = "http://jabber.org/protocol/pubsub";
const stored = (payload: string, item = `<item id="current">${payload}</item>`): XmlElement =>
  parseXml(`<iq type="result" xmlns="jabber:client"><pubsub xmlns="${PUBSUB}"><items node="${NICKNAMES_NODE}">${item}</items></pubsub></iq>`);
const nicknames = (entries: string): XmlElement => stored(`<nicknames xmlns="${NICKNAMES_NODE}">${entries}</nicknames>`);
const errorReply = (condition: string, extra = ""): XmlElement =>
  parseXml(
    `<iq type="error" xmlns="jabber:client"><error type="cancel"><${condition} xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>${extra}</error></iq>`,
  );
const readBack = (reply: XmlElement) => {
  const result = classifyNicknamesReply(reply);
  if (!result.ok) throw new Error(result.error.detail);
  return result.value;
};

describe("publishing the nicknames", () => {
  it("stores the whole map as one item, with XEP-0223's private storage options", () => {
    const iq = buildNicknamesPublish({ "client/a": "Mum's tablet", 'x"<&>': "<b>&" });
    expect(iq.attrs.type).toBe("set");
    const pubsub = iq.getChild("pubsub", PUBSUB);
    const publish = pubsub?.getChild("publish");
    expect(publish?.attrs.node).toBe(NICKNAMES_NODE);
    const item = publish?.getChild("item");
    expect(item?.attrs.id).toBe("current");
    const entries = item?.getChild("nicknames", NICKNAMES_NODE)?.getChildren("nickname") ?? [];
    expect(entries.map((e) => [e.attrs.id, e.getText()])).toEqual([
      ["client/a", "Mum's tablet"],
      ['x"<&>', "<b>&"],
    ]);
    const form = pubsub?.getChild("publish-options")?.getChild("x", "jabber:x:data");
    expect(form?.attrs.type).toBe("submit");
    const fields = Object.fromEntries((form?.getChildren("field") ?? []).map((f) => [f.attrs.var, f.getChildText("value")]));
    expect(fields).toEqual({
      FORM_TYPE: "http://jabber.org/protocol/pubsub#publish-options",
      "pubsub#persist_items": "true",
      "pubsub#access_model": "whitelist",
      "pubsub#max_items": "1",
      "pubsub#send_last_published_item": "never",
    });
    // What was built reads back as what was stored.
    expect(readBack(stored(item?.getChild("nicknames")?.toString() ?? ""))).toEqual({
      kind: "stored",
      nicknames: { "client/a": "Mum's tablet", 'x"<&>': "<b>&" },
    });
  });

  it("asks the account's own PEP service for the one item", () => {
    expect(buildNicknamesRetrieve().toString()).toBe(
      `<iq type="get"><pubsub xmlns="${PUBSUB}"><items node="${NICKNAMES_NODE}" max_items="1"/></pubsub></iq>`,
    );
  });

  it("tells a stored item from a refusal, naming a failed publish-options precondition", () => {
    expect(classifyPublishReply(parseXml(`<iq type="result" xmlns="jabber:client"/>`))).toEqual({ ok: true, value: { kind: "stored" } });
    expect(classifyPublishReply(errorReply("conflict", `<precondition-not-met xmlns="http://jabber.org/protocol/pubsub#errors"/>`))).toEqual({
      ok: true,
      value: { kind: "refused", condition: "precondition-not-met" },
    });
    expect(classifyPublishReply(errorReply("service-unavailable"))).toEqual({ ok: true, value: { kind: "refused", condition: "service-unavailable" } });
    expect(classifyPublishReply(parseXml(`<message xmlns="jabber:client"/>`)).ok).toBe(false);
  });
});

describe("reading the stored nicknames", () => {
  it("reads well-formed entries", () => {
    expect(readBack(nicknames(`<nickname id="a">  Laptop </nickname><nickname id="b">Phone</nickname>`))).toEqual({
      kind: "stored",
      nicknames: { a: "Laptop", b: "Phone" },
    });
  });

  it("says nothing is stored for a missing node, an empty node, or an item of another kind", () => {
    expect(readBack(errorReply("item-not-found"))).toEqual({ kind: "nothing-stored" });
    expect(readBack(stored("", ""))).toEqual({ kind: "nothing-stored" });
    expect(readBack(stored(`<nicknames xmlns="urn:other"><nickname id="a">x</nickname></nicknames>`))).toEqual({ kind: "nothing-stored" });
  });

  it("reports a refusal with its condition and text", () => {
    expect(readBack(errorReply("forbidden", `<text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">no</text>`))).toEqual({
      kind: "refused",
      condition: "forbidden",
      text: "no",
    });
  });

  it("drops each bad entry alone and keeps the rest", () => {
    const tooLong = "n".repeat(NICKNAME_MAX_LENGTH + 1);
    const astral = "😀".repeat(NICKNAME_MAX_LENGTH / 2) + "x";
    const result = readBack(
      nicknames(
        [
          `<nickname>no id</nickname>`,
          `<nickname id="">empty id</nickname>`,
          `<nickname id="${"i".repeat(3072)}">id too long</nickname>`,
          `<nickname id="blank">   </nickname>`,
          `<nickname id="none"/>`,
          `<nickname id="long">${tooLong}</nickname>`,
          `<nickname id="astral">${astral}</nickname>`,
          `<nickname id="foreign" xmlns="urn:other">x</nickname>`,
          `<other id="other">x</other>`,
          `<nickname id="dup">first</nickname><nickname id="dup">second</nickname>`,
          `<nickname id="__proto__">proto</nickname>`,
          `<nickname id="nested"><b>bold</b> text</nickname>`,
          `<nickname id="edge">${"e".repeat(NICKNAME_MAX_LENGTH)}</nickname>`,
          `<nickname id="${"k".repeat(3071)}">longest id</nickname>`,
        ].join(""),
      ),
    );
    expect(result.kind).toBe("stored");
    if (result.kind !== "stored") return;
    expect(Object.getPrototypeOf(result.nicknames)).toBe(Object.prototype);
    expect(Object.keys(result.nicknames).sort()).toEqual(["__proto__", "dup", "edge", "k".repeat(3071), "nested"].sort());
    expect(result.nicknames.dup).toBe("first");
    expect(result.nicknames.nested).toBe("text");
    expect(Object.getOwnPropertyDescriptor(result.nicknames, "__proto__")?.value).toBe("proto");
  });

  it("keeps at most MAX_SYNCED_NICKNAMES entries", () => {
    const many = Array.from({ length: MAX_SYNCED_NICKNAMES + 500 }, (_, i) => `<nickname id="c${i}">n${i}</nickname>`).join("");
    const result = readBack(nicknames(many));
    expect(result.kind === "stored" && Object.keys(result.nicknames).length).toBe(MAX_SYNCED_NICKNAMES);
  });

  it("never throws on hostile replies", () => {
    const hostile: unknown[] = [
      null,
      "text",
      { name: "iq" },
      { name: "iq", attrs: { type: "result" }, children: "not an array" },
      { name: "iq", attrs: { type: "result" }, children: [{ name: "pubsub", attrs: { xmlns: PUBSUB }, children: null }] },
      { name: "iq", attrs: { type: "error" }, children: [{ name: "error", attrs: null, children: [42] }] },
      parseXml(`<iq type="result" xmlns="jabber:client"/>`),
      parseXml(`<iq type="get" xmlns="jabber:client"/>`),
      stored(`<nicknames xmlns="${NICKNAMES_NODE}"><nickname id="a"><nickname id="b">deep</nickname></nickname></nicknames>`),
    ];
    for (const reply of hostile) {
      expect(() => classifyNicknamesReply(reply as XmlElement)).not.toThrow();
      expect(() => classifyPublishReply(reply as XmlElement)).not.toThrow();
    }
    expect(classifyNicknamesReply(parseXml(`<iq type="result" xmlns="jabber:client"/>`)).ok).toBe(false);
  });
});
