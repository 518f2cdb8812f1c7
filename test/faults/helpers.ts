// What the fault tests share: a TCP proxy on 127.0.0.1 that a test can cut, an unhandled-rejection
// spy, and a search of files for secrets.
import { readdirSync, readFileSync } from "node:fs";
import { createServer, connect, type Server, type Socket } from "node:net";
import { join } from "node:path";

export interface TcpProxy {
  readonly port: number;
  /** Client connections accepted so far. */
  readonly accepted: number;
  /** Bytes passed from the server to clients so far. */
  readonly bytesDown: number;
  /** Resets (RST) every open connection, both sides. */
  resetAll(): void;
  /**
   * Resets the connection when the client next writes, dropping what it wrote: whatever request the
   * test makes next is in flight and unanswered when the connection dies.
   */
  resetOnNextClientWrite(): Promise<void>;
  /** While down, new connections are reset as soon as they are accepted. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

/** A byte-for-byte TCP proxy in front of `targetPort` (TLS passes through untouched). */
export async function startTcpProxy(targetPort: number, targetHost = "127.0.0.1"): Promise<TcpProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  let down = false;
  let accepted = 0;
  let bytesDown = 0;
  let armed: (() => void) | undefined;

  const reset = (pair: { client: Socket; upstream: Socket }) => {
    pairs.delete(pair);
    if (!pair.client.destroyed) pair.client.resetAndDestroy();
    if (!pair.upstream.destroyed) pair.upstream.resetAndDestroy();
  };

  const server: Server = createServer((client) => {
    accepted += 1;
    client.on("error", () => {});
    if (down) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect({ host: targetHost, port: targetPort });
    upstream.on("error", () => {});
    const pair = { client, upstream };
    pairs.add(pair);
    client.on("data", (chunk: Buffer) => {
      if (armed) {
        const done = armed;
        armed = undefined;
        reset(pair);
        done();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      bytesDown += chunk.length;
      client.write(chunk);
    });
    client.on("close", () => {
      pairs.delete(pair);
      upstream.destroy();
    });
    upstream.on("close", () => {
      pairs.delete(pair);
      client.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;

  return {
    port,
    get accepted() {
      return accepted;
    },
    get bytesDown() {
      return bytesDown;
    },
    resetAll() {
      for (const pair of [...pairs]) reset(pair);
    },
    resetOnNextClientWrite() {
      return new Promise((resolve) => {
        armed = resolve;
      });
    },
    setDown(value) {
      down = value;
    },
    async close() {
      armed = undefined;
      for (const pair of [...pairs]) reset(pair);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Collects unhandled rejections until `stop()`. */
export function spyOnUnhandledRejections(): { readonly reasons: unknown[]; stop(): void } {
  const reasons: unknown[] = [];
  const onUnhandled = (reason: unknown) => reasons.push(reason);
  process.on("unhandledRejection", onUnhandled);
  return {
    reasons,
    stop: () => void process.off("unhandledRejection", onUnhandled),
  };
}

/** A turn of the event loop for any stray rejection to surface. */
export const settleTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Files under `dir` (recursively, skipping `exclude` sub-paths) whose content contains any of `secrets`. */
export function filesContaining(dir: string, secrets: readonly string[], exclude: readonly string[] = []): string[] {
  const hits: string[] = [];
  const wanted = secrets.filter((s) => s.length > 0);
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (exclude.some((part) => path.includes(part))) continue;
    let text: string;
    try {
      text = readFileSync(path, "latin1");
    } catch {
      continue;
    }
    if (wanted.some((secret) => text.includes(secret))) hits.push(path);
  }
  return hits;
}
