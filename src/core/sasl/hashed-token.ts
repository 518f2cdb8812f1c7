/**
 * HT-SHA-256-EXPR and HT-SHA-256-NONE (draft-schmaus-kitten-sasl-ht), the mechanisms FAST
 * (XEP-0484) signs in with, as Prosody's mod_sasl2_fast implements them:
 *   client:  username NUL HMAC-SHA-256(token, "Initiator" || cb-data)
 *   server:  success, additional-data = HMAC-SHA-256(token, "Responder" || cb-data)
 * cb-data is this connection's tls-exporter value (RFC 9266) for EXPR, empty for NONE.
 *
 * Why not @xmpp/sasl-ht-sha-256-none: it has no EXPR, and it leaves a success without
 * `<additional-data>` unchecked. Here the responder is always required (see client-auth.ts, which
 * refuses a success whose exchange reported no verified server).
 *
 * Wire format as in scram-sha-1.ts: binary strings (one char per byte) in and out.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

import type { ExchangeCallbacks, SaslExchange } from "./sasl-exchange.js";

export const HT_SHA_256_EXPR = "HT-SHA-256-EXPR";
export const HT_SHA_256_NONE = "HT-SHA-256-NONE";

/** What our HT mechanisms read from the `creds` object @xmpp/sasl2 passes to `response()`. */
export interface HashedTokenCredentials extends ExchangeCallbacks {
  readonly username: string;
  /** The FAST token (@xmpp/sasl2 passes it as the password). */
  readonly password: string;
  /** tls-exporter data of this connection; required by EXPR, ignored by NONE. */
  readonly tlsExporter?: Uint8Array | undefined;
}

export type HashedTokenErrorCode =
  | "missing-credentials"
  | "missing-channel-binding"
  | "responder-missing"
  | "responder-mismatch"
  | "unexpected-message";

/** The only error type our HT mechanisms throw. Messages never contain the token. */
export class HashedTokenError extends Error {
  readonly code: HashedTokenErrorCode;

  constructor(code: HashedTokenErrorCode, message: string) {
    super(`FAST: ${message}`);
    this.name = "HashedTokenError";
    this.code = code;
  }
}

type State =
  | { readonly step: "initial" }
  | { readonly step: "sent"; readonly expectedResponder: Buffer; readonly onServerVerified: (() => void) | undefined }
  | { readonly step: "done" }
  | { readonly step: "failed" };

abstract class HashedTokenBase implements SaslExchange {
  // On the prototype, as the `saslmechanisms` Factory reads `Class.prototype.name`.
  declare readonly name: string;
  declare readonly clientFirst: boolean;

  #state: State = { step: "initial" };

  /** cb-data for this mechanism, or throws if the credentials lack it. */
  protected abstract channelBindingData(creds: HashedTokenCredentials): Uint8Array;

  response(creds: HashedTokenCredentials): string {
    if (this.#state.step !== "initial") {
      throw this.#fail(new HashedTokenError("unexpected-message", "the server asked for a second message"));
    }
    if (typeof creds?.username !== "string" || creds.username === "" || typeof creds.password !== "string" || creds.password === "") {
      throw this.#fail(new HashedTokenError("missing-credentials", "username and token are required"));
    }
    let cbData: Uint8Array;
    try {
      cbData = this.channelBindingData(creds);
    } catch (error) {
      throw this.#fail(error);
    }
    const token = Buffer.from(creds.password, "utf8");
    const initiator = hmacSha256(token, "Initiator", cbData);
    const expectedResponder = hmacSha256(token, "Responder", cbData);
    token.fill(0);
    this.#state = { step: "sent", expectedResponder, onServerVerified: creds.onServerVerified };
    creds.onExchangeStarted?.(this);
    return Buffer.concat([Buffer.from(creds.username, "utf8"), Buffer.from([0]), initiator]).toString("latin1");
  }

  challenge(): this {
    // HT is one message each way: a challenge is a server that does not follow it.
    throw this.#fail(new HashedTokenError("unexpected-message", "the server sent a challenge"));
  }

  /** The responder from SASL2 `<additional-data>`. */
  async final(data: string | Uint8Array): Promise<void> {
    const state = this.#state;
    if (state.step !== "sent") {
      throw this.#fail(new HashedTokenError("unexpected-message", `server message not expected in state ${state.step}`));
    }
    const received = toBytes(data);
    const expected = state.expectedResponder;
    if (received === undefined || received.length !== expected.length || !timingSafeEqual(received, expected)) {
      throw this.#fail(new HashedTokenError("responder-mismatch", "server did not prove it knows the token"));
    }
    this.#state = { step: "done" };
    state.onServerVerified?.();
  }

  get serverVerified(): boolean {
    return this.#state.step === "done";
  }

  /** Any failure is final: a later call must not resume a half-done exchange. */
  #fail(error: unknown): HashedTokenError {
    this.#state = { step: "failed" };
    if (error instanceof HashedTokenError) return error;
    return new HashedTokenError("unexpected-message", error instanceof Error ? error.message : "internal error");
  }
}

/** Token bound to this TLS connection through tls-exporter (TLS 1.3 only, see choose-mechanism.ts). */
export class HtSha256Expr extends HashedTokenBase {
  protected channelBindingData(creds: HashedTokenCredentials): Uint8Array {
    const data = creds.tlsExporter;
    if (!(data instanceof Uint8Array) || data.length === 0) {
      throw new HashedTokenError("missing-channel-binding", `${HT_SHA_256_EXPR} needs tls-exporter data`);
    }
    return data;
  }
}
Object.assign(HtSha256Expr.prototype, { name: HT_SHA_256_EXPR, clientFirst: true });

/** Token without channel binding: only where EXPR cannot be used. */
export class HtSha256None extends HashedTokenBase {
  protected channelBindingData(): Uint8Array {
    return new Uint8Array(0);
  }
}
Object.assign(HtSha256None.prototype, { name: HT_SHA_256_NONE, clientFirst: true });

function hmacSha256(key: Uint8Array, label: string, cbData: Uint8Array): Buffer {
  return createHmac("sha256", key).update(label, "latin1").update(cbData).digest();
}

/** Binary string (from atob) or bytes; undefined for a string that cannot come from atob. */
function toBytes(data: string | Uint8Array): Buffer | undefined {
  if (data instanceof Uint8Array) return Buffer.from(data);
  if (typeof data !== "string" || /[\u0100-\uffff]/.test(data)) return undefined;
  return Buffer.from(data, "latin1");
}
