// Browser mode listens on a loopback address of its own, picked at random for each run. Browsers
// scope cookies by host, not by port: on an address no other server uses, the session cookie is
// sent to this Warden alone. The address isn't a secret (local users can list listening sockets);
// what matters is that nothing else on this machine was there when the browser got the cookie.
//
// Linux and Windows route all of 127.0.0.0/8 to the loopback interface. macOS answers only on
// 127.0.0.1 unless more addresses are configured, so binding elsewhere fails with EADDRNOTAVAIL
// there, and browser mode falls back to 127.0.0.1.
import { randomBytes } from "node:crypto";
import type { Server } from "node:net";

export const FALLBACK_ADDRESS = "127.0.0.1";

/**
 * 127.X.Y.Z with X in 1–255 and Z in 1–254: 127.0.x.x is left to the services that usually live
 * there (127.0.0.1, Debian's 127.0.1.1, systemd-resolved's 127.0.0.53), and no .0 or .255 host.
 */
export function randomLoopbackAddress(): string {
  const [x = 0, y = 0, z = 0] = randomBytes(3);
  return `127.${1 + (x % 255)}.${y}.${1 + (z % 254)}`;
}

function listenOn(server: Server, address: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: address, port, exclusive: true }, () => {
      server.off("error", reject);
      resolve(address);
    });
  });
}

/**
 * Listens on `address` (by default a fresh random one), or on 127.0.0.1 where the OS doesn't offer
 * that address. Resolves with the address bound; other failures (the port is taken) reject.
 */
export async function listenOnLoopback(server: Server, port: number, address = randomLoopbackAddress()): Promise<string> {
  try {
    return await listenOn(server, address, port);
  } catch (error) {
    if (address === FALLBACK_ADDRESS || (error as NodeJS.ErrnoException).code !== "EADDRNOTAVAIL") throw error;
    return listenOn(server, FALLBACK_ADDRESS, port);
  }
}
