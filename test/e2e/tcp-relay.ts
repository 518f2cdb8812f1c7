// A TCP relay between Warden and the test Prosody that can hold new connections, as a stalled
// network would: a test uses it to stop Warden at a chosen moment (after one more connection gets
// through) without racing it. Bytes pass through unchanged; TLS is end to end.
import { connect, createServer, type Socket } from "node:net";

export type TcpRelay = {
  readonly port: number;
  /** From now on, `pass` more new connections get through; later ones are held (accepted, nothing forwarded). */
  holdAfter(pass: number): void;
  /** How many connections are held now. */
  held(): number;
  /** Drops the held connections and lets every new one through again. */
  release(): void;
  close(): Promise<void>;
};

export async function startTcpRelay(target: { host: string; port: number }): Promise<TcpRelay> {
  let passing = Infinity;
  const holding = new Set<Socket>();
  const open = new Set<Socket>();
  const server = createServer((client) => {
    open.add(client);
    client.once("close", () => {
      open.delete(client);
      holding.delete(client);
    });
    client.on("error", () => client.destroy());
    if (passing <= 0) {
      holding.add(client);
      return;
    }
    passing -= 1;
    const upstream = connect(target);
    open.add(upstream);
    upstream.once("close", () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on("error", () => upstream.destroy());
    client.once("close", () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, target.host, () => resolve());
  });
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("the relay has no port");
  return {
    port: address.port,
    holdAfter(pass) {
      passing = pass;
    },
    held: () => holding.size,
    release() {
      passing = Infinity;
      for (const socket of holding) socket.destroy();
      holding.clear();
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
