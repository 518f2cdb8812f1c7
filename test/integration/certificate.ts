import tls from "node:tls";
import type { TestServer } from "../server/prosody-test-server.js";

/** What the server presents for `domain`, read independently of Warden's code. */
export function presentedCertificate(server: TestServer, domain: string): Promise<tls.PeerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: server.host, port: server.directTlsPort, servername: domain, rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate());
      socket.end();
    });
    socket.once("error", reject);
  });
}
