// Browser mode's host: serves the built renderer and carries ClientManagerApi over a WebSocket,
// to one browser, on 127.0.0.1 only.
//
// Security model (see web/README.md):
// - The launch URL carries a one-time random token. The first GET / with it is answered with a
//   303 to `/` and a session cookie (HttpOnly, SameSite=Strict, a separate random value); the
//   token is then spent. Every later request and the WebSocket upgrade need that cookie.
// - Host must be exactly 127.0.0.1:PORT or localhost:PORT (no DNS rebinding); the WebSocket
//   upgrade and any non-GET/HEAD request must also carry Origin http://127.0.0.1:PORT or
//   http://localhost:PORT (no cross-site WebSocket hijacking).
// - A strict CSP and friends on every response; static files only from staticDir.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { ClientManagerApi } from "../src/shared/api.js";
import { cookieValues, hostAllowed, originAllowed, randomSecret, secretsEqual, securityHeaders } from "./security.js";
import { serveSocket } from "./socket-api.js";
import { readRendererFile } from "../src/core/renderer-files.js";

export const WEBSOCKET_PATH = "/ws";
export const MAX_PAYLOAD_BYTES = 64 * 1024;

export type WebHostOptions = {
  /** The service the browser talks to; the host never disposes it. */
  manager: ClientManagerApi;
  /** The built renderer (dist/renderer): index.html and its assets. */
  staticDir: string;
  /** Default 0: a free port. */
  port?: number;
  /** Loopback only; the option exists to make that explicit. */
  host?: "127.0.0.1";
  /** Told which API method threw (never arguments or messages). */
  onCoreError?: (method: string) => void;
};

export type WebHost = {
  /** The one-time launch URL, `http://127.0.0.1:PORT/?token=…`. Works once. */
  url: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  /** The session cookie's name (it includes the port, so two hosts don't overwrite each other's). */
  cookieName: string;
  /** Closes every WebSocket (1001) and the listener. Idempotent. */
  close(): Promise<void>;
};

const FORBIDDEN_TEXT = "Forbidden. Open Warden through the link it printed when it started; each link works once.\n";

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { manager, staticDir } = options;
  const bindHost = options.host ?? "127.0.0.1";
  if (bindHost !== "127.0.0.1") throw new Error("browser mode listens on 127.0.0.1 only");

  let launchToken: string | undefined = randomSecret();
  const sessionSecret = randomSecret();
  let port = 0;
  let cookieName = "";
  const sockets = new Set<WebSocket>();

  const hasSession = (req: IncomingMessage) =>
    cookieValues(req.headers.cookie, cookieName).some((value) => secretsEqual(value, sessionSecret));

  const respond = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      ...securityHeaders(port),
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Length": String(Buffer.byteLength(body)),
      ...headers,
    });
    res.end(res.req.method === "HEAD" ? undefined : body);
  };
  const forbidden = (res: ServerResponse) => respond(res, 403, FORBIDDEN_TEXT);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "";
    const rawUrl = req.url ?? "";
    if (!hostAllowed(req, port) || !rawUrl.startsWith("/")) return forbidden(res);
    const isRead = method === "GET" || method === "HEAD";
    if (!isRead && !originAllowed(req, port)) return forbidden(res);

    const queryAt = rawUrl.indexOf("?");
    const pathname = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const query = new URLSearchParams(queryAt === -1 ? "" : rawUrl.slice(queryAt + 1));

    // The launch link: swap the one-time token for the session cookie, and take it out of the address bar.
    if (query.has("token")) {
      const offered = query.getAll("token");
      const live = launchToken;
      if (method !== "GET" || pathname !== "/" || offered.length !== 1 || live === undefined || !secretsEqual(offered[0] ?? "", live)) {
        return forbidden(res);
      }
      launchToken = undefined;
      return respond(res, 303, "See /\n", {
        Location: "/",
        "Set-Cookie": `${cookieName}=${sessionSecret}; HttpOnly; SameSite=Strict; Path=/`,
      });
    }

    if (!hasSession(req)) return forbidden(res);
    if (!isRead) return respond(res, 405, "Method not allowed\n", { Allow: "GET, HEAD" });

    const found = await readRendererFile(staticDir, pathname);
    if (found.kind === "forbidden") return forbidden(res);
    if (found.kind === "not-found") return respond(res, 404, "Not found\n");
    res.writeHead(200, {
      ...securityHeaders(port),
      "Content-Type": found.contentType,
      "Content-Length": String(found.body.length),
    });
    res.end(method === "HEAD" ? undefined : found.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) respond(res, 500, "Internal error\n");
      else res.destroy();
    });
  });
  server.on("clientError", (_error, socket) => {
    socket.destroy();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES });

  const refuseUpgrade = (socket: Duplex, status: 403 | 404) => {
    const headers = Object.entries(securityHeaders(port))
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
    const reason = status === 403 ? "Forbidden" : "Not Found";
    socket.end(`HTTP/1.1 ${status} ${reason}\r\n${headers}Connection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    try {
      if (!hostAllowed(req, port) || !originAllowed(req, port) || !hasSession(req)) return refuseUpgrade(socket, 403);
      if (req.url !== WEBSOCKET_PATH) return refuseUpgrade(socket, 404);
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.add(ws);
        ws.on("close", () => sockets.delete(ws));
        serveSocket(ws, manager, { onCoreError: options.onCoreError });
      });
    } catch {
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: options.port ?? 0, host: bindHost, exclusive: true }, () => {
      server.off("error", reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  cookieName = `warden_session_${port}`;
  const origin = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/?token=${launchToken}`,
    origin,
    port,
    cookieName,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const ws of sockets) ws.close(1001, "Warden is shutting down");
        server.close(() => resolve());
        server.closeAllConnections();
        // Sockets that don't finish the closing handshake promptly are cut.
        setTimeout(() => {
          for (const ws of sockets) ws.terminate();
        }, 1000).unref();
        wss.close();
      });
      return closing;
    },
  };
}
