/**
 * Mechanism policy, kept pure so it can be tested as a table:
 *   1. SCRAM-SHA-1-PLUS  if offered, the server advertised `tls-exporter`
 *                        (XEP-0440) and we have exporter data (TLS 1.3 only).
 *   2. SCRAM-SHA-1       if offered.
 *   3. PLAIN             only over TLS and only when no SCRAM-SHA-1 variant is
 *                        offered (the server could do better: never hand it the
 *                        password in the clear).
 *   otherwise            { ok: false, reason: "no-acceptable-mechanism" }.
 */
import type { TLSSocket } from "node:tls";

import { HT_SHA_256_EXPR, HT_SHA_256_NONE } from "./hashed-token.js";
import type { ChannelBinding } from "./scram-sha-1.js";
import { connectionTlsSocket } from "../xmpp/upstream-patches/tls-socket.js";

export const SCRAM_SHA_1_PLUS = "SCRAM-SHA-1-PLUS";
export const SCRAM_SHA_1 = "SCRAM-SHA-1";
export const PLAIN = "PLAIN";

export type WardenMechanismName = typeof SCRAM_SHA_1_PLUS | typeof SCRAM_SHA_1 | typeof PLAIN;

export interface MechanismChoiceInput {
  /** Mechanism names the server offered (any order, extra names ignored). */
  readonly offered: Iterable<string>;
  /** Whether the connection is TLS-protected (entity.isSecure()). */
  readonly secure: boolean;
  /** tls-exporter data for this connection, undefined if not available. */
  readonly tlsExporter?: Uint8Array | undefined;
  /**
   * Channel binding types the server advertised via XEP-0440
   * (`<sasl-channel-binding xmlns="urn:xmpp:sasl-cb:0">`). Empty/undefined =
   * not advertised; we then don't guess a type and skip -PLUS.
   */
  readonly serverChannelBindings?: Iterable<string> | undefined;
}

export type MechanismChoice =
  | {
      readonly ok: true;
      readonly mechanism: typeof SCRAM_SHA_1_PLUS;
      readonly channelBinding: ChannelBinding;
    }
  | {
      readonly ok: true;
      readonly mechanism: typeof SCRAM_SHA_1;
      /**
       * Pass through as `creds.channelBindingSupported`: true when we could
       * have bound but the server offered no -PLUS (gs2 flag "y", which
       * detects a -PLUS-stripping downgrade).
       */
      readonly channelBindingSupported: boolean;
    }
  | { readonly ok: true; readonly mechanism: typeof PLAIN }
  | {
      readonly ok: false;
      readonly reason: "no-acceptable-mechanism";
      readonly offered: readonly string[];
      readonly secure: boolean;
    };

export function chooseMechanism(input: MechanismChoiceInput): MechanismChoice {
  const offered = new Set(input.offered);
  const serverBindings = new Set(input.serverChannelBindings ?? []);
  const exporter = input.secure && input.tlsExporter && input.tlsExporter.length > 0 ? input.tlsExporter : undefined;

  if (offered.has(SCRAM_SHA_1_PLUS) && exporter && serverBindings.has("tls-exporter")) {
    return { ok: true, mechanism: SCRAM_SHA_1_PLUS, channelBinding: { type: "tls-exporter", data: exporter } };
  }
  if (offered.has(SCRAM_SHA_1)) {
    // "y" only when the server offered no -PLUS at all: a server that supports
    // any channel binding must (and Prosody does) reject "y".
    return { ok: true, mechanism: SCRAM_SHA_1, channelBindingSupported: exporter !== undefined && !offered.has(SCRAM_SHA_1_PLUS) };
  }
  if (input.secure && offered.has(PLAIN) && !offered.has(SCRAM_SHA_1_PLUS)) {
    return { ok: true, mechanism: PLAIN };
  }
  return { ok: false, reason: "no-acceptable-mechanism", offered: [...offered], secure: input.secure };
}

export type FastMechanismName = typeof HT_SHA_256_EXPR | typeof HT_SHA_256_NONE;

/**
 * FAST (XEP-0484) policy: HT-SHA-256-EXPR whenever the server offers it and this connection has
 * tls-exporter data (the token's proof is then bound to this TLS connection), HT-SHA-256-NONE
 * otherwise; undefined when the server offers neither, or no FAST at all.
 */
export function chooseFastMechanism(
  offered: Iterable<string> | undefined,
  tlsExporter: Uint8Array | undefined,
): FastMechanismName | undefined {
  const names = new Set(offered ?? []);
  if (names.has(HT_SHA_256_EXPR) && tlsExporter && tlsExporter.length > 0) return HT_SHA_256_EXPR;
  if (names.has(HT_SHA_256_NONE)) return HT_SHA_256_NONE;
  return undefined;
}

/**
 * Whether a stored token can sign in on this stream: its mechanism is offered and usable here
 * (EXPR needs exporter data), and it has not expired (which would only cost a round trip).
 */
export function isFastTokenUsable(
  token: { readonly mechanism: string; readonly expiry: string },
  offered: Iterable<string> | undefined,
  tlsExporter: Uint8Array | undefined,
  now: number = Date.now(),
): boolean {
  const names = new Set(offered ?? []);
  if (!names.has(token.mechanism)) return false;
  if (token.mechanism === HT_SHA_256_EXPR && !(tlsExporter && tlsExporter.length > 0)) return false;
  if (token.mechanism !== HT_SHA_256_EXPR && token.mechanism !== HT_SHA_256_NONE) return false;
  // An unreadable expiry is left to the server to judge.
  return !(Date.parse(token.expiry) <= now);
}

/** RFC 9266 §2: 32 bytes, label "EXPORTER-Channel-Binding", empty context. */
export const TLS_EXPORTER_LABEL = "EXPORTER-Channel-Binding";
export const TLS_EXPORTER_LENGTH = 32;

/**
 * tls-exporter channel binding data for a connected TLS socket, or undefined
 * when it must not be used. Only TLS 1.3: under TLS 1.2 the exporter is only
 * unique per connection with the extended master secret extension (RFC 7627),
 * which Node does not let us check, so we fall back to SCRAM-SHA-1 instead.
 */
export function tlsExporterChannelBinding(socket: TLSSocket): Uint8Array | undefined {
  if (socket.getProtocol() !== "TLSv1.3") return undefined;
  try {
    const data = socket.exportKeyingMaterial(TLS_EXPORTER_LENGTH, TLS_EXPORTER_LABEL, Buffer.alloc(0));
    return new Uint8Array(data);
  } catch {
    // Socket not yet (or no longer) connected: no binding, not an error.
    return undefined;
  }
}

/** tls-exporter data of an @xmpp/client entity's current connection, undefined when there is none to use. */
export function connectionTlsExporter(entity: { isSecure(): boolean; readonly socket: unknown }): Uint8Array | undefined {
  if (!entity.isSecure()) return undefined;
  const socket = connectionTlsSocket(entity);
  return socket ? tlsExporterChannelBinding(socket) : undefined;
}
