import type { ManageClientsProtocol } from "../../shared/client-info.js";

/** mod_client_management (Prosody 13, Snikket). */
export const NS_PROSODY = "xmpp:prosody.im/protocol/manage-clients";
/** XEP-0494 Client Access Management 0.1.0. */
export const NS_CAM = "urn:xmpp:cam:0";
/** RFC 6120 stanza error conditions and `<text>`. */
export const NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
/** XEP-0077 In-Band Registration (password change). */
export const NS_REGISTER = "jabber:iq:register";

const NAMESPACES: Readonly<Record<ManageClientsProtocol, string>> = {
  prosody: NS_PROSODY,
  "xep-0494": NS_CAM,
};

/** Order in which to probe a server: what real servers speak first. */
export const PROTOCOL_PROBE_ORDER: readonly ManageClientsProtocol[] = ["prosody", "xep-0494"];

export function namespaceOf(protocol: ManageClientsProtocol): string {
  return NAMESPACES[protocol];
}

export function protocolOf(namespace: string): ManageClientsProtocol | undefined {
  if (namespace === NS_PROSODY) return "prosody";
  if (namespace === NS_CAM) return "xep-0494";
  return undefined;
}

export function otherProtocol(protocol: ManageClientsProtocol): ManageClientsProtocol {
  return protocol === "prosody" ? "xep-0494" : "prosody";
}

/** Either manage-clients namespace. */
export function isManageClientsNamespace(namespace: string | undefined): boolean {
  return namespace === NS_PROSODY || namespace === NS_CAM;
}
