import { EventEmitter } from "node:events";
import tls from "node:tls";
import type { Socket } from "node:net";
import type { CertificateProblem } from "../../shared/account-state.js";
import { checkCertificate, trustedCertificates, type CertificateExpectation } from "./certificate-check.js";

export interface TlsPolicy extends CertificateExpectation {
  /** Told of every certificate accepted: whether the CA vouched for it, or only a pin did. */
  onTrusted?: (caVerified: boolean) => void;
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
    // Small writes (each sign-in step) go out at once instead of waiting for the previous ACK.
    options.socket?.setNoDelay(true);
    const socket = tls.connect({
      ...options,
      servername: this.policy.domain,
      ca: trustedCertificates(),
      // Verified below, so that a pinned certificate can be accepted and a refused one described.
      rejectUnauthorized: false,
      minVersion: "TLSv1.2",
    });
    socket.setNoDelay(true);
    this.socket = socket;
    socket.once("secureConnect", () => {
      const verdict = checkCertificate(socket, this.policy);
      if (!verdict.trusted) {
        this.emit("error", new CertificateError(verdict.problem));
        socket.destroy();
        return;
      }
      this.policy.onTrusted?.(verdict.caVerified);
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
