/**
 * Request stanzas. No `id` attribute: `iqCaller.request` assigns one.
 */
import type { Element } from "ltx";
import type { ManageClientsProtocol } from "../../shared/client-info.js";
import { NS_REGISTER, namespaceOf } from "./namespaces.js";
import { xml } from "./xml.js";

/** `<iq type="get"><list xmlns=NS/></iq>` */
export function buildListRequest(protocol: ManageClientsProtocol): Element {
  return xml("iq", { type: "get" }, xml("list", { xmlns: namespaceOf(protocol) }));
}

/** `<iq type="set"><revoke xmlns=NS id=ID/></iq>` — `id` exactly as the list gave it. */
export function buildRevokeRequest(protocol: ManageClientsProtocol, id: string): Element {
  return xml("iq", { type: "set" }, xml("revoke", { xmlns: namespaceOf(protocol), id }));
}

/**
 * XEP-0077 password change:
 * `<iq type="set" to=DOMAIN><query xmlns="jabber:iq:register"><username>U</username><password>P</password></query></iq>`
 * `username` is the JID's localpart. Validation (empty, same as current) is the caller's.
 */
export function buildPasswordChangeRequest(domain: string, username: string, password: string): Element {
  return xml(
    "iq",
    { type: "set", to: domain },
    xml("query", { xmlns: NS_REGISTER }, xml("username", null, username), xml("password", null, password)),
  );
}
