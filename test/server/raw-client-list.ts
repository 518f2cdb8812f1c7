// What the server lists for an account, asked over a raw @xmpp/client connection of its own: an
// account's list as seen by something that shares no code with Warden's protocol layer.
import { randomUUID } from "node:crypto";
import type { OtherClient } from "./other-client.js";
import { xml, type Element } from "./xmpp-client.js";

const NS = "xmpp:prosody.im/protocol/manage-clients";
const REPLY_TIMEOUT_MS = 5_000;

/** The ids the list names, in the server's order; rejects unless the reply is a result. */
export async function rawListIds(device: OtherClient): Promise<string[]> {
  const id = randomUUID();
  const { xmpp } = device;
  const reply = await new Promise<Element>((resolve, reject) => {
    const timer = setTimeout(() => {
      xmpp.removeListener("stanza", onStanza);
      reject(new Error("no reply to the list request"));
    }, REPLY_TIMEOUT_MS);
    function onStanza(stanza: Element): void {
      if (!stanza.is("iq") || stanza.attrs.id !== id) return;
      clearTimeout(timer);
      xmpp.removeListener("stanza", onStanza);
      resolve(stanza);
    }
    xmpp.on("stanza", onStanza);
    xmpp.send(xml("iq", { type: "get", id }, xml("list", { xmlns: NS }))).catch((error: unknown) => {
      clearTimeout(timer);
      xmpp.removeListener("stanza", onStanza);
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
  if (reply.attrs.type !== "result") throw new Error(`the list was refused: ${reply.toString()}`);
  return (reply.getChild("clients", NS)?.getChildren("client", NS) ?? []).map((client) => String(client.attrs.id));
}
