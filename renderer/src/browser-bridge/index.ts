// Browser mode: when nothing (Electron's preload) has provided window.clientManager, provide it
// over the WebSocket of the host that served this page (web/host.ts). The session cookie the host
// set goes along with the upgrade request automatically.
import type { ClientManagerApi } from "../../../src/shared/api.js";
import { createSocketClientManager } from "./socket-client.js";

export { createSocketClientManager, LOST_CONNECTION_MESSAGE } from "./socket-client.js";
export type { BridgeSocket, BridgeSocketConstructor, SocketClientManager, SocketClientOptions } from "./socket-client.js";

/** The host's WebSocket endpoint, on the same host and port as the page. */
export function webSocketUrl(location: Pick<Location, "host" | "protocol">): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
}

export function ensureClientManager(): void {
  const target = window as unknown as { clientManager?: ClientManagerApi };
  if (target.clientManager !== undefined) return;
  target.clientManager = createSocketClientManager({ url: webSocketUrl(window.location), WebSocket });
}
