// Browser mode's host: serves the built renderer and carries ClientManagerApi over a WebSocket,
// to one browser, on a loopback address of its own (web/loopback.ts).
//
// Security model (see web/README.md):
// - The launch URL carries a one-time random token. The first GET / with it is answered with a
//   303 to `/` and a session cookie (host-only, HttpOnly, SameSite=Strict, Max-Age 12 hours, a
//   separate random value); the token is then spent. Every later request and the WebSocket
//   upgrade need that cookie, for 12 hours from the exchange.
// - Host must be exactly ADDRESS:PORT, the address and port actually bound (no DNS rebinding);
//   the WebSocket upgrade and any non-GET/HEAD request must also carry Origin
//   http://ADDRESS:PORT (no cross-site WebSocket hijacking).
// - A strict CSP and friends on every response; static files only from staticDir.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { ClientManagerApi } from "../src/shared/api.js";
import { listenOnLoopback } from "./loopback.js";
import {
  allowedOrigin,
  cookieValues,
  hostAllowed,
  originAllowed,
  randomSecret,
  secretsEqual,
  securityHeaders,
  sessionCookie,
  SESSION_MAX_AGE_SECONDS,
  type Listening,
} from "./security.js";
import { createPageVisibility } from "./page-visibility.js";
import { serveSocket } from "./socket-api.js";
import { createDispatcher } from "../src/core/dispatch.js";
import { readRendererFile } from "../hosts/renderer-files.js";

export const WEBSOCKET_PATH = "/ws";
export const MAX_PAYLOAD_BYTES = 64 * 1024;

export type WebHostOptions = {
  /** The service the browser talks to; the host never disposes it. */
  manager: ClientManagerApi;
  /** The built renderer (dist/renderer): index.html and its assets. */
  staticDir: string;
  /** Default 0: a free port. */
  port?: number;
  /** The clock sessions expire by (ms since the epoch); tests pass their own. Default Date.now. */
  now?: () => number;
  /** Told which API method threw (never arguments or messages). */
  onCoreError?: (method: string) => void;
};

export type WebHost = {
  /** The one-time launch URL, `http://ADDRESS:PORT/?token=…`. Works once. */
  url: string;
  /** `http://ADDRESS:PORT` */
  origin: string;
  /** The loopback address bound: random in 127.0.0.0/8, or 127.0.0.1 where the OS offers no other. */
  address: string;
  port: number;
  /** The session cookie's name (it includes the port, so two hosts on 127.0.0.1 don't overwrite each other's). */
  cookieName: string;
  /** Resolves when the launch token has been swapped for a session (the launch page can go). */
  launched: Promise<void>;
  /** Closes every WebSocket (1001) and the listener. Idempotent. */
  close(): Promise<void>;
};

const FORBIDDEN_TEXT =
  "Forbidden. Open Warden through the link it printed when it started. Each link works once, and the session it starts lasts 12 hours; restart Warden for a new link.\n";

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { manager, staticDir } = options;
  const dispatch = createDispatcher(manager, options.onCoreError ? { onCoreError: options.onCoreError } : {});
  const pages = createPageVisibility(dispatch);
  const now = options.now ?? Date.now;

  let launchToken: string | undefined = randomSecret();
  const sessionSecret = randomSecret();
  /** Set when the token is spent, 12 hours ahead: the host refuses the session after it, as the browser drops the cookie. */
  let sessionExpiresAt: number | undefined;
  let listening: Listening = { address: "", port: 0 };
  let cookieName = "";
  const sockets = new Set<WebSocket>();
  let markLaunched = () => {};
  const launched = new Promise<void>((resolve) => {
    markLaunched = resolve;
  });

  const hasSession = (req: IncomingMessage) =>
    sessionExpiresAt !== undefined &&
    now() < sessionExpiresAt &&
    cookieValues(req.headers.cookie, cookieName).some((value) => secretsEqual(value, sessionSecret));

  const respond = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      ...securityHeaders(listening),
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
    if (!hostAllowed(req, listening) || !rawUrl.startsWith("/")) return forbidden(res);
    const isRead = method === "GET" || method === "HEAD";
    if (!isRead && !originAllowed(req, listening)) return forbidden(res);

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
      sessionExpiresAt = now() + SESSION_MAX_AGE_SECONDS * 1000;
      markLaunched();
      return respond(res, 303, "See /\n", { Location: "/", "Set-Cookie": sessionCookie(cookieName, sessionSecret) });
    }

    if (!hasSession(req)) return forbidden(res);
    if (!isRead) return respond(res, 405, "Method not allowed\n", { Allow: "GET, HEAD" });

    const found = await readRendererFile(staticDir, pathname);
    if (found.kind === "forbidden") return forbidden(res);
    if (found.kind === "not-found") return respond(res, 404, "Not found\n");
    res.writeHead(200, {
      ...securityHeaders(listening),
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
    const headers = Object.entries(securityHeaders(listening))
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
    const reason = status === 403 ? "Forbidden" : "Not Found";
    socket.end(`HTTP/1.1 ${status} ${reason}\r\n${headers}Connection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    try {
      if (!hostAllowed(req, listening) || !originAllowed(req, listening) || !hasSession(req)) return refuseUpgrade(socket, 403);
      if (req.url !== WEBSOCKET_PATH) return refuseUpgrade(socket, 404);
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.add(ws);
        ws.on("close", () => {
          sockets.delete(ws);
          void pages.closed(ws);
        });
        serveSocket(ws, pages.dispatchFor(ws), manager);
      });
    } catch {
      socket.destroy();
    }
  });

  const address = await listenOnLoopback(server, options.port ?? 0);
  listening = { address, port: (server.address() as AddressInfo).port };
  cookieName = `warden_session_${listening.port}`;
  const origin = allowedOrigin(listening);

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/?token=${launchToken}`,
    origin,
    address,
    port: listening.port,
    cookieName,
    launched,
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
