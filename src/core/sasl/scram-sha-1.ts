/**
 * SCRAM-SHA-1 (RFC 5802) and SCRAM-SHA-1-PLUS with `tls-exporter` channel
 * binding (RFC 9266), shaped for the `saslmechanisms` Factory that
 * @xmpp/sasl and @xmpp/sasl2 use.
 *
 * Why not the bundled `sasl-scram-sha-1`: it derives SaltedPassword with one
 * WebCrypto HMAC call per iteration (~0.9 s at Prosody's i=10000) and has no
 * -PLUS. Here the derivation is ONE async `crypto.pbkdf2` call (runs on the
 * libuv thread pool, a few ms) and the server signature is always checked.
 *
 * Call sequence used by @xmpp/sasl{,2}:
 *   response(creds)  -> client-first-message
 *   challenge(data)  <- server-first-message
 *   response(creds)  -> client-final-message
 *   final(data)      <- server-final-message  (SASL2 `<additional-data>`)
 * Some legacy servers send the server-final as a further `<challenge>`; that
 * is accepted too, and the following response() returns "" as RFC 6120 asks.
 * Legacy @xmpp/sasl ignores the payload of `<success>`, so on that path
 * `final()` is never called: use `creds.onServerVerified` (see client-auth.ts)
 * to refuse a sign-in whose server signature was never checked.
 *
 * XEP-0474 (SCRAM downgrade protection): a server-first message may carry
 * `h=`, the hash of the mechanism list (and channel binding types) the server
 * offered. It is covered by the server signature, so a MITM that trimmed the
 * offer cannot fix it up: a mismatch aborts before the client-final is sent.
 *
 * Wire format: @xmpp/base64 uses btoa/atob, i.e. "binary strings" (one char
 * per byte). response() therefore returns UTF-8 bytes as a binary string and
 * challenge()/final() accept binary strings (or Uint8Array).
 *
 * No SASLprep is applied (deliberately): usernames are escaped per RFC 5802
 * (`=` -> `=3D`, `,` -> `=2C`) and the password is used as its UTF-8 bytes.
 * This is exact for ASCII passwords; non-ASCII passwords only work if the
 * server stored them in the same (unnormalised) form.
 */
import {
  createHash,
  createHmac,
  pbkdf2 as pbkdf2Callback,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { promisify } from "node:util";

import type { ExchangeCallbacks, SaslExchange } from "./sasl-exchange.js";

const pbkdf2 = promisify(pbkdf2Callback);

/** The only channel binding type we implement (RFC 9266, TLS 1.3). */
export type ChannelBindingType = "tls-exporter";

/** Channel binding data for -PLUS: 32 bytes from the TLS exporter. */
export interface ChannelBinding {
  readonly type: ChannelBindingType;
  readonly data: Uint8Array;
}

/**
 * What our SCRAM mechanisms read from the `creds` object that @xmpp/sasl{,2}
 * pass to `response()` (they spread the caller's credentials into it).
 */
export interface ScramCredentials extends ExchangeCallbacks {
  readonly username: string;
  readonly password: string;
  /** Authorization identity; omit (or null, as @xmpp sets) for none. */
  readonly authzid?: string | null;
  /** Required by SCRAM-SHA-1-PLUS; ignored by SCRAM-SHA-1. */
  readonly channelBinding?: ChannelBinding;
  /**
   * SCRAM-SHA-1 only: set when we COULD bind but the server offered no -PLUS
   * mechanism. Sends gs2 flag "y" so that a server which does support channel
   * binding (i.e. someone stripped -PLUS from the offer) fails the exchange.
   * Never set it when the server offered -PLUS: it would then reject us.
   */
  readonly channelBindingSupported?: boolean;
  /** XEP-0474: what the server offered, to check its `h=` against. */
  readonly downgradeProtection?: ScramDowngradeProtection;
}

export interface ScramDowngradeProtection {
  /** `ssdpOffer()` of the stream features this exchange was chosen from. */
  readonly offer: string;
  /** The server signed its offer before: a server-first without `h=` is a downgrade. */
  readonly required: boolean;
  /** Called when the server-first's `h=` matched the offer. */
  readonly onVerified?: () => void;
}

/**
 * The text XEP-0474 hashes, as Prosody's mod_sasl_ssdp builds it: the offered mechanism names
 * sorted and joined by U+001E, then, if channel binding types were advertised, U+001F and those
 * types sorted and joined by U+001E.
 */
export function ssdpOffer(mechanisms: readonly string[], channelBindings: readonly string[]): string {
  const list = [...mechanisms].sort().join("\u001e");
  return channelBindings.length === 0 ? list : `${list}\u001f${[...channelBindings].sort().join("\u001e")}`;
}

export type ScramErrorCode =
  | "missing-credentials"
  | "missing-channel-binding"
  | "malformed-server-first"
  | "mandatory-extension"
  | "nonce-mismatch"
  | "iteration-count-too-low"
  | "iteration-count-too-high"
  | "malformed-server-final"
  | "server-error"
  | "server-signature-mismatch"
  | "server-signature-missing"
  | "downgrade-hash-missing"
  | "downgrade-hash-mismatch"
  | "unexpected-message";

/** The only error type our mechanisms throw. Messages never contain secrets. */
export class ScramError extends Error {
  readonly code: ScramErrorCode;
  /** The `e=` value when code is "server-error". */
  readonly serverError: string | undefined;

  constructor(code: ScramErrorCode, message: string, serverError?: string) {
    super(`SCRAM: ${message}`);
    this.name = "ScramError";
    this.code = code;
    this.serverError = serverError;
  }
}

export interface ScramOptions {
  /**
   * Fixed client nonce, for test vectors only. Must be printable ASCII
   * without ",". Default: 24 base64 chars from 18 random bytes.
   */
  readonly clientNonce?: string;
  /** Injectable random source (tests); default crypto.randomBytes. */
  readonly randomBytes?: (size: number) => Uint8Array;
  /** RFC 5802 §5.1 says at least 4096; lower is refused. */
  readonly minIterations?: number;
  /** Upper bound so a hostile server cannot pin a CPU core for minutes. */
  readonly maxIterations?: number;
}

const DEFAULT_MIN_ITERATIONS = 4096;
// Prosody uses 10 000; 1 000 000 PBKDF2-SHA1 rounds is still well under a second.
const DEFAULT_MAX_ITERATIONS = 1_000_000;
const SHA1_LENGTH = 20;

type State =
  | { readonly step: "initial" }
  | {
      readonly step: "sent-first";
      readonly creds: ScramCredentials;
      readonly gs2Header: string;
      readonly clientFirstBare: string;
    }
  | {
      readonly step: "got-first";
      readonly creds: ScramCredentials;
      readonly gs2Header: string;
      readonly clientFirstBare: string;
      readonly serverFirst: string;
      readonly nonce: string;
      readonly salt: Buffer;
      readonly iterations: number;
    }
  | {
      readonly step: "sent-final";
      readonly expectedServerSignature: Buffer;
      readonly onServerVerified: (() => void) | undefined;
    }
  | { readonly step: "done" }
  | { readonly step: "failed" };

abstract class ScramSha1Base implements SaslExchange {
  // Set on the prototype below (the Factory reads `Class.prototype.name`);
  // `declare` keeps TS from emitting an own field that would shadow it.
  declare readonly name: string;
  declare readonly clientFirst: boolean;

  readonly #clientNonce: string;
  readonly #minIterations: number;
  readonly #maxIterations: number;
  #state: State = { step: "initial" };

  constructor(options: ScramOptions = {}) {
    this.#minIterations = options.minIterations ?? DEFAULT_MIN_ITERATIONS;
    this.#maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
    if (options.clientNonce !== undefined) {
      if (!isValidNonce(options.clientNonce)) {
        throw new TypeError("SCRAM: clientNonce must be printable ASCII without ','");
      }
      this.#clientNonce = options.clientNonce;
    } else {
      const random = options.randomBytes ?? randomBytes;
      this.#clientNonce = Buffer.from(random(18)).toString("base64");
    }
  }

  /** gs2 header for this mechanism, or throws if creds are unusable. */
  protected abstract gs2Header(creds: ScramCredentials, authzidPart: string): string;
  /** Bytes that follow the gs2 header inside `c=` (channel binding data). */
  protected abstract channelBindingData(creds: ScramCredentials): Uint8Array;

  async response(creds: ScramCredentials): Promise<string> {
    const state = this.#state;
    switch (state.step) {
      case "initial":
        return this.#clientFirst(creds);
      case "got-first":
        return this.#clientFinal(state);
      case "done":
        // Server-final arrived as a <challenge>: RFC 6120 wants an empty response.
        return "";
      default:
        throw this.#fail(new ScramError("unexpected-message", `response() not expected in state ${state.step}`));
    }
  }

  async challenge(data: string | Uint8Array): Promise<this> {
    const state = this.#state;
    if (state.step === "sent-first") {
      this.#receiveServerFirst(state, data);
      return this;
    }
    if (state.step === "sent-final") {
      this.#receiveServerFinal(state, data);
      return this;
    }
    throw this.#fail(new ScramError("unexpected-message", `challenge not expected in state ${state.step}`));
  }

  /** Server-final message from SASL2 `<additional-data>` (or legacy `<success>`). */
  async final(data: string | Uint8Array): Promise<void> {
    const state = this.#state;
    if (state.step !== "sent-final") {
      throw this.#fail(new ScramError("unexpected-message", `server-final not expected in state ${state.step}`));
    }
    this.#receiveServerFinal(state, data);
  }

  /** True once the server proved it knows the password (or the verifier). */
  get serverVerified(): boolean {
    return this.#state.step === "done";
  }

  #clientFirst(creds: ScramCredentials): string {
    if (typeof creds?.username !== "string" || typeof creds.password !== "string") {
      throw this.#fail(new ScramError("missing-credentials", "username and password are required"));
    }
    const authzid = creds.authzid ? `a=${escapeName(creds.authzid)}` : "";
    let gs2Header: string;
    try {
      gs2Header = this.gs2Header(creds, authzid);
    } catch (error) {
      throw this.#fail(error);
    }
    const clientFirstBare = `n=${escapeName(creds.username)},r=${this.#clientNonce}`;
    this.#state = { step: "sent-first", creds, gs2Header, clientFirstBare };
    creds.onExchangeStarted?.(this);
    return toBinaryString(gs2Header + clientFirstBare);
  }

  #receiveServerFirst(state: Extract<State, { step: "sent-first" }>, data: string | Uint8Array): void {
    const fail = (code: ScramErrorCode, message: string, serverError?: string): never => {
      throw this.#fail(new ScramError(code, message, serverError));
    };
    const serverFirst = decodeUtf8(data);
    if (serverFirst === undefined) return fail("malformed-server-first", "server-first-message is not UTF-8");

    const attributes = serverFirst.split(",");
    const first = attributes[0] ?? "";
    if (first.startsWith("e=")) return fail("server-error", `server error: ${first.slice(2)}`, first.slice(2));
    if (first.startsWith("m=")) return fail("mandatory-extension", "server requires an unsupported extension");

    // RFC 5802 §7: server-first-message = [reserved-mext ","] nonce "," salt "," iteration-count ["," extensions]
    const [r, s, i] = attributes;
    if (!r?.startsWith("r=") || !s?.startsWith("s=") || !i?.startsWith("i=")) {
      return fail("malformed-server-first", "expected r=,s=,i= attributes");
    }
    const nonce = r.slice(2);
    if (!isValidNonce(nonce)) return fail("malformed-server-first", "invalid nonce characters");
    // The combined nonce must extend ours: otherwise it's a replay or a MITM.
    if (!nonce.startsWith(this.#clientNonce) || nonce.length === this.#clientNonce.length) {
      return fail("nonce-mismatch", "server nonce does not extend the client nonce");
    }
    const salt = decodeBase64Strict(s.slice(2));
    if (salt === undefined || salt.length === 0) return fail("malformed-server-first", "invalid salt");
    const iterationText = i.slice(2);
    if (!/^[1-9][0-9]{0,9}$/.test(iterationText)) return fail("malformed-server-first", "invalid iteration count");
    const iterations = Number(iterationText);
    if (iterations < this.#minIterations) {
      return fail("iteration-count-too-low", `iteration count ${iterations} is below ${this.#minIterations}`);
    }
    if (iterations > this.#maxIterations) {
      return fail("iteration-count-too-high", `iteration count ${iterations} is above ${this.#maxIterations}`);
    }
    const extensions = attributes.slice(3);
    for (const extension of extensions) {
      // Extensions must at least look like attr=value; anything else is garbage.
      if (!/^[A-Za-z]=/.test(extension)) return fail("malformed-server-first", "malformed extension");
    }
    this.#checkDowngradeHash(state.creds.downgradeProtection, extensions, fail);

    this.#state = {
      step: "got-first",
      creds: state.creds,
      gs2Header: state.gs2Header,
      clientFirstBare: state.clientFirstBare,
      serverFirst,
      nonce,
      salt,
      iterations,
    };
  }

  /** XEP-0474, before anything else is sent. */
  #checkDowngradeHash(
    protection: ScramDowngradeProtection | undefined,
    extensions: readonly string[],
    fail: (code: ScramErrorCode, message: string) => never,
  ): void {
    if (!protection) return;
    const hashes = extensions.filter((extension) => extension.startsWith("h="));
    if (hashes.length > 1) fail("malformed-server-first", "more than one h= attribute");
    const hash = hashes[0];
    if (hash === undefined) {
      if (protection.required) fail("downgrade-hash-missing", "the server did not sign its mechanism list this time");
      return;
    }
    const received = decodeBase64Strict(hash.slice(2));
    const expected = createHash("sha1").update(protection.offer, "utf8").digest();
    if (received === undefined || received.length !== expected.length || !timingSafeEqual(received, expected)) {
      fail("downgrade-hash-mismatch", "the mechanisms offered differ from those the server signed");
    }
    protection.onVerified?.();
  }

  async #clientFinal(state: Extract<State, { step: "got-first" }>): Promise<string> {
    const { creds } = state;
    // Drop the credentials from our state before any await, so nothing keeps
    // the password around once the proof is computed.
    this.#state = { step: "failed" };

    let cbData: Uint8Array;
    try {
      cbData = this.channelBindingData(creds);
    } catch (error) {
      throw this.#fail(error);
    }
    const cbindInput = Buffer.concat([Buffer.from(state.gs2Header, "utf8"), cbData]);
    const clientFinalWithoutProof = `c=${cbindInput.toString("base64")},r=${state.nonce}`;
    const authMessage = Buffer.from(
      `${state.clientFirstBare},${state.serverFirst},${clientFinalWithoutProof}`,
      "utf8",
    );

    const saltedPassword = await pbkdf2(
      Buffer.from(creds.password, "utf8"),
      state.salt,
      state.iterations,
      SHA1_LENGTH,
      "sha1",
    );
    const clientKey = hmac(saltedPassword, "Client Key");
    const storedKey = createHash("sha1").update(clientKey).digest();
    const clientSignature = hmac(storedKey, authMessage);
    const clientProof = xor(clientKey, clientSignature);
    const serverKey = hmac(saltedPassword, "Server Key");
    const expectedServerSignature = hmac(serverKey, authMessage);
    saltedPassword.fill(0);
    clientKey.fill(0);
    serverKey.fill(0);

    this.#state = {
      step: "sent-final",
      expectedServerSignature,
      onServerVerified: creds.onServerVerified,
    };
    return toBinaryString(`${clientFinalWithoutProof},p=${clientProof.toString("base64")}`);
  }

  #receiveServerFinal(state: Extract<State, { step: "sent-final" }>, data: string | Uint8Array): void {
    const fail = (code: ScramErrorCode, message: string, serverError?: string): never => {
      throw this.#fail(new ScramError(code, message, serverError));
    };
    const serverFinal = decodeUtf8(data);
    if (serverFinal === undefined) return fail("malformed-server-final", "server-final-message is not UTF-8");
    const first = serverFinal.split(",")[0] ?? "";
    if (first.startsWith("e=")) {
      return fail("server-error", `server error: ${first.slice(2)}`, first.slice(2));
    }
    if (!first.startsWith("v=")) return fail("malformed-server-final", "expected v= or e=");
    const signature = decodeBase64Strict(first.slice(2));
    if (signature === undefined) return fail("malformed-server-final", "invalid base64 in v=");
    const expected = state.expectedServerSignature;
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
      return fail("server-signature-mismatch", "server signature mismatch: the server did not prove it knows the password");
    }
    this.#state = { step: "done" };
    state.onServerVerified?.();
  }

  /** Any failure is final: later calls must not resume a half-done exchange. */
  #fail(error: unknown): ScramError {
    this.#state = { step: "failed" };
    if (error instanceof ScramError) return error;
    return new ScramError("unexpected-message", error instanceof Error ? error.message : "internal error");
  }
}

/** SCRAM-SHA-1 without channel binding (gs2 flag "n", or "y", see creds). */
export class ScramSha1 extends ScramSha1Base {
  protected gs2Header(creds: ScramCredentials, authzidPart: string): string {
    return `${creds.channelBindingSupported === true ? "y" : "n"},${authzidPart},`;
  }

  protected channelBindingData(): Uint8Array {
    return new Uint8Array(0);
  }
}
Object.assign(ScramSha1.prototype, { name: "SCRAM-SHA-1", clientFirst: true });

/** SCRAM-SHA-1-PLUS bound to the TLS session via `tls-exporter`. */
export class ScramSha1Plus extends ScramSha1Base {
  protected gs2Header(creds: ScramCredentials, authzidPart: string): string {
    this.channelBindingData(creds); // validate before sending anything
    return `p=tls-exporter,${authzidPart},`;
  }

  protected channelBindingData(creds: ScramCredentials): Uint8Array {
    const cb = creds.channelBinding;
    if (cb?.type !== "tls-exporter" || !(cb.data instanceof Uint8Array) || cb.data.length === 0) {
      throw new ScramError("missing-channel-binding", "SCRAM-SHA-1-PLUS needs tls-exporter channel binding data");
    }
    return cb.data;
  }
}
Object.assign(ScramSha1Plus.prototype, { name: "SCRAM-SHA-1-PLUS", clientFirst: true });

// --- helpers ---------------------------------------------------------------

/** RFC 5802 saslname escaping, done without SASLprep. */
export function escapeName(name: string): string {
  return name.replaceAll("=", "=3D").replaceAll(",", "=2C");
}

/** printable = %x21-2B / %x2D-7E (RFC 5802 §7). */
function isValidNonce(nonce: string): boolean {
  return /^[\x21-\x2b\x2d-\x7e]+$/.test(nonce);
}

function hmac(key: Uint8Array, data: string | Uint8Array): Buffer {
  return createHmac("sha1", key).update(data).digest();
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let index = 0; index < a.length; index++) out[index] = (a[index] ?? 0) ^ (b[index] ?? 0);
  return out;
}

function toBinaryString(text: string): string {
  return Buffer.from(text, "utf8").toString("latin1");
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Binary string (from atob) or bytes -> text; undefined if not valid UTF-8. */
function decodeUtf8(data: string | Uint8Array): string | undefined {
  let bytes: Uint8Array;
  if (typeof data === "string") {
    // A binary string has one byte per char; anything wider is not from atob.
    if (/[\u0100-\uffff]/.test(data)) return undefined;
    bytes = Buffer.from(data, "latin1");
  } else if (data instanceof Uint8Array) {
    bytes = data;
  } else {
    return undefined;
  }
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Node's base64 decoder silently skips junk; insist on canonical base64. */
function decodeBase64Strict(text: string): Buffer | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return undefined;
  return Buffer.from(text, "base64");
}
