import xml from "@xmpp/xml";
import type { StreamFeatures } from "@xmpp/stream-features";
import { VerifiedTlsSocket, type TlsPolicy } from "./verified-tls-socket.js";
import { attachSocket, plainSocket } from "./upstream-patches/swap-socket.js";
import { isNamed } from "../protocol/xml-walk.js";

const NS_TLS = "urn:ietf:params:xml:ns:xmpp-tls";

/** STARTTLS that upgrades to a VerifiedTlsSocket (the bundled one verifies with no way to pin). */
export function useStartTls(streamFeatures: StreamFeatures, policy: TlsPolicy): void {
  streamFeatures.use("starttls", NS_TLS, async ({ entity }, next) => {
    if (entity.isSecure()) return next();
    const reply = await entity.sendReceive(xml("starttls", { xmlns: NS_TLS }));
    if (!isNamed(reply, "proceed", NS_TLS)) throw new Error("The server refused STARTTLS.");
    const secured = new VerifiedTlsSocket(policy);
    const connected = new Promise<void>((resolve, reject) => {
      secured.once("connect", resolve);
      secured.once("error", reject);
    });
    secured.connect({ socket: plainSocket(entity) });
    await connected;
    attachSocket(entity, secured);
    await entity.restart();
  });
}
