/**
 * The stanzas that keep the user's nicknames in the account's private PEP storage (XEP-0223),
 * and the readers of the server's answers. One item holds the whole map: a change anywhere
 * replaces it, so a name removed on one device stays removed on the others.
 */
import type { Element } from "ltx";
import { NICKNAME_MAX_LENGTH } from "../../shared/preferences.js";
import { err, ok, type Result } from "../../shared/result.js";
import { MAX_ID_LENGTH, type ProtocolError } from "../protocol/client-list.js";
import { describeUnexpected, replyType } from "../protocol/iq-type.js";
import { parseStanzaError } from "../protocol/stanza-error.js";
import { xml, type XmlElement } from "../protocol/xml.js";
import { attr, childNamed, childrenNamed, childrenOf, isElement, isNamed, textOf } from "../protocol/xml-walk.js";

/** Warden's own node on the account's PEP service, and the namespace of its payload. */
export const NICKNAMES_NODE = "urn:warden:nicknames:0";
/** The node keeps one item (the whole map), always under this id: each publish replaces it. */
export const NICKNAMES_ITEM_ID = "current";
/** More than anyone names by hand; what a hostile or broken item holds beyond it is dropped. */
export const MAX_SYNCED_NICKNAMES = 2000;

const NS_PUBSUB = "http://jabber.org/protocol/pubsub";
const NS_DATA_FORMS = "jabber:x:data";
const PUBLISH_OPTIONS_FORM = "http://jabber.org/protocol/pubsub#publish-options";

/**
 * XEP-0223's node configuration: items persist and only the account owner may read them
 * (whitelist). One item is all the node needs, and the server need not push it to the account's
 * other connections on each presence: Warden reads it when it wants it.
 */
const PRIVATE_STORAGE_OPTIONS: ReadonlyArray<readonly [string, string]> = [
  ["pubsub#persist_items", "true"],
  ["pubsub#access_model", "whitelist"],
  ["pubsub#max_items", "1"],
  ["pubsub#send_last_published_item", "never"],
];

export type Nicknames = Record<string, string>;

export type StoredNicknamesReply =
  | { kind: "stored"; nicknames: Nicknames }
  /** The node or its item does not exist: nothing was ever stored (or it was deleted). */
  | { kind: "nothing-stored" }
  | { kind: "refused"; condition: string; text?: string };

export type PublishNicknamesReply = { kind: "stored" } | { kind: "refused"; condition: string; text?: string };

/** `<iq type="set">` publishing the whole map, with XEP-0223's publish-options. */
export function buildNicknamesPublish(nicknames: Nicknames): Element {
  const entries = Object.entries(nicknames).map(([id, nickname]) => xml("nickname", { id }, nickname));
  const fields = PRIVATE_STORAGE_OPTIONS.map(([name, value]) => xml("field", { var: name }, xml("value", {}, value)));
  return xml(
    "iq",
    { type: "set" },
    xml(
      "pubsub",
      { xmlns: NS_PUBSUB },
      xml("publish", { node: NICKNAMES_NODE }, xml("item", { id: NICKNAMES_ITEM_ID }, xml("nicknames", { xmlns: NICKNAMES_NODE }, ...entries))),
      xml(
        "publish-options",
        {},
        xml(
          "x",
          { xmlns: NS_DATA_FORMS, type: "submit" },
          xml("field", { var: "FORM_TYPE", type: "hidden" }, xml("value", {}, PUBLISH_OPTIONS_FORM)),
          ...fields,
        ),
      ),
    ),
  );
}

/** `<iq type="get">` for the stored item, on the account's own PEP service (no `to`). */
export function buildNicknamesRetrieve(): Element {
  return xml("iq", { type: "get" }, xml("pubsub", { xmlns: NS_PUBSUB }, xml("items", { node: NICKNAMES_NODE, max_items: "1" })));
}

export function classifyNicknamesReply(reply: XmlElement): Result<StoredNicknamesReply, ProtocolError> {
  switch (replyType(reply)) {
    case "result": {
      const items = childNamed(reply, "pubsub", NS_PUBSUB);
      const itemList = items === undefined ? undefined : childNamed(items, "items", NS_PUBSUB);
      if (itemList === undefined) return err({ kind: "protocol", detail: "the reply holds no <pubsub><items>" });
      let payload: XmlElement | undefined;
      for (const item of childrenNamed(itemList, "item", NS_PUBSUB)) {
        payload = childNamed(item, "nicknames", NICKNAMES_NODE);
        if (payload !== undefined) break;
      }
      return ok(payload === undefined ? { kind: "nothing-stored" } : { kind: "stored", nicknames: readNicknames(payload) });
    }
    case "error": {
      const e = parseStanzaError(reply);
      if (e.condition === "item-not-found") return ok({ kind: "nothing-stored" });
      return ok(refused(e.condition, e.text));
    }
    default:
      return err({ kind: "protocol", detail: describeUnexpected(reply) });
  }
}

export function classifyPublishReply(reply: XmlElement): Result<PublishNicknamesReply, ProtocolError> {
  switch (replyType(reply)) {
    case "result":
      return ok({ kind: "stored" });
    case "error": {
      const e = parseStanzaError(reply);
      // XEP-0060 names the failed precondition with an application condition under <conflict/>.
      const condition = e.appCondition?.name === "precondition-not-met" ? "precondition-not-met" : e.condition;
      return ok(refused(condition, e.text));
    }
    default:
      return err({ kind: "protocol", detail: describeUnexpected(reply) });
  }
}

function refused(condition: string, text: string | undefined): { kind: "refused"; condition: string; text?: string } {
  return text === undefined ? { kind: "refused", condition } : { kind: "refused", condition, text };
}

/**
 * `<nickname id="…">name</nickname>` children, leniently: a bad entry (no id, an id too long, an
 * empty or too-long name, a repeated id) is dropped alone; at most MAX_SYNCED_NICKNAMES are kept.
 */
function readNicknames(payload: XmlElement): Nicknames {
  const kept = new Map<string, string>();
  for (const child of childrenOf(payload)) {
    if (kept.size >= MAX_SYNCED_NICKNAMES) break;
    if (!isElement(child) || !isNamed(child, "nickname", NICKNAMES_NODE)) continue;
    const id = attr(child, "id");
    if (id === undefined || id.length === 0 || id.length > MAX_ID_LENGTH || kept.has(id)) continue;
    // Read well past the limit, so that a longer name is dropped rather than cut to fit.
    const nickname = textOf(child, NICKNAME_MAX_LENGTH * 2);
    if (nickname === undefined || nickname.length > NICKNAME_MAX_LENGTH) continue;
    kept.set(id, nickname);
  }
  // Own data properties only: an id such as "__proto__" stays a plain key.
  return Object.fromEntries(kept);
}
