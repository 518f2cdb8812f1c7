import { EventEmitter } from "node:events";
import tls from "node:tls";
import type { Socket } from "node:net";
import type { CertificateProblem } from "../../shared/account-state.js";
import { checkCertificate, trustedCertificates } from "./certificate-check.js";

export interface TlsPolicy {
  /** The JID's domain: sent as SNI and checked against the certificate, whatever host we dialled. */
  domain: string;
  pinnedFingerprints: readonly string[];
}

export class CertificateError extends Error {
  constructor(readonly problem: CertificateProblem) {
    super(`Untrusted certificate: ${problem.reason}`);
  }
}

/**
 * The socket @xmpp/connection drives (connect/write/end, events connect/data/close/error), over a
 * TLS connection that emits "connect" only once the certificate passed: nothing, credentials least
 * of all, is written to a server we do not trust.
 */
export class VerifiedTlsSocket extends EventEmitter {
  readonly secure = true;
  /** Named like @xmpp/tls's wrapper field, where channel binding looks for the TLS socket. */
  socket: tls.TLSSocket | null = null;

  constructor(private readonly policy: TlsPolicy) {
    super();
  }

  connect(options: { host?: string; port?: number; socket?: Socket }): void {
    const socket = tls.connect({
      ...options,
      servername: this.policy.domain,
      ca: trustedCertificates(),
      // Verified below, so that a pinned certificate can be accepted and a refused one described.
      rejectUnauthorized: false,
      minVersion: "TLSv1.2",
    });
    this.socket = socket;
    socket.once("secureConnect", () => {
      const problem = checkCertificate(socket, this.policy.domain, this.policy.pinnedFingerprints);
      if (problem) {
        this.emit("error", new CertificateError(problem));
        socket.destroy();
        return;
      }
      this.emit("connect");
    });
    socket.on("data", (data: Buffer) => this.emit("data", data));
    socket.on("error", (error: Error) => this.emit("error", error));
    socket.on("close", () => {
      this.socket = null;
      this.emit("close");
    });
  }

  end(): void {
    this.socket?.end();
  }

  /** Closes at once, without waiting for the peer (which may be frozen): "close" follows. */
  destroy(): void {
    this.socket?.destroy();
  }

  write(data: string, callback?: (error?: Error | null) => void): void {
    if (!this.socket) {
      callback?.(new Error("Socket is closed"));
      return;
    }
    this.socket.write(data, callback);
  }
}
