// A hostile XMPP server the test writes line by line: a TCP listener on 127.0.0.1 that plays one
// script per connection (stream header and <stream:features> of the test's choosing, STARTTLS or
// direct TLS with the test's certificate, arbitrary raw bytes), or passes a connection through to a
// real server. It records every byte it receives — plaintext and decrypted TLS — so a test can
// show what the client did NOT send. Every wait and every connection has a deadline: a script that
// goes wrong fails its test instead of hanging it.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { connect, createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { TLSSocket } from "node:tls";
import { promisify } from "node:util";
import { existingCertificateAuthority, issueLeafCertificate } from "../server/certificates.js";

const NS_STREAMS = "http://etherx.jabber.org/streams";
const NS_TLS = "urn:ietf:params:xml:ns:xmpp-tls";
const STEP_TIMEOUT_MS = 15_000;
const CONNECTION_LIFETIME_MS = 60_000;

export interface Pem {
  readonly cert: string;
  readonly key: string;
}

/** Plays one connection; index 0 is the first connection accepted. */
export type Script = (peer: ScriptedPeer) => Promise<void>;

export interface ScriptedServerOptions {
  /** "starttls": plaintext until the script calls startTls(); "direct": TLS from the first byte. */
  tls: "starttls" | "direct";
  certificate: Pem;
  /** One per connection, in order of arrival; connections past the last are closed at once. */
  scripts: readonly Script[];
  /** The `from` of the stream header. */
  domain?: string;
}

export interface ScriptedServer {
  readonly port: number;
  /** Connections accepted so far, scripted or not. */
  readonly accepted: number;
  /** Connection `index` once accepted, or undefined if none came within `timeoutMs`. */
  connection(index: number, timeoutMs?: number): Promise<ScriptedPeer | undefined>;
  /** Everything received on every connection: plaintext and decrypted TLS, as latin1 text. */
  received(): string;
  /** Why scripts failed (a step that timed out, a closed connection), in order. */
  readonly failures: readonly unknown[];
  /** Resolves once every script started so far has finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** One accepted connection, as the script sees it. */
export class ScriptedPeer {
  readonly closed: Promise<void>;
  readonly #raw: Socket;
  readonly #options: Required<ScriptedServerOptions>;
  #stream: Socket;
  #handshake: Promise<void> | undefined;
  readonly #plaintext: Buffer[] = [];
  readonly #decrypted: Buffer[] = [];
  /** Text received on the current layer (plaintext, then TLS) not yet consumed by waitFor(). */
  #unread = "";
  #isClosed = false;
  readonly #wakeups = new Set<() => void>();

  constructor(raw: Socket, options: Required<ScriptedServerOptions>) {
    this.#raw = raw;
    this.#options = options;
    this.#stream = raw;
    raw.on("error", () => {});
    this.closed = new Promise((resolve) => {
      raw.once("close", () => {
        this.#isClosed = true;
        this.#wake();
        resolve();
      });
    });
    if (options.tls === "direct") void this.#wrap();
    else this.#listen(raw, this.#plaintext);
  }

  /** Bytes received before TLS. */
  plaintext(): string {
    return Buffer.concat(this.#plaintext).toString("latin1");
  }

  /** Bytes received inside TLS, decrypted. */
  decrypted(): string {
    return Buffer.concat(this.#decrypted).toString("latin1");
  }

  /** Waits for `pattern` in what arrived on the current layer since the last match; consumes up to its end. */
  async waitFor(pattern: RegExp, timeoutMs = STEP_TIMEOUT_MS): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.#unread);
      if (match) {
        this.#unread = this.#unread.slice(match.index + match[0].length);
        return match[0];
      }
      if (this.#isClosed) throw new Error(`connection closed while waiting for ${pattern}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${pattern}`);
      await this.#nextData(left);
    }
  }

  /** Waits for the client's stream header, then answers with ours and, unless left out, these features. */
  async openStream(features?: string): Promise<void> {
    await this.waitFor(/<stream:stream\b[^>]*>/);
    const header = `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='${NS_STREAMS}' id='${randomUUID()}' from='${this.#options.domain}' version='1.0' xml:lang='en'>`;
    await this.send(features === undefined ? header : `${header}<stream:features>${features}</stream:features>`);
  }

  /** Waits for <starttls/>, says proceed, and completes the TLS handshake with the chosen certificate. */
  async startTls(): Promise<void> {
    await this.waitFor(/<starttls\b[^>]*>/);
    await this.send(`<proceed xmlns='${NS_TLS}'/>`);
    this.#raw.removeAllListeners("data");
    this.#unread = "";
    await this.#wrap();
  }

  /** Resolves once the direct-TLS handshake is done; rejects if the client gave up on it. */
  tlsReady(): Promise<void> {
    if (!this.#handshake) throw new Error("not a TLS connection");
    return this.#handshake;
  }

  /** Resolves once the client has closed the connection; rejects if it keeps it open past `timeoutMs`. */
  async closedByClient(timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("the client kept the connection open")), timeoutMs);
    });
    try {
      await Promise.race([this.closed, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Writes raw bytes; resolves once written or once the client is gone. */
  send(data: string | Buffer): Promise<void> {
    return new Promise((resolve) => {
      if (this.#isClosed || this.#stream.destroyed) {
        resolve();
        return;
      }
      this.#stream.write(data, () => resolve());
    });
  }

  /** Passes this connection through to `port` untouched (TLS included) until either side closes. */
  async proxyTo(port: number, host = "127.0.0.1"): Promise<void> {
    const upstream = connect({ host, port });
    upstream.on("error", () => {});
    this.#raw.removeAllListeners("data");
    this.#raw.on("data", (chunk: Buffer) => {
      this.#plaintext.push(chunk);
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => this.#raw.write(chunk));
    upstream.once("close", () => this.#raw.destroy());
    this.#raw.once("close", () => upstream.destroy());
    await this.closed;
  }

  /** Closes the connection at once, with a reset, as a network fault would. */
  cut(): void {
    if (!this.#raw.destroyed) this.#raw.resetAndDestroy();
  }

  #listen(socket: Socket, into: Buffer[]): void {
    socket.on("data", (chunk: Buffer) => {
      into.push(chunk);
      this.#unread += chunk.toString("latin1");
      this.#wake();
    });
  }

  /** Layers TLS over the connection; resolves once the handshake is done. */
  #wrap(): Promise<void> {
    const secure = new TLSSocket(this.#raw, { isServer: true, cert: this.#options.certificate.cert, key: this.#options.certificate.key });
    secure.on("error", () => {});
    this.#stream = secure;
    this.#listen(secure, this.#decrypted);
    const handshake = new Promise<void>((resolve, reject) => {
      secure.once("secure", resolve);
      void this.closed.then(() => reject(new Error("connection closed before the TLS handshake was done")));
    });
    // Awaited only by scripts that care; a client that refuses the certificate is no failure of the harness.
    handshake.catch(() => {});
    this.#handshake = handshake;
    return handshake;
  }

  #nextData(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const wakeups = this.#wakeups;
      function done() {
        clearTimeout(timer);
        wakeups.delete(done);
        resolve();
      }
      wakeups.add(done);
    });
  }

  #wake(): void {
    for (const wake of [...this.#wakeups]) wake();
  }
}

export async function startScriptedServer(options: ScriptedServerOptions): Promise<ScriptedServer> {
  const settings: Required<ScriptedServerOptions> = { domain: "localhost", ...options };
  const peers: ScriptedPeer[] = [];
  const sockets = new Set<Socket>();
  const running = new Set<Promise<void>>();
  const failures: unknown[] = [];
  const arrivals = new Set<() => void>();
  let accepted = 0;

  const server: Server = createServer((socket) => {
    const index = accepted;
    accepted += 1;
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    // Bounded whatever the script does.
    const lifetime = setTimeout(() => socket.destroy(), CONNECTION_LIFETIME_MS);
    socket.once("close", () => clearTimeout(lifetime));
    const script = settings.scripts[index];
    if (!script) {
      socket.destroy();
    } else {
      const peer = new ScriptedPeer(socket, settings);
      peers[index] = peer;
      const run: Promise<void> = script(peer)
        .catch((error: unknown) => {
          failures.push(error);
        })
        .finally(() => running.delete(run));
      running.add(run);
    }
    for (const arrived of [...arrivals]) arrived();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;

  return {
    port,
    get accepted() {
      return accepted;
    },
    get failures() {
      return failures;
    },
    connection(index, timeoutMs = STEP_TIMEOUT_MS) {
      return new Promise((resolve) => {
        const check = () => {
          if (accepted <= index) return;
          clearTimeout(timer);
          arrivals.delete(check);
          resolve(peers[index]);
        };
        const timer = setTimeout(() => {
          arrivals.delete(check);
          resolve(undefined);
        }, timeoutMs);
        arrivals.add(check);
        check();
      });
    },
    received() {
      return peers.map((peer) => peer.plaintext() + peer.decrypted()).join("");
    },
    async settled() {
      await Promise.all([...running]);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...running]);
    },
  };
}

const execFileAsync = promisify(execFile);

/**
 * Certificates for `domain`: one issued by the run's test CA (which the worker trusts through
 * NODE_EXTRA_CA_CERTS, set by global-setup), and a self-signed one.
 */
export async function harnessCertificates(dir: string, domain = "localhost"): Promise<{ caIssued: Pem; selfSigned: Pem }> {
  const caDir = process.env.WARDEN_TEST_CA_DIR;
  if (!caDir) throw new Error("WARDEN_TEST_CA_DIR is not set: run under the vitest project with test/server/global-setup.ts");
  const issued = await issueLeafCertificate(existingCertificateAuthority(caDir), dir, `${domain}-harness`, [domain]);
  const selfSignedKey = join(dir, `${domain}-self-signed.key`);
  const selfSignedCert = join(dir, `${domain}-self-signed.crt`);
  await execFileAsync("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
    "-keyout", selfSignedKey, "-out", selfSignedCert, "-days", "2",
    "-subj", `/CN=${domain}`, "-addext", `subjectAltName=DNS:${domain}`,
  ]);
  const read = async (certFile: string, keyFile: string): Promise<Pem> => ({ cert: await readFile(certFile, "utf8"), key: await readFile(keyFile, "utf8") });
  return { caIssued: await read(issued.certFile, issued.keyFile), selfSigned: await read(selfSignedCert, selfSignedKey) };
}

/**
 * What a client must never send to a server it has not trusted, each with a label to report (never
 * the secret itself): the password, plain or in base64 (alone or as a PLAIN message), and the
 * elements of SASL, SASL2, resource binding and requests.
 */
export function credentialTraces(username: string, password: string): { label: string; text: string }[] {
  return [
    { label: "the password", text: password },
    { label: "the password in base64", text: Buffer.from(password).toString("base64") },
    { label: "a PLAIN message", text: Buffer.from(`\0${username}\0${password}`).toString("base64") },
    ...["<auth", "<authenticate", "<response", "<bind", "<iq"].map((text) => ({ label: text, text })),
  ];
}

/** The labels of the traces found in `received`. */
export function tracesIn(received: string, traces: readonly { label: string; text: string }[]): string[] {
  return traces.filter((trace) => received.includes(trace.text)).map((trace) => trace.label);
}
