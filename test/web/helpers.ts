// Browser-mode test helpers: a real core on a throwaway settings dir and keychain service, a tiny
// static dir, and raw HTTP/WebSocket requests with whatever headers a test needs to forge.
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { createClientManager, type ClientManager } from "../../src/core/client-manager.js";
import { createOsKeychain } from "../../src/core/credentials/keychain.js";
import { createFileRecordsBeside } from "../../src/core/records/file-records.js";
import { createConfSettingsStore } from "../../src/core/settings/conf-settings-store.js";
import type { ClientManagerApi } from "../../src/shared/api.js";
import { startWebHost, type WebHost } from "../../web/host.js";

export const INDEX_HTML = '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body><div id="root"></div></body></html>';
export const SECRET_TEXT = "this file is outside the static dir";

export type Fixture = {
  /** Holds `static/` (served) and `secret.txt` next to it (must never be served). */
  dir: string;
  staticDir: string;
  manager: ClientManager;
  cleanup(): Promise<void>;
};

export function createFixture(): Fixture {
  const dir = mkdtempSync(join(tmpdir(), "warden-web-"));
  const staticDir = join(dir, "static");
  mkdirSync(join(staticDir, "assets"), { recursive: true });
  writeFileSync(join(staticDir, "index.html"), INDEX_HTML);
  writeFileSync(join(staticDir, "assets", "app.js"), "console.log('app');\n");
  writeFileSync(join(staticDir, "assets", "app.css"), "body { margin: 0 }\n");
  writeFileSync(join(dir, "secret.txt"), SECRET_TEXT);
  const settings = createConfSettingsStore({ cwd: join(dir, "settings") });
  const manager = createClientManager({ settings, keychain: createOsKeychain(`warden-test-${randomUUID()}`), records: createFileRecordsBeside(settings.location) });
  return {
    dir,
    staticDir,
    manager,
    async cleanup() {
      await manager.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startHost(fixture: Fixture, manager: ClientManagerApi = fixture.manager): Promise<WebHost> {
  return startWebHost({ manager, staticDir: fixture.staticDir });
}

export type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** Where a request goes: a host's address and port. */
export type Target = Pick<WebHost, "address" | "port">;

/**
 * An HTTP request sent exactly as given: the path isn't normalised, headers aren't filled in but
 * Host, which is the target's `ADDRESS:PORT` unless `hostHeader` says otherwise.
 */
export function rawRequest(
  target: Target,
  path: string,
  options: { method?: string; headers?: Record<string, string>; hostHeader?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.address,
        port: target.port,
        path,
        method: options.method ?? "GET",
        headers: { host: options.hostHeader ?? `${target.address}:${target.port}`, ...options.headers },
        setHost: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** Spends the host's launch token; returns the `name=value` cookie pair to send back. */
export async function authorise(host: WebHost): Promise<string> {
  const url = new URL(host.url);
  const res = await rawRequest(host, `${url.pathname}${url.search}`);
  if (res.status !== 303) throw new Error(`token exchange answered ${res.status}`);
  const setCookie = res.headers["set-cookie"]?.[0];
  if (setCookie === undefined) throw new Error("no Set-Cookie");
  return setCookie.split(";")[0] ?? "";
}

export type UpgradeOutcome = { opened: true; socket: WebSocket } | { opened: false; status: number | undefined };

/** The WebSocket URL the page would use: `ws://ADDRESS:PORT/ws`. */
export function socketUrl(target: Target, path = "/ws"): string {
  return `ws://${target.address}:${target.port}${path}`;
}

/** Tries the WebSocket upgrade with the given headers; resolves with the socket or the refusal status. */
export function tryUpgrade(
  target: Target,
  headers: { cookie?: string; origin?: string; host?: string },
  path = "/ws",
): Promise<UpgradeOutcome> {
  return new Promise((resolve) => {
    const extra: Record<string, string> = {};
    if (headers.cookie !== undefined) extra.cookie = headers.cookie;
    if (headers.host !== undefined) extra.host = headers.host;
    const socket = new WebSocket(socketUrl(target, path), {
      headers: extra,
      ...(headers.origin === undefined ? {} : { origin: headers.origin }),
    });
    socket.once("open", () => resolve({ opened: true, socket }));
    socket.once("unexpected-response", (_req, res) => {
      resolve({ opened: false, status: res.statusCode });
      res.resume();
      socket.terminate();
    });
    socket.once("error", () => resolve({ opened: false, status: undefined }));
  });
}

/** An authorised socket: right cookie, right Origin. */
export async function openSocket(host: WebHost, cookie: string): Promise<WebSocket> {
  const outcome = await tryUpgrade(host, { cookie, origin: host.origin });
  if (!outcome.opened) throw new Error(`upgrade refused: ${outcome.status}`);
  return outcome.socket;
}

/** Sends raw text and waits for whatever comes back first: a message, or the socket closing. */
export function exchange(socket: WebSocket, text: string | Buffer, binary = false): Promise<{ message: unknown } | { closed: number }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      cleanup();
      resolve({ message: JSON.parse(data.toString()) as unknown });
    };
    const onClose = (code: number) => {
      cleanup();
      resolve({ closed: code });
    };
    const cleanup = () => {
      socket.off("message", onMessage);
      socket.off("close", onClose);
    };
    socket.on("message", onMessage);
    socket.on("close", onClose);
    socket.send(text, { binary });
  });
}

/** Makes one call and resolves with its result message's `result`. */
export async function call(socket: WebSocket, id: number, method: string, argument?: unknown): Promise<unknown> {
  const message = argument === undefined ? { type: "call", id, method } : { type: "call", id, method, argument };
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString()) as { type: string; id?: number; result?: unknown };
      if (parsed.type === "result" && parsed.id === id) {
        cleanup();
        resolve(parsed.result);
      }
    };
    const onClose = (code: number) => {
      cleanup();
      reject(new Error(`closed ${code}`));
    };
    const cleanup = () => {
      socket.off("message", onMessage);
      socket.off("close", onClose);
    };
    socket.on("message", onMessage);
    socket.on("close", onClose);
    socket.send(JSON.stringify(message));
  });
}

/** Waits until `socket` closes; resolves with the close code. */
export function closed(socket: WebSocket): Promise<number> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve(-1);
  return new Promise((resolve) => socket.once("close", (code) => resolve(code)));
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
