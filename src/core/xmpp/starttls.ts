import xml from "@xmpp/xml";
import type { StreamFeatures } from "@xmpp/stream-features";
import type { Socket } from "node:net";
import { VerifiedTlsSocket, type TlsPolicy } from "./verified-tls-socket.js";

const NS_TLS = "urn:ietf:params:xml:ns:xmpp-tls";

/** STARTTLS that upgrades to a VerifiedTlsSocket (the bundled one verifies with no way to pin). */
export function useStartTls(streamFeatures: StreamFeatures, policy: TlsPolicy): void {
  streamFeatures.use("starttls", NS_TLS, async ({ entity }, next) => {
    if (entity.isSecure()) return next();
    const reply = await entity.sendReceive(xml("starttls", { xmlns: NS_TLS }));
    if (!reply.is("proceed", NS_TLS)) throw new Error("The server refused STARTTLS.");
    const secured = new VerifiedTlsSocket(policy);
    const connected = new Promise<void>((resolve, reject) => {
      secured.once("connect", resolve);
      secured.once("error", reject);
    });
    secured.connect({ socket: entity.socket as unknown as Socket });
    await connected;
    entity._attachSocket(secured);
    await entity.restart();
  });
}
